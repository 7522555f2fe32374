import type { DirectoryGroup } from '../../../domain/model/directory-group.js';
import type { DirectoryRole, DirectoryUser } from '../../../domain/model/directory-user.js';
import type { GroupId, UserId } from '../../../domain/model/ids.js';
import type { SubscribedSku } from '../../../domain/model/subscribed-sku.js';
import type { Store, StoreWrite } from '../../../domain/ports/store.js';
import { AtomicWriteBatches } from '../atomic-write-batches.js';
import { buildNameIndexes } from '../build-name-indexes.js';
import { GroupNameIndex } from '../group-name-index.js';
import { MembershipIndex, type ListEdit, type MembershipList } from '../membership-index.js';
import { UserNameIndex } from '../user-name-index.js';
import { LicenseStateCopy } from './license-state-copy.js';

/** Facts about the tenant itself, from `/organization`. */
export interface TenantInfo {
  readonly displayName: string;
  readonly defaultUsageLocation?: string;
}

/**
 * A sync round's writes to the copy, packed into few atomic store batches (AtomicWriteBatches):
 * each group with its name entries, and each person joining or leaving a list with the reverse
 * entry, still lands whole (on a first load, see MembershipIndex.firstLoad, the reverse entries
 * come last). What `applied` hears is written; `flush` writes the rest.
 */
export interface DirectoryCopyBatches {
  putGroup(group: DirectoryGroup, previous: DirectoryGroup | null): Promise<void>;
  replaceList(list: MembershipList, groupId: GroupId, ids: Iterable<UserId>, applied: (edit: ListEdit) => void): Promise<void>;
  editList(list: MembershipList, groupId: GroupId, edits: readonly ListEdit[], applied: (edit: ListEdit) => void): Promise<void>;
  flush(): Promise<void>;
}

/** Where the delta feeds stand: the links that start the next rounds, and when rounds last ran. */
export interface SyncState {
  readonly usersDeltaLink?: string;
  readonly groupsDeltaLink?: string;
  readonly fullSyncAt?: string;
  readonly roundAt?: string;
}

// Keys per store read of many records.
const readPart = 1_000;

const keys = {
  user: (id: string) => `graph:user:${id}`,
  users: 'graph:user:',
  group: (id: string) => `graph:group:${id}`,
  groups: 'graph:group:',
  roles: 'graph:roles',
  skus: 'graph:skus',
  tenant: 'graph:tenant',
  sync: 'graph:sync',
};

/**
 * GroupGate's copy of the tenant in the store (keys `graph:…`), shared by every instance: users
 * and groups as Graph returns them, each group's members and owners, admin roles, SKUs, license
 * states, and the delta links. Previews and lists read it; sync rounds and writes keep it current.
 * Members and owners are store sets indexed both ways (see MembershipIndex); users and groups are
 * indexed by name (UserNameIndex, GroupNameIndex) in the same atomic batch as each write of them.
 */
export class DirectoryCopy {
  private readonly lists: MembershipIndex;
  /** Users' license assignment states, one entry per user. */
  readonly licenses: LicenseStateCopy;
  /** Users by name, mail and UPN. */
  readonly userNames: UserNameIndex;
  /** Groups by name, words and initial. */
  readonly groupNames: GroupNameIndex;

  constructor(private readonly store: Store) {
    this.lists = new MembershipIndex(store, 'graph');
    this.licenses = new LicenseStateCopy(store);
    this.userNames = new UserNameIndex(store, 'graph');
    this.groupNames = new GroupNameIndex(store, 'graph');
  }

  getUser = (id: string) => this.store.get<DirectoryUser>(keys.user(id));
  /**
   * Users and groups with the tenant's admin roles beside them, in one round trip: nearly every
   * user read needs the roles too, and a turn's records are best read together.
   */
  async records(userIds: readonly string[], groupIds: readonly string[]): Promise<{ users: Array<DirectoryUser | undefined>; groups: Array<DirectoryGroup | undefined>; roles: Record<string, DirectoryRole[]> }> {
    const read = await this.store.getMany<unknown>([keys.roles, ...userIds.map(keys.user), ...groupIds.map(keys.group)]);
    return {
      roles: (read[0] as Record<string, DirectoryRole[]> | undefined) ?? {},
      users: read.slice(1, 1 + userIds.length) as Array<DirectoryUser | undefined>,
      groups: read.slice(1 + userIds.length) as Array<DirectoryGroup | undefined>,
    };
  }
  listUsers = async () => (await this.store.list<DirectoryUser>(keys.users)).map(([, user]) => user);

  /** Stores a user with its name entries, atomically; `previous` (null: none) saves reading what was stored. */
  async putUser(user: DirectoryUser, previous?: DirectoryUser | null): Promise<void> {
    const before = previous === undefined ? await this.getUser(user.id) : (previous ?? undefined);
    await this.store.write([{ put: keys.user(user.id), value: user }, ...this.userNames.changes(before, user)]);
  }

  /** These users as stored (undefined where none is), a few round trips however many are asked. */
  getUsers = (ids: readonly string[]) => this.getMany<DirectoryUser>(ids.map(keys.user));

  /**
   * Stores and removes many users with their name entries, each user atomically with its own, many
   * users to a batch (a full round of 100,000 users is a few hundred writes, not 100,000). `previous`
   * is what was stored. What is added may wait for a later batch: `flush` writes it.
   */
  userWrites(): { add(id: string, user: DirectoryUser | undefined, previous: DirectoryUser | undefined): Promise<void>; flush(): Promise<void> } {
    const batches = new AtomicWriteBatches(this.store);
    return {
      add: (id, user, previous) => batches.add([user ? { put: keys.user(id), value: user } : { delete: keys.user(id) }, ...this.userNames.changes(previous, user)]),
      flush: () => batches.flush(),
    };
  }

