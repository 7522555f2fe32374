import type { Platform } from '../join-requests/join-request.js';
import type { UserId } from '../model/ids.js';
import { err, ok, type Result } from '../result.js';
import { reviewKeys, type AccessReview, type ReviewVerdict } from './access-review.js';
import type { AccessReviewPorts } from './access-review-ports.js';
import { carryOutRemovals } from './carry-out-removals.js';
import { decideReview, keepTheRest } from './decide-review.js';
import type { ReviewRefusal } from './review-refusal.js';
import { cardMembers, readReviewerFacts, reviewersOf } from './review-routing.js';

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
 * Records a reviewer's click. Whether the clicker reviews this member, whether the review is open
 * and whether the person is still a member are read from the directory now, never from the card;
 * the decision is one atomic store update, so of two reviewers clicking at once exactly one is
 * recorded. Then the audit entries, the live cards, and (for a review that removes at once) the removal.
 */
export async function decideOnReview(ports: AccessReviewPorts, click: ReviewClick): Promise<Result<ReviewDecided, ReviewRefusal>> {
  const seen = await ports.store.get<AccessReview>(reviewKeys.one(click.reviewId));
  if (!seen) return err({ reason: 'reviewNotFound' });
  const now = ports.clock.now();
  const outcome = click.memberId ? await decideOne(ports, seen, click, click.memberId, now) : await keepRest(ports, seen, click, now);
  if (!outcome.ok) return outcome;
  const { review, decided } = outcome.value;
  await Promise.all(decided.map((memberId) => ports.audit?.append({
    at: now.toISOString(), action: 'review.decided', actorId: click.deciderId, subjectId: memberId, groupId: review.groupId,
    ...(click.platform ? { platform: click.platform } : {}),
    details: { review: review.id, verdict: click.verdict, ...(click.memberId ? {} : { keptTheRest: true }), ...(memberId === click.deciderId ? { selfAttested: true } : {}), ...(click.reason ? { withReason: true } : {}) },
  })));
  ports.defer(async () => {
    if (review.removals === 'atOnce' && click.verdict === 'remove') await carryOutRemovals(ports, review, Number.POSITIVE_INFINITY);
    await ports.tell.reviewChanged((await ports.store.get<AccessReview>(reviewKeys.one(review.id))) ?? review, decided);
  });
  return outcome;
}

const choiceOf = (review: AccessReview) => review.reviewers ?? { kind: 'owners' as const };

/** Keep or Remove on one member: the clicker must review that member now (review-routing.ts), and the member still be in the group. */
async function decideOne(ports: AccessReviewPorts, seen: AccessReview, click: ReviewClick, memberId: UserId, now: Date) {
  const [facts, stillMember] = await Promise.all([
    readReviewerFacts(ports.directory, seen.groupId, choiceOf(seen), [memberId]),
    ports.directory.isMember(seen.groupId, memberId),
  ]);
  const reviewer = { id: click.deciderId, isReviewer: reviewersOf(choiceOf(seen), memberId, facts).includes(click.deciderId) };
  const choice = { memberId, verdict: click.verdict, stillMember, ...(click.reason ? { reason: click.reason } : {}) };
  return ports.store.update<AccessReview, Result<ReviewDecided, ReviewRefusal>>(reviewKeys.one(click.reviewId), (current) => {
    const decided = decideReview(current, reviewer, choice, now);
    return decided.ok ? { next: decided.value, result: ok({ review: decided.value, decided: [memberId] }) } : { result: decided };
  });
}

// Up to this many members are checked one by one; beyond, one read of the group's member set costs less.
const membershipChecksOneByOne = 100;

/**
 * Keep all the rest: the undecided members on the clicker's card whom the clicker still reviews
 * now and who are still in the group. Reads scale with the clicker's share, except that a share
 * over a hundred reads the group's member set once.
 */
async function keepRest(ports: AccessReviewPorts, seen: AccessReview, click: ReviewClick, now: Date) {
  const onCard = cardMembers(seen, click.deciderId);
  const candidates = onCard.filter((m) => seen.decisions[m] === undefined);
  const [facts, stillIn] = await Promise.all([
    readReviewerFacts(ports.directory, seen.groupId, choiceOf(seen), candidates),
    candidates.length <= membershipChecksOneByOne
      ? Promise.all(candidates.map((m) => ports.directory.isMember(seen.groupId, m))).then((flags) => new Set(candidates.filter((_, i) => flags[i])))
      : ports.directory.listMembers(seen.groupId).then((ids) => new Set<string>(ids)),
  ]);
  const reviewed = candidates.filter((m) => reviewersOf(choiceOf(seen), m, facts).includes(click.deciderId));
  const reviewer = { id: click.deciderId, isReviewer: reviewed.length > 0 || (candidates.length === 0 && onCard.length > 0) };
  const keepable = new Set(reviewed.filter((m) => stillIn.has(m)));
  return ports.store.update<AccessReview, Result<ReviewDecided, ReviewRefusal>>(reviewKeys.one(click.reviewId), (current) => {
    const rest = keepTheRest(current, reviewer, keepable, now);
    return rest.ok ? { next: rest.value.review, result: ok({ review: rest.value.review, decided: rest.value.kept }) } : { result: rest };
  });
}
