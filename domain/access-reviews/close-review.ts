import type { UserId } from '../model/ids.js';
import { undecided, type AccessReview } from './access-review.js';
import { withDecisions } from './decide-review.js';

/** A review after its close, and the members its default decided (or left to admins). */
export interface ClosedReview {
  readonly review: AccessReview;
  readonly defaulted: readonly UserId[];
}

/**
 * Closes a review whose date has come: members nobody answered for get the default chosen at the
 * start (kept, or removed), or are left undecided for admins (`tellAdmins`, owed until told).
 * Undefined when it is not due or already closed, so instances sweeping at once close it once.
 */
export function closeReview(review: AccessReview | undefined, now: Date): ClosedReview | undefined {
  if (!review || review.status !== 'open' || now.getTime() < Date.parse(review.endsAt)) return undefined;
  const left = undecided(review);
  const closed = { ...review, status: 'closed' as const, closedAt: now.toISOString() };
  if (review.unanswered === 'tellAdmins') {
    return { review: left.length > 0 ? { ...closed, adminsOwed: true } : closed, defaulted: left };
  }
  const verdict = review.unanswered;
  return { review: withDecisions(closed, left.map((m) => [m, { verdict, by: 'default', at: now.toISOString() }] as const)), defaulted: left };
}
