import type { DirectoryGroup } from '../model/directory-group.js';
import type { DirectoryUser } from '../model/directory-user.js';
import type { GroupCreationPolicy } from '../model/group-creation-policy.js';
import type { GroupId, UserId } from '../model/ids.js';
import type { NewGroup } from '../model/new-group.js';
import type { SubscribedSku } from '../model/subscribed-sku.js';

/** What a membership write did. Both outcomes of an idempotent write count as success. */
export type MembershipWrite = 'changed' | 'unchanged';

/** A group or user as a name index holds it: enough to suggest it ("did you mean …") without reading it. */
export interface NameCandidate {
  readonly id: string;
  readonly displayName: string;
}

/** One page of groups found, in name order, and how many matched in all. */
export interface GroupPage {
  readonly groups: readonly DirectoryGroup[];
  readonly total: number;
}

/** One page of people found, in name order, and how many matched in all. */
export interface UserPage {
  readonly users: readonly DirectoryUser[];
  readonly total: number;
}

/** Which page of a group search, and whether descriptions count. */
export interface GroupSearch {
  readonly limit: number;
  readonly offset?: number;
  /** Also match words of the description (`groups <words>`), not just the name and mail nickname. */
  readonly descriptions?: boolean;
}

/** Which users and groups to read together (Directory.readRecords). */
export interface RecordIds {
  readonly users?: readonly UserId[];
  readonly groups?: readonly GroupId[];
}

/** What Directory.readRecords found, in the order asked. */
export interface RecordsRead {
  readonly users: ReadonlyArray<DirectoryUser | undefined>;
  readonly groups: ReadonlyArray<DirectoryGroup | undefined>;
}

/**
 * The tenant's users and groups: the embedded sample tenant or Microsoft Graph.
 * Reads return Graph-shaped JSON; writes are idempotent.
 */
export interface Directory {
  getUser(id: UserId): Promise<DirectoryUser | undefined>;
  /**
   * Optional: several users and groups read together, in one store round trip where the directory
   * keeps them in a store (a click names its requester, decider and group; a page of cards a
   * requester each). In the order asked, undefined where there is none. Within a turn, what it
   * read is remembered for the getUser and getGroup calls that follow (bot/memoise-turn-reads.ts).
   */
  readRecords?(ids: RecordIds): Promise<RecordsRead>;
  listUsers(): Promise<readonly DirectoryUser[]>;
  getGroup(id: GroupId): Promise<DirectoryGroup | undefined>;
  listGroups(): Promise<readonly DirectoryGroup[]>;
  /** Groups whose display name or mail nickname is `name`, ignoring case and spaces: an index lookup. */
  findGroupsByName(name: string): Promise<readonly DirectoryGroup[]>;
  /**
   * Groups each typed word begins a word of (name or mail nickname; with `descriptions`, also a whole
   * description word), in name order, one page; no words pages through every group. Reads indexes only.
   */
  searchGroups(words: string, page: GroupSearch): Promise<GroupPage>;
  /** At most `limit` groups sharing the first letters of a typed word: candidates for "did you mean". */
  groupNamesLike(typed: string, limit: number): Promise<readonly NameCandidate[]>;
  /** Users whose display name, mail, user principal name or mail nickname is `name`, ignoring case and spaces. */
  findUsersByName(name: string): Promise<readonly DirectoryUser[]>;
  /** Users one of whose names contains the typed text (among those whose words begin like the typed words), in name order. */
  searchUsers(words: string, limit: number): Promise<UserPage>;
  /** At most `limit` users sharing the first letters of a typed word: candidates for "did you mean". */
  userNamesLike(typed: string, limit: number): Promise<readonly NameCandidate[]>;
  /** Users holding an Entra admin role GroupGate recognises, with their roles: a role index, not a listing. */
  listAdmins(): Promise<readonly DirectoryUser[]>;
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
