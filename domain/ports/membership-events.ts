import type { GroupId, UserId } from '../model/ids.js';

/** A member was added to or removed from a group (by a decision, a leave, or rule processing). */
export interface MembershipChanged {
  readonly groupId: GroupId;
  readonly userId: UserId;
  readonly change: 'added' | 'removed';
  /** `directory`: seen in the directory's change feed, made outside GroupGate (an admin, HR sync, Outlook). */
  readonly cause: 'joinRequest' | 'leave' | 'ownerAction' | 'membershipRule' | 'expiry' | 'directory';
}

/** Listeners that react to membership changes (licensing subscribes). */
export type MembershipListener = (event: MembershipChanged) => Promise<void>;
