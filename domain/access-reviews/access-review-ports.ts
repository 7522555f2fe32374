import type { AuditLog } from '../audit/audit-log.js';
import type { UserId } from '../model/ids.js';
import type { OwnerToolPorts } from '../group-management/owner-tool-ports.js';
import type { AccessReview, ReviewCard } from './access-review.js';

/** How people hear about a review; bot/ turns each into cards on every platform. */
export interface ReviewTeller {
  /** Sends each reviewer the review card (heading it a reminder when asked); returns where the cards landed. */
  askReviewers(review: AccessReview, reviewerIds: readonly UserId[], reminder: boolean): Promise<readonly ReviewCard[]>;
  /**
   * Edits the reviewers' cards to show the review as it stands (the live summary): every card, or
   * with `decided`, the cards listing those members (and every card of a review by owners or named people, a few).
   */
  reviewChanged(review: AccessReview, decided?: readonly UserId[]): Promise<void>;
  /** Tells a removed member why they were removed. */
  removed(review: AccessReview, memberId: UserId): Promise<void>;
  /** Tells admins which members nobody answered for (a review that ends with `tellAdmins`). */
  unansweredToAdmins(review: AccessReview, memberIds: readonly UserId[]): Promise<void>;
}

/** Everything the access-review use cases need: the owner tools' ports (a removal goes their way), the audit log and the tellers. */
export interface AccessReviewPorts extends OwnerToolPorts {
  readonly audit?: AuditLog;
  readonly tell: ReviewTeller;
  /** The group's suggested rule over these members, when one fits most of them (found within a time budget; undefined otherwise). */
  readonly suggestRule?: (members: readonly UserId[]) => Promise<{ readonly rule: string; readonly outside: readonly UserId[] } | undefined>;
  /** Runs follow-up work (cards, removals at once) without making the clicker wait. */
  readonly defer: (task: () => Promise<unknown>) => void;
}
