import type { ReviewDecision } from './access-review.js';

/** Why a reviewer's click did not record a decision. Words for people live in bot/, in one exhaustive switch. */
export type ReviewRefusal =
  | { readonly reason: 'reviewNotFound' }
  /** The review ended (its date passed or it was closed): nothing more is recorded. */
  | { readonly reason: 'reviewClosed'; readonly closedAt: string }
  /** The clicker is not a reviewer of this review now (no longer an owner, say). */
  | { readonly reason: 'notAReviewer' }
  /** A reviewer clicked on their own membership: someone else decides it. */
  | { readonly reason: 'ownMembership' }
  /** The person was not a member when the review started. */
  | { readonly reason: 'notUnderReview' }
  /** Someone decided first (another reviewer clicking at the same moment, or an older card). */
  | { readonly reason: 'alreadyDecided'; readonly decision: ReviewDecision }
  /** The member left the group meanwhile: nothing to keep or remove. */
  | { readonly reason: 'memberLeft' }
  /** Keep all the rest found nobody left to keep. */
  | { readonly reason: 'nothingLeft' };

/** Why a review did not start. */
export type ReviewStartRefusal =
  | { readonly reason: 'dynamicGroup'; readonly membershipRule: string }
  | { readonly reason: 'syncedFromOnPremises' }
  | { readonly reason: 'mailEnabledOrDistributionList' }
  | { readonly reason: 'notAnOwner' }
  | { readonly reason: 'noMembers' }
  | { readonly reason: 'alreadyRunning'; readonly reviewId: string; readonly endsAt: string };
