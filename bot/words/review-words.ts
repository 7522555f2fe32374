import type { AccessReview, UnansweredDefault } from '../../domain/access-reviews/access-review.js';
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

/** Why a reviewer's click recorded nothing. */
export function reviewRefusalWords(refusal: ReviewRefusal, groupName: string, decidedBy: string | undefined, now: Date): Line {
  switch (refusal.reason) {
    case 'reviewNotFound':
      return ["I can't find that review any more."];
    case 'reviewClosed':
      return [`This review of ${groupName} ended ${clockTime(refusal.closedAt, now)}, so nothing more is recorded.`];
    case 'notAReviewer':
      return [`Only the owners of ${groupName} review its members.`];
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
