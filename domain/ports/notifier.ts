import type { UserId } from '../model/ids.js';
import type { CardLocation, JoinRequest, SentApprovalCard } from '../join-requests/join-request.js';
import type { MembershipEnd } from '../time-bound-membership/membership-end.js';

/**
 * Something GroupGate must tell people outside the conversation they are in. The notifier decides
 * how (cards, direct messages, which platform); the domain only says what happened.
 */
export type Notification =
  /** Approvers get a card with Approve / Deny; `reminder` heads it "Still waiting". */
  | { readonly kind: 'approvalRequested'; readonly request: JoinRequest; readonly approverIds: readonly UserId[]; readonly reminder: boolean }
  /** A request left pending (decided, cancelled, expired): every approver's card shows it; the requester is told. */
  | { readonly kind: 'requestClosed'; readonly request: JoinRequest }
  /** An approval counted towards a stage's quorum: every approver's card shows the count. */
  | { readonly kind: 'approvalCounted'; readonly request: JoinRequest }
  /** A stage approved, the request moved on to the next (whose approvers are `approverIds`): the earlier cards show it, and the requester is told. */
  | { readonly kind: 'stageReached'; readonly request: JoinRequest; readonly approverIds: readonly UserId[] }
  /** A stage unanswered too long went to alternates (`approverIds`): the requester is told. */
  | { readonly kind: 'requestEscalated'; readonly request: JoinRequest; readonly approverIds: readonly UserId[] }
  /** Cards that went out while the request was being decided: edited to show it as it stands now. */
  | { readonly kind: 'approvalCardsBehind'; readonly request: JoinRequest; readonly cards: readonly SentApprovalCard[] }
  /** The requester's receipts (their request with its Cancel button) shown while the request was being closed: edited to its outcome. */
  | { readonly kind: 'receiptsBehind'; readonly request: JoinRequest; readonly receipts: readonly CardLocation[] }
  /** A time-bound membership ends soon: the member may extend it, or leave now. */
  | { readonly kind: 'membershipEnding'; readonly membership: MembershipEnd }
  /** A time-bound membership ended and the member was removed. */
  | { readonly kind: 'membershipEnded'; readonly membership: MembershipEnd };

/** What a notification reached. */
export interface NotifyReport {
  /** People GroupGate could not reach on any platform (for example: never installed the Teams app). */
  readonly unreachable: readonly UserId[];
  /** People a platform failed to reach just now (it answered with an error, not "no such contact"): worth trying again. */
  readonly failed?: readonly UserId[];
  /** The approval cards sent (approvalRequested), for the request to record where they are. */
  readonly cards?: readonly SentApprovalCard[];
}

/** Delivers notifications to people on whatever platforms they use. */
export interface Notifier {
  notify(notification: Notification): Promise<NotifyReport>;
}
