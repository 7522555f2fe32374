import type { Platform } from '../join-requests/join-request.js';
import type { UserId } from '../model/ids.js';
import { err, ok, type Result } from '../result.js';
import { reviewKeys, type AccessReview, type ReviewVerdict } from './access-review.js';
import { readReviewers, type AccessReviewPorts } from './access-review-ports.js';
import { carryOutRemovals } from './carry-out-removals.js';
import { decideReview, keepTheRest } from './decide-review.js';
import type { ReviewRefusal } from './review-refusal.js';

/** A reviewer's click: one member kept or removed, or Keep all the rest (`memberId` absent). */
export interface ReviewClick {
  readonly reviewId: string;
  readonly deciderId: UserId;
  readonly memberId?: UserId;
  readonly verdict: ReviewVerdict;
  readonly reason?: string;
  readonly platform?: Platform;
}

/** The review after the click, and the members it decided. */
export interface ReviewDecided {
  readonly review: AccessReview;
  readonly decided: readonly UserId[];
}

/**
 * Records a reviewer's click. Whether the clicker reviews this group, whether the review is open
 * and whether the person is still a member are read from the directory now, never from the card;
 * the decision is one atomic store update, so of two reviewers clicking at once exactly one is
 * recorded. Then the audit entries, the live cards, and (for a review that removes at once) the removal.
 */
export async function decideOnReview(ports: AccessReviewPorts, click: ReviewClick): Promise<Result<ReviewDecided, ReviewRefusal>> {
  const seen = await ports.store.get<AccessReview>(reviewKeys.one(click.reviewId));
  if (!seen) return err({ reason: 'reviewNotFound' });
  const [reviewers, membership] = await Promise.all([
    readReviewers(ports.directory, seen.groupId),
    click.memberId ? ports.directory.isMember(seen.groupId, click.memberId) : ports.directory.listMembers(seen.groupId),
  ]);
  const reviewer = { id: click.deciderId, isReviewer: reviewers.includes(click.deciderId) };
  const now = ports.clock.now();
  const outcome = await ports.store.update<AccessReview, Result<ReviewDecided, ReviewRefusal>>(reviewKeys.one(click.reviewId), (current) => {
    if (click.memberId) {
      const choice = { memberId: click.memberId, verdict: click.verdict, stillMember: membership === true, ...(click.reason ? { reason: click.reason } : {}) };
      const decided = decideReview(current, reviewer, choice, now);
      return decided.ok ? { next: decided.value, result: ok({ review: decided.value, decided: [click.memberId] }) } : { result: decided };
    }
    const rest = keepTheRest(current, reviewer, new Set(Array.isArray(membership) ? membership : []), now);
    return rest.ok ? { next: rest.value.review, result: ok({ review: rest.value.review, decided: rest.value.kept }) } : { result: rest };
  });
  if (!outcome.ok) return outcome;
  const { review, decided } = outcome.value;
  await Promise.all(decided.map((memberId) => ports.audit?.append({
    at: now.toISOString(), action: 'review.decided', actorId: click.deciderId, subjectId: memberId, groupId: review.groupId,
    ...(click.platform ? { platform: click.platform } : {}),
    details: { review: review.id, verdict: click.verdict, ...(click.memberId ? {} : { keptTheRest: true }), ...(click.reason ? { withReason: true } : {}) },
  })));
  ports.defer(async () => {
    if (review.removals === 'atOnce' && click.verdict === 'remove') await carryOutRemovals(ports, review, Number.POSITIVE_INFINITY);
    await ports.tell.reviewChanged((await ports.store.get<AccessReview>(reviewKeys.one(review.id))) ?? review);
  });
  return outcome;
}
