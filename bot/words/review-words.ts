import type { AccessReview, ReviewerChoice, UnansweredDefault } from '../../domain/access-reviews/access-review.js';
import type { ReviewSkuLine } from '../../domain/access-reviews/review-seat-facts.js';
import type { ReviewRefusal, ReviewStartRefusal } from '../../domain/access-reviews/review-refusal.js';
import type { ReviewSummary } from '../../domain/access-reviews/summarize-review.js';
import type { DirectoryGroup } from '../../domain/model/directory-group.js';
import { bold, code, message, type Line, type MessageView, type Tone } from '../../cards/card-view.js';
import { joinRefusalWords } from './refusal-words.js';
import { clockTime, endTime } from './time-words.js';

/** "38 of 52 reviewed: 30 kept, 8 to remove, 14 left", and once it ended, what was removed. */
export function summaryWords(summary: ReviewSummary, review: Pick<AccessReview, 'status'>): { readonly text: string; readonly tone: Tone } {
  const counts = `${summary.reviewed} of ${summary.total} reviewed: ${summary.kept} kept, ${summary.toRemove} to remove, ${summary.left} left`;
  if (review.status === 'open') return { text: counts, tone: 'default' };
  const removed = summary.removed > 0 || summary.skipped > 0 ? ` · ${summary.removed} removed${summary.skipped ? `, ${summary.skipped} had left` : ''}` : '';
  return { text: `Ended · ${counts}${removed}`, tone: 'good' };
}

/** What happens to members nobody answers for, as the card says it. */
export function unansweredWords(unanswered: UnansweredDefault): string {
  switch (unanswered) {
    case 'keep':
      return 'Members nobody answers for are kept.';
    case 'remove':
      return 'Members nobody answers for are removed.';
    case 'tellAdmins':
      return 'Members nobody answers for are listed for your admins.';
  }
}

/** The reviewer card's intro: by when, what happens to the unanswered, and when removals happen. */
export function reviewIntro(review: AccessReview, groupName: string, now: Date): Line[] {
  if (review.status === 'closed') return [['This review of ', bold(groupName), ` ended ${clockTime(review.closedAt ?? review.endsAt, now)}.`]];
  return [
    ['Keep or remove each member of ', bold(groupName), ` by ${endTime(review.endsAt, now)}.`],
    [`${unansweredWords(review.unanswered)} ${review.removals === 'atOnce' ? 'Removals happen at once.' : 'Removals happen when the review ends.'}`],
  ];
}

/** A member's self-attestation card: what is asked, by when, and what silence means. */
export function selfAttestIntro(review: AccessReview, groupName: string, now: Date): Line[] {
  if (review.status === 'closed') return [['This review of ', bold(groupName), ` ended ${clockTime(review.closedAt ?? review.endsAt, now)}.`]];
  const silence = review.unanswered === 'remove' ? "If you don't answer, you are removed." : review.unanswered === 'keep' ? "If you don't answer, you stay a member." : "If you don't answer, an admin decides.";
  return [['The owners of ', bold(groupName), ` are checking who still needs it. Please answer by ${endTime(review.endsAt, now)}. ${silence}`]];
}

/** Lines about the whole group: the seats its SKUs have, and the suggested rule the flags refer to. */
export function reviewFactLines(review: AccessReview, skus: readonly ReviewSkuLine[]): Line[] {
  return [
    ...skus.map((s): Line => [`${s.name}: ${s.free} of ${s.total} seats free, ${s.waiting} ${s.waiting === 1 ? 'person' : 'people'} waiting for one.`]),
    ...(review.suggestedRule && review.reviewers?.kind !== 'members' ? [['Suggested rule: ', code(review.suggestedRule.rule), ` (${review.suggestedRule.outside.length} of ${review.members.length} members fall outside it).`] satisfies Line] : []),
  ];
}

/** Who reviews, in words: "its owners", "each member's manager", "Dana Lee", "each member". */
export function reviewersWords(choice: ReviewerChoice | undefined, named: readonly string[] = []): string {
  switch (choice?.kind ?? 'owners') {
    case 'owners':
      return 'the owners';
    case 'managers':
      return "each member's manager (the owners for members without one)";
    case 'people':
      return named.join(' and ') || 'the named reviewers';
    case 'members':
      return 'each member themself';
  }
}

/** Why a reviewer's click recorded nothing. */
export function reviewRefusalWords(refusal: ReviewRefusal, groupName: string, decidedBy: string | undefined, now: Date, choice?: ReviewerChoice): Line {
  switch (refusal.reason) {
    case 'reviewNotFound':
      return ["I can't find that review any more."];
    case 'reviewClosed':
      return [`This review of ${groupName} ended ${clockTime(refusal.closedAt, now)}, so nothing more is recorded.`];
    case 'notAReviewer':
      return (choice?.kind ?? 'owners') === 'owners' ? [`Only the owners of ${groupName} review its members.`] : [`You are not this member's reviewer in this review of ${groupName}.`];
    case 'ownMembership':
      return [`You can't review your own membership of ${groupName}: another owner, or an admin, decides it.`];
    case 'notUnderReview':
      return ['That person is not part of this review.'];
    case 'alreadyDecided':
      return [`Already ${refusal.decision.verdict === 'keep' ? 'kept' : 'marked to remove'}${decidedBy ? ` by ${decidedBy}` : ''} at ${clockTime(refusal.decision.at, now)}.`];
    case 'memberLeft':
      return [`They are no longer a member of ${groupName}, so there is nothing to decide.`];
    case 'nothingLeft':
      return ['Everyone still in the group has been decided already.'];
  }
}

/** Why a review did not start. */
export function reviewStartRefusalWords(refusal: ReviewStartRefusal, group: DirectoryGroup, now: Date): MessageView {
  switch (refusal.reason) {
    case 'dynamicGroup':
      return message([[bold(group.displayName), " fills itself from a rule, so there is nothing to review by hand: its rule decides who is in it. Type ", code(`preview rule for ${group.displayName}`), ' to see who it matches.']]);
    case 'syncedFromOnPremises':
    case 'mailEnabledOrDistributionList':
      return joinRefusalWords(refusal, { group, ownerNames: [], now });
    case 'notAnOwner':
      return message([['Only the owners of ', bold(group.displayName), ' or an admin can review its members.']], { tone: 'attention' });
    case 'noMembers':
      return message([[bold(group.displayName), ' has no members to review.']]);
    case 'alreadyRunning':
      return message([['A review of ', bold(group.displayName), ` (${refusal.reviewId}) runs until ${endTime(refusal.endsAt, now)}. Type `, code(`review status ${group.displayName}`), ' to see where it stands.']]);
  }
}
