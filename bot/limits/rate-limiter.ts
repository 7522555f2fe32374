import type { Clock } from '../../domain/ports/clock.js';
import type { Store } from '../../domain/ports/store.js';

/** What GroupGate counts per person: everything they type or click, join requests, and rule previews. */
export type RateLimitKind = 'command' | 'joinRequest' | 'preview';

/** At most `limit` in any `windowMs`, refilled smoothly (a token bucket holding `limit` tokens). */
export interface RateLimit {
  readonly limit: number;
  readonly windowMs: number;
}

export type RateLimits = Readonly<Record<RateLimitKind, RateLimit>>;

const minute = 60_000;

/** Generous for a person, tight for a script: 60 commands a minute, 10 join requests an hour, 10 previews a minute. */
export const defaultRateLimits: RateLimits = {
  command: { limit: 60, windowMs: minute },
  joinRequest: { limit: 10, windowMs: 60 * minute },
  preview: { limit: 10, windowMs: minute },
};

/** Whether one more is allowed now, and if not, how long until it is. */
export type RateDecision = { readonly allowed: true } | { readonly allowed: false; readonly retryAfterMs: number };

/** A person's bucket as stored: tokens left at a moment (ms since the epoch). */
interface Bucket {
  readonly tokens: number;
  readonly at: number;
}

/** Store keys of the rate limiter; they change on every request, so state comparisons leave them out. */
export const rateLimitKeyPrefix = 'rate-limit:';

/**
 * Per-person rate limits kept in the shared store, so they hold across instances: each take is one
 * atomic update of the person's bucket, and a bucket left alone for a whole window expires (it
 * would be full again anyway). A refusal writes nothing.
 */
export class RateLimiter {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly limits: RateLimits = defaultRateLimits,
  ) {}

  /** Takes one from the person's `kind` bucket, or says how long until they may go again. */
  async take(kind: RateLimitKind, personId: string): Promise<RateDecision> {
    const { limit, windowMs } = this.limits[kind];
    const now = this.clock.now().getTime();
    return this.store.update<Bucket, RateDecision>(
      `${rateLimitKeyPrefix}${kind}:${personId}`,
      (bucket) => {
        // A clock that went back (another instance's, a test's) refills nothing, and takes nothing either.
        const tokens = bucket ? Math.min(limit, bucket.tokens + (Math.max(0, now - bucket.at) * limit) / windowMs) : limit;
        if (tokens < 1) return { result: { allowed: false, retryAfterMs: Math.ceil(((1 - tokens) * windowMs) / limit) } };
        return { next: { tokens: tokens - 1, at: Math.max(now, bucket?.at ?? now) }, result: { allowed: true } };
      },
      { ttlMs: windowMs },
    );
  }
}
