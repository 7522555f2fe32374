import type { UserId } from '../model/ids.js';
import { err, ok, type Result } from '../result.js';
import { isOpen, undecided, type AccessReview, type ReviewDecision, type ReviewVerdict } from './access-review.js';
import type { ReviewRefusal } from './review-refusal.js';

/** The clicker as the directory says now. */
export interface Reviewer {
  readonly id: UserId;
  readonly isReviewer: boolean;
}

/** One reviewer's verdict on one member, as asked. */
export interface ReviewChoice {
  readonly memberId: UserId;
  readonly verdict: ReviewVerdict;
  readonly reason?: string;
  /** Whether the member is in the group now (read from the directory at the click). */
  readonly stillMember: boolean;
}

/**
 * Records one verdict, once: the review must be open, the clicker a reviewer now, the person under
 * review, still a member and not decided yet. Pure, so it runs inside the store's atomic update:
 * of two reviewers clicking at once, the second meets `alreadyDecided`.
 */
export function decideReview(review: AccessReview | undefined, reviewer: Reviewer, choice: ReviewChoice, now: Date): Result<AccessReview, ReviewRefusal> {
  const refused = refusal(review, reviewer, now);
  // Nobody reviews their own membership: another owner (or an admin) decides it.
  if (refused?.reason === 'notAReviewer' && reviewer.id === choice.memberId) return err({ reason: 'ownMembership' });
  if (refused) return err(refused);
  const open = review!;
  if (!open.members.includes(choice.memberId)) return err({ reason: 'notUnderReview' });
  const earlier = open.decisions[choice.memberId];
  if (earlier) return err({ reason: 'alreadyDecided', decision: earlier });
  if (!choice.stillMember) return err({ reason: 'memberLeft' });
  return ok(withDecisions(open, [[choice.memberId, decision(choice.verdict, reviewer.id, now, choice.reason)]]));
}

/**
 * Keep all the rest: every member not decided yet whom this reviewer may keep (`keepable`: on their
 * card, theirs to review and still in the group, read at the click) is kept by them. Members who
 * left meanwhile are left out, not kept.
 */
export function keepTheRest(review: AccessReview | undefined, reviewer: Reviewer, keepable: ReadonlySet<string>, now: Date): Result<{ readonly review: AccessReview; readonly kept: readonly UserId[] }, ReviewRefusal> {
  const refused = refusal(review, reviewer, now);
  if (refused) return err(refused);
  const kept = undecided(review!).filter((m) => keepable.has(m));
  if (kept.length === 0) return err({ reason: 'nothingLeft' });
  return ok({ review: withDecisions(review!, kept.map((m) => [m, decision('keep', reviewer.id, now)])), kept });
}

function refusal(review: AccessReview | undefined, reviewer: Reviewer, now: Date): ReviewRefusal | undefined {
  if (!review) return { reason: 'reviewNotFound' };
  if (!isOpen(review, now)) return { reason: 'reviewClosed', closedAt: review.closedAt ?? review.endsAt };
  if (!reviewer.isReviewer) return { reason: 'notAReviewer' };
  return undefined;
}

const decision = (verdict: ReviewVerdict, by: UserId, now: Date, reason?: string): ReviewDecision => ({
  verdict, by, at: now.toISOString(), ...(reason ? { reason } : {}),
});

/** The review with these decisions added, and a removal owed for each `remove`. */
export function withDecisions(review: AccessReview, added: ReadonlyArray<readonly [UserId, ReviewDecision]>): AccessReview {
  const decisions = { ...review.decisions };
  const removalSteps = { ...review.removalSteps };
  for (const [member, made] of added) {
    decisions[member] = made;
    if (made.verdict === 'remove') removalSteps[member] = { state: 'owed' };
  }
  return { ...review, decisions, removalSteps };
}
