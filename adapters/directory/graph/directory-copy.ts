import type { DirectoryGroup } from '../../../domain/model/directory-group.js';
import type { DirectoryRole, DirectoryUser } from '../../../domain/model/directory-user.js';
import type { GroupId, UserId } from '../../../domain/model/ids.js';
import type { SubscribedSku } from '../../../domain/model/subscribed-sku.js';
import type { Store } from '../../../domain/ports/store.js';
import type { GraphLicenseAssignmentState } from './graph-schemas.js';

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
  members: (id: string) => `graph:members:${id}`,
  allMembers: 'graph:members:',
  owners: (id: string) => `graph:owners:${id}`,
  allOwners: 'graph:owners:',
  roles: 'graph:roles',
  skus: 'graph:skus',
  tenant: 'graph:tenant',
  licenseStates: 'graph:license-states',
  sync: 'graph:sync',
};

/** A list of user ids edited in place: the new list, or undefined to leave it as it is. */
export type IdListEdit = (ids: readonly UserId[]) => UserId[] | undefined;

/**
 * GroupGate's copy of the tenant in the store (keys `graph:…`), shared by every instance: users
 * and groups as Graph returns them, each group's members and owners, admin roles, SKUs, license
 * states, and the delta links. Previews and lists read it; sync rounds and writes keep it current.
 */
export class DirectoryCopy {
  constructor(private readonly store: Store) {}

  getUser = (id: string) => this.store.get<DirectoryUser>(keys.user(id));
  listUsers = async () => (await this.store.list<DirectoryUser>(keys.users)).map(([, user]) => user);
  putUser = (user: DirectoryUser) => this.store.put(keys.user(user.id), user);
  deleteUser = (id: string) => this.store.delete(keys.user(id));

  getGroup = (id: string) => this.store.get<DirectoryGroup>(keys.group(id));
  listGroups = async () => (await this.store.list<DirectoryGroup>(keys.groups)).map(([, group]) => group);
  putGroup = (group: DirectoryGroup) => this.store.put(keys.group(group.id), group);

  /** Removes a group with its member and owner lists. */
  async deleteGroup(id: string): Promise<void> {
    await Promise.all([this.store.delete(keys.group(id)), this.store.delete(keys.members(id)), this.store.delete(keys.owners(id))]);
  }

  members = async (groupId: string) => (await this.store.get<UserId[]>(keys.members(groupId))) ?? [];
  owners = async (groupId: string) => (await this.store.get<UserId[]>(keys.owners(groupId))) ?? [];
  setMembers = (groupId: string, ids: readonly UserId[]) => this.store.put(keys.members(groupId), ids);
  setOwners = (groupId: string, ids: readonly UserId[]) => this.store.put(keys.owners(groupId), ids);

  /** Edits a member list atomically (another instance may write it at the same time); true when it changed. */
  editMembers = (groupId: string, edit: IdListEdit) => this.editList(keys.members(groupId), edit);
  editOwners = (groupId: string, edit: IdListEdit) => this.editList(keys.owners(groupId), edit);

  /** Groups whose list (members or owners) holds the user. */
  async groupsListing(userId: UserId, list: 'members' | 'owners'): Promise<GroupId[]> {
    const prefix = list === 'members' ? keys.allMembers : keys.allOwners;
    const lists = await this.store.list<UserId[]>(prefix);
    return lists.filter(([, ids]) => ids.includes(userId)).map(([key]) => key.slice(prefix.length) as GroupId);
  }

  roles = async () => (await this.store.get<Record<string, DirectoryRole[]>>(keys.roles)) ?? {};
  setRoles = (roles: Readonly<Record<string, readonly DirectoryRole[]>>) => this.store.put(keys.roles, roles);
  skus = async () => (await this.store.get<SubscribedSku[]>(keys.skus)) ?? [];
  setSkus = (skus: readonly SubscribedSku[]) => this.store.put(keys.skus, skus);
  tenant = () => this.store.get<TenantInfo>(keys.tenant);
  setTenant = (tenant: TenantInfo) => this.store.put(keys.tenant, tenant);
  /** License assignment states by user id (only users that have any). */
  licenseStates = async () => (await this.store.get<Record<string, GraphLicenseAssignmentState[]>>(keys.licenseStates)) ?? {};
  setLicenseStates = (states: Readonly<Record<string, readonly GraphLicenseAssignmentState[]>>) => this.store.put(keys.licenseStates, states);

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

  private async editList(key: string, edit: IdListEdit): Promise<boolean> {
    return this.store.update<UserId[], boolean>(key, (current) => {
      const next = edit(current ?? []);
      return next ? { next, result: true } : { result: false };
    });
  }
}
