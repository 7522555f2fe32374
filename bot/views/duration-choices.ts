import { msFromIsoDuration } from '../../domain/group-management/membership-duration.js';
import type { JoinRequest } from '../../domain/join-requests/join-request.js';
import type { Store } from '../../domain/ports/store.js';
import { isoDuration } from '../../domain/time-bound-membership/iso-duration.js';
import { lengthWords } from '../words/time-bound-words.js';
import { readJoinRequest } from '../read-clicked-request.js';

const minute = 60_000;
const hour = 60 * minute;
const day = 24 * hour;
// Lengths an approver may pick instead of the one asked: round ones, at most five, the nearest below it.
const ladder = [30 * minute, hour, 2 * hour, 4 * hour, 8 * hour, day, 2 * day, 3 * day, 7 * day, 14 * day, 30 * day, 90 * day, 180 * day, 365 * day];
const maxShorter = 5;

/** One length an approver can grant: ISO 8601 value, and its words. */
export interface DurationChoice {
  readonly value: string;
  readonly title: string;
}

/**
 * For a time-bound request: the length asked first, then shorter ones an approver may grant
 * instead. Undefined for a request without a length.
 */
export function durationChoices(request: Pick<JoinRequest, 'duration'>): readonly DurationChoice[] | undefined {
  const askedMs = request.duration ? msFromIsoDuration(request.duration) : undefined;
  if (askedMs === undefined || !request.duration) return undefined;
  const shorter = ladder.filter((ms) => ms < askedMs).slice(-maxShorter).reverse();
  return [{ value: request.duration, title: `${lengthWords(request.duration)} (as asked)` }, ...shorter.map((ms) => ({ value: isoDuration(ms), title: lengthWords(isoDuration(ms)) }))];
}

/**
 * The choices for a still-pending time-bound request with shorter lengths to offer (none otherwise),
 * and the request as read, for the decision to go on from instead of reading it again.
 */
export async function pendingDurationChoices(store: Store, typedId: string): Promise<{ readonly choices?: readonly DurationChoice[]; readonly request?: JoinRequest }> {
  const request = await readJoinRequest(store, typedId);
  const choices = request?.status === 'pending' ? durationChoices(request) : undefined;
  return { ...(choices && choices.length > 1 ? { choices } : {}), ...(request ? { request } : {}) };
}