  getGroup = (id: string) => this.store.get<DirectoryGroup>(keys.group(id));
  /** These groups as stored (undefined where none is). */
  getGroups = (ids: readonly string[]) => this.getMany<DirectoryGroup>(ids.map(keys.group));
  listGroups = async () => (await this.store.list<DirectoryGroup>(keys.groups)).map(([, group]) => group);

  /** Stores a group with its name entries, atomically: a rename moves exactly the entries that changed. */
  async putGroup(group: DirectoryGroup, previous?: DirectoryGroup | null): Promise<void> {
    const before = previous === undefined ? await this.getGroup(group.id) : (previous ?? undefined);
    await this.store.write(this.groupWrites(group, before));
  }

  /**
   * Writes for a sync round, batched: see DirectoryCopyBatches. On a first load (`firstLoad`: no
   * full sync has completed, so the copy is not read as the tenant yet) lists are written in key
   * order, their reverse entries at `flush` (MembershipIndex.firstLoad).
   */
  batched(options: { readonly firstLoad: boolean }): DirectoryCopyBatches {
    const batches = new AtomicWriteBatches(this.store);
    const firstLoad = options.firstLoad ? this.lists.firstLoad(batches) : undefined;
    return {
      putGroup: (group, previous) => batches.add(this.groupWrites(group, previous ?? undefined)),
      replaceList: (list, groupId, ids, applied) => (firstLoad ? firstLoad.replace(list, groupId, ids, applied) : this.lists.queueReplace(batches, list, groupId, ids, applied)),
      editList: (list, groupId, edits, applied) => this.lists.queueEdits(batches, list, groupId, edits, applied),
      flush: () => (firstLoad ? firstLoad.finish() : batches.flush()),
    };
  }

  /** True once a first full sync has completed; until then nothing reads the copy as the tenant. */
  loaded = async () => (await this.syncState()).fullSyncAt !== undefined;

  /** Removes a group with its member and owner lists and its name entries; returns the members it had. */
  async deleteGroup(id: GroupId): Promise<UserId[]> {
    const members = await this.lists.forgetGroup(id);
    await this.store.write([{ delete: keys.group(id) }, ...this.groupNames.changes(await this.getGroup(id), undefined)]);
    return members;
  }

  /** Indexes by name the users and groups an earlier version stored without indexes (once). */
  buildNameIndexes = () => buildNameIndexes({ store: this.store, family: 'graph', usersPrefix: keys.users, groupsPrefix: keys.groups, users: this.userNames, groups: this.groupNames });

  members = (groupId: GroupId) => this.lists.list('members', groupId);
  owners = (groupId: GroupId) => this.lists.list('owners', groupId);
  isMember = (groupId: GroupId, userId: UserId) => this.lists.has('members', groupId, userId);
  memberCount = (groupId: GroupId) => this.lists.size('members', groupId);
  /** Makes a list exactly `ids`; returns who was added and who removed. */
  replaceList = (list: MembershipList, groupId: GroupId, ids: Iterable<UserId>) => this.lists.replace(list, groupId, ids);
  /** Adds or removes people atomically with their reverse entries; returns the edits that changed something. */
  editList = (list: MembershipList, groupId: GroupId, edits: readonly ListEdit[]) => this.lists.edit(list, groupId, edits);
  /** Groups whose list (members or owners) holds the user: one set read. */
  groupsListing = (userId: UserId, list: MembershipList): Promise<GroupId[]> => this.lists.groupsOf(list, userId);
  /** Moves member and owner lists an earlier version stored as arrays into the sets (once). */
  migrateArrayLists = () => this.lists.migrateArrays();

  roles = async () => (await this.store.get<Record<string, DirectoryRole[]>>(keys.roles)) ?? {};
  setRoles = (roles: Readonly<Record<string, readonly DirectoryRole[]>>) => this.store.put(keys.roles, roles);
  skus = async () => (await this.store.get<SubscribedSku[]>(keys.skus)) ?? [];
  setSkus = (skus: readonly SubscribedSku[]) => this.store.put(keys.skus, skus);
  tenant = () => this.store.get<TenantInfo>(keys.tenant);
  setTenant = (tenant: TenantInfo) => this.store.put(keys.tenant, tenant);

  syncState = async () => (await this.store.get<SyncState>(keys.sync)) ?? {};
  /** Merges into the sync state atomically. */
  async updateSyncState(patch: Partial<SyncState>): Promise<void> {
    await this.store.update<SyncState, void>(keys.sync, (current) => ({ next: { ...current, ...patch }, result: undefined }));
  }

  /** A group's record with the name entries that move with it. */
  private groupWrites(group: DirectoryGroup, before: DirectoryGroup | undefined): StoreWrite[] {
    return [{ put: keys.group(group.id), value: group }, ...this.groupNames.changes(before, group)];
  }

  /** Every stored user id, to find what a full round no longer lists (the records are read and let go). */
  storedUserIds = async () => (await this.store.list(keys.users)).map(([key]) => key.slice(keys.users.length));
  /** Every stored group id. */
  storedGroupIds = async () => (await this.store.list(keys.groups)).map(([key]) => key.slice(keys.groups.length));

  // A full round reads what it replaces a page at a time; a resync's single page may be the whole
  // tenant, so it is read in parts a store answers comfortably in one round trip.
  private async getMany<T>(keys: readonly string[]): Promise<Array<T | undefined>> {
    const found: Array<T | undefined> = [];
    for (let start = 0; start < keys.length; start += readPart) found.push(...(await this.store.getMany<T>(keys.slice(start, start + readPart))));
    return found;
  }
}
