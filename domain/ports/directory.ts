import type { DirectoryGroup } from '../model/directory-group.js';
import type { DirectoryUser } from '../model/directory-user.js';
import type { GroupId, UserId } from '../model/ids.js';
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
  /** Groups the user is a direct member of. */
  groupsOf(userId: UserId): Promise<readonly GroupId[]>;
  /** Groups the user owns. */
  groupsOwnedBy(userId: UserId): Promise<readonly GroupId[]>;
  addMember(groupId: GroupId, userId: UserId): Promise<MembershipWrite>;
  removeMember(groupId: GroupId, userId: UserId): Promise<MembershipWrite>;
  listSubscribedSkus(): Promise<readonly SubscribedSku[]>;
  /** True once the directory has loaded and answers. */
  ready(): Promise<boolean>;
}
