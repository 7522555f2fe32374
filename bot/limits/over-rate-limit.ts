import type { MessageView } from '../../cards/card-view.js';
import type { GroupGate } from '../group-gate.js';
import { rateLimitWords } from './rate-limit-words.js';
import type { RateLimitKind } from './rate-limiter.js';

/** Takes one from the person's `kind` allowance; the words to answer with when none is left, else undefined. */
export async function overRateLimit(gate: Pick<GroupGate, 'rateLimiter'>, kind: RateLimitKind, personId: string): Promise<MessageView | undefined> {
  const decision = await gate.rateLimiter.take(kind, personId);
  return decision.allowed ? undefined : rateLimitWords(kind, decision.retryAfterMs);
}
