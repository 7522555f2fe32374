import type { DirectoryGroup } from '../model/directory-group.js';
import type { DirectoryUser } from '../model/directory-user.js';
import type { GroupCreationPolicy } from '../model/group-creation-policy.js';
import type { GroupId, UserId } from '../model/ids.js';
import type { NewGroup } from '../model/new-group.js';
import type { SubscribedSku } from '../model/subscribed-sku.js';

/** What a membership write did. Both outcomes of an idempotent write count as success. */
export type MembershipWrite = 'changed' | 'unchanged';

/**
 * The tenant's users and groups: the embedded sample tenant or Microsoft Graph.
 * Reads return Graph-shaped JSON; writes are idempotent.
 */
export interface Directory {
  getUser(id: UserId): Promise<DirectoryUser | undefined>;
  listUsers(): Promise<readonly DirectoryUser[]>;
  getGroup(id: GroupId): Promise<DirectoryGroup | undefined>;
  listGroups(): Promise<readonly DirectoryGroup[]>;
  listOwners(groupId: GroupId): Promise<readonly UserId[]>;
  listMembers(groupId: GroupId): Promise<readonly UserId[]>;
  /** One lookup, whatever the group's size. */
  isMember(groupId: GroupId, userId: UserId): Promise<boolean>;
  /** How many members the group has, without listing them. */
  memberCount(groupId: GroupId): Promise<number>;
  /** Groups the user is a direct member of. */
  groupsOf(userId: UserId): Promise<readonly GroupId[]>;
  /** Groups the user owns. */
  groupsOwnedBy(userId: UserId): Promise<readonly GroupId[]>;
  addMember(groupId: GroupId, userId: UserId): Promise<MembershipWrite>;
  removeMember(groupId: GroupId, userId: UserId): Promise<MembershipWrite>;
  /** Creates a security or Microsoft 365 group whose first owner and member is its creator. */
  createGroup(group: NewGroup): Promise<DirectoryGroup>;
  addOwner(groupId: GroupId, userId: UserId): Promise<MembershipWrite>;
  removeOwner(groupId: GroupId, userId: UserId): Promise<MembershipWrite>;
  /** Optional: what the directory itself says about people creating groups (Entra's settings). */
  groupCreationPolicy?(): Promise<GroupCreationPolicy>;
  listSubscribedSkus(): Promise<readonly SubscribedSku[]>;
  /** True once the directory has loaded and answers. */
  ready(): Promise<boolean>;
  /** Optional: stores a dynamic group's membership rule; absent where GroupGate cannot write rules. */
  setMembershipRule?(groupId: GroupId, rule: string): Promise<DirectoryGroup | undefined>;
  /** Optional: changes a user's attributes (the embedded tenant's stand-in for HR updates). */
  updateUser?(userId: UserId, patch: Readonly<Record<string, unknown>>): Promise<DirectoryUser | undefined>;
  /** True when the directory processes dynamic groups itself (Entra): GroupGate then never writes their members. */
  readonly processesMembershipRules?: boolean;
}
