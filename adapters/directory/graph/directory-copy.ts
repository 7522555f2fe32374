import type { DirectoryGroup } from '../../../domain/model/directory-group.js';
import type { DirectoryRole, DirectoryUser } from '../../../domain/model/directory-user.js';
import type { GroupId, UserId } from '../../../domain/model/ids.js';
import type { SubscribedSku } from '../../../domain/model/subscribed-sku.js';
import type { Store } from '../../../domain/ports/store.js';
import { MembershipIndex, type ListEdit, type MembershipList } from '../membership-index.js';
import { LicenseStateCopy } from './license-state-copy.js';

/** Facts about the tenant itself, from `/organization`. */
export interface TenantInfo {
  readonly displayName: string;
  readonly defaultUsageLocation?: string;
}

/** Where the delta feeds stand: the links that start the next rounds, and when rounds last ran. */
export interface SyncState {
  readonly usersDeltaLink?: string;
  readonly groupsDeltaLink?: string;
  readonly fullSyncAt?: string;
  readonly roundAt?: string;
}

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
 * Members and owners are store sets indexed both ways (see MembershipIndex).
 */
export class DirectoryCopy {
  private readonly lists: MembershipIndex;
  /** Users' license assignment states, one entry per user. */
  readonly licenses: LicenseStateCopy;

  constructor(private readonly store: Store) {
    this.lists = new MembershipIndex(store, 'graph');
    this.licenses = new LicenseStateCopy(store);
  }

  getUser = (id: string) => this.store.get<DirectoryUser>(keys.user(id));
  listUsers = async () => (await this.store.list<DirectoryUser>(keys.users)).map(([, user]) => user);
  putUser = (user: DirectoryUser) => this.store.put(keys.user(user.id), user);
  deleteUser = (id: string) => this.store.delete(keys.user(id));

  getGroup = (id: string) => this.store.get<DirectoryGroup>(keys.group(id));
  listGroups = async () => (await this.store.list<DirectoryGroup>(keys.groups)).map(([, group]) => group);
  putGroup = (group: DirectoryGroup) => this.store.put(keys.group(group.id), group);

  /** Removes a group with its member and owner lists; returns the members it had. */
  async deleteGroup(id: GroupId): Promise<UserId[]> {
    const members = await this.lists.forgetGroup(id);
    await this.store.delete(keys.group(id));
    return members;
  }

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

  /** Every stored user and group id, to find what a full sync no longer sees. */
  async storedIds(): Promise<{ users: string[]; groups: string[] }> {
    const [users, groups] = await Promise.all([this.store.list(keys.users), this.store.list(keys.groups)]);
    return { users: users.map(([key]) => key.slice(keys.users.length)), groups: groups.map(([key]) => key.slice(keys.groups.length)) };
  }
}
