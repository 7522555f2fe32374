import type { AuditLog } from '../audit/audit-log.js';
import { isGroupAdmin } from '../model/directory-user.js';
import type { GroupId, UserId } from '../model/ids.js';
import type { Directory } from '../ports/directory.js';
import type { OwnerToolPorts } from '../group-management/owner-tool-ports.js';
import type { AccessReview, ReviewCard } from './access-review.js';

/** How people hear about a review; bot/ turns each into cards on every platform. */
export interface ReviewTeller {
  /** Sends each reviewer the review card (heading it a reminder when asked); returns where the cards landed. */
  askReviewers(review: AccessReview, reviewerIds: readonly UserId[], reminder: boolean): Promise<readonly ReviewCard[]>;
  /** Edits every reviewer's card to show the review as it stands (the live summary). */
  reviewChanged(review: AccessReview): Promise<void>;
  /** Tells a removed member why they were removed. */
  removed(review: AccessReview, memberId: UserId): Promise<void>;
  /** Tells admins which members nobody answered for (a review that ends with `tellAdmins`). */
  unansweredToAdmins(review: AccessReview, memberIds: readonly UserId[]): Promise<void>;
}

/** Everything the access-review use cases need: the owner tools' ports (a removal goes their way), the audit log and the tellers. */
export interface AccessReviewPorts extends OwnerToolPorts {
  readonly audit?: AuditLog;
  readonly tell: ReviewTeller;
  /** Runs follow-up work (cards, removals at once) without making the clicker wait. */
  readonly defer: (task: () => Promise<unknown>) => void;
}

/** Who reviews a group now: its owners, or, for a group without owners, the group admins. */
export async function readReviewers(directory: Directory, groupId: GroupId): Promise<readonly UserId[]> {
  const owners = await directory.listOwners(groupId);
  if (owners.length > 0) return owners;
  return (await directory.listAdmins()).filter(isGroupAdmin).map((u) => u.id);
}
