import { randomUUID } from 'node:crypto';
import type { DirectoryGroup } from '../../../domain/model/directory-group.js';
import type { DirectoryUser } from '../../../domain/model/directory-user.js';
import { groupId, userId, type GroupId, type SkuId, type UserId } from '../../../domain/model/ids.js';
import type { NewGroup } from '../../../domain/model/new-group.js';
import type { SubscribedSku } from '../../../domain/model/subscribed-sku.js';
import type { Directory, MembershipWrite, RecordIds, RecordsRead } from '../../../domain/ports/directory.js';
import type { Store } from '../../../domain/ports/store.js';
import { buildNameIndexes, markIndexed } from '../build-name-indexes.js';
import { GroupNameIndex } from '../group-name-index.js';
import { MembershipIndex, type MembershipList } from '../membership-index.js';
import { nameLookups, type NameLookupMethods } from '../name-lookups.js';
import { UserNameIndex } from '../user-name-index.js';
import { loadTenantFile } from './load-tenant-file.js';
import type { TenantFile } from './tenant-file-schema.js';

const keys = {
  seed: 'directory:seed',
  user: (id: string) => `directory:user:${id}`,
  users: 'directory:user:',
  group: (id: string) => `directory:group:${id}`,
  groups: 'directory:group:',
  skus: 'directory:skus',
  tenant: 'directory:tenant',
};

/** Facts about the embedded tenant itself. */
export interface TenantInfo {
  readonly displayName: string;
  readonly defaultUsageLocation?: string;
}

const groupsInFlight = 100;

/**
 * The Directory port on a tenant file in Microsoft Graph JSON. The file seeds the store once;
 * after that every change (members, attributes, seats) lives in the store, so restarts and other
 * instances see it. A different file (another DIRECTORY_SEED, or an edited one) reseeds. Members and
 * owners are store sets indexed both ways (MembershipIndex), and users and groups by name
 * (UserNameIndex, GroupNameIndex), as in the Graph directory's copy.
 */
// The name lookups (findGroupsByName, searchGroups, findUsersByName, listAdmins …) are assigned in the constructor.
export interface EmbeddedDirectory extends NameLookupMethods {}

export class EmbeddedDirectory implements Directory {
  private readonly lists: MembershipIndex;
  private readonly userNames: UserNameIndex;
  private readonly groupNames: GroupNameIndex;

  private constructor(private readonly store: Store, private readonly seedPath: string) {
    this.lists = new MembershipIndex(store, 'directory');
    this.userNames = new UserNameIndex(store, 'directory');
    this.groupNames = new GroupNameIndex(store, 'directory');
    Object.assign(this, nameLookups(this.groupNames, this.userNames, {
      getGroups: async (ids) => (await this.readRecords({ groups: ids })).groups,
      getUsers: async (ids) => (await this.readRecords({ users: ids })).users,
      adminIds: () => this.userNames.withRoles(),
    }));
  }

  /** Validates the tenant file (a bad one throws TenantFileError) and seeds the store when its content changed. */
  static async open(store: Store, seedPath: string): Promise<EmbeddedDirectory> {
    const { tenant, hash } = await loadTenantFile(seedPath);
    const directory = new EmbeddedDirectory(store, seedPath);
    await directory.lists.migrateArrays();
    const seeded = await store.get<{ hash: string }>(keys.seed);
    if (seeded?.hash !== hash) await directory.seed(tenant, hash);
    else await buildNameIndexes({ store, family: 'directory', usersPrefix: keys.users, groupsPrefix: keys.groups, users: directory.userNames, groups: directory.groupNames });
    return directory;
  }

  /**
   * Seeds the store again when its seed is gone (a Redis that restarted empty, a flushed database),
   * so the instance serves the tenant again without a restart. True when it seeded. Run under the
   * scheduler's lease, so one instance of several does it; a seed cut short is seeded again next time.
   */
  async seedAgainIfLost(): Promise<boolean> {
    if (await this.ready()) return false;
    const { tenant, hash } = await loadTenantFile(this.seedPath);
    await this.seed(tenant, hash);
    return true;
  }

  private async seed(tenant: TenantFile, hash: string): Promise<void> {
    // The mark goes first: a seed cut short is seeded again (the hash is written last), then indexed afresh.
    await this.store.delete('directory:name-index');
    for (const [key, old] of await this.store.list<DirectoryGroup>(keys.groups)) {
      await this.lists.forgetGroup(groupId(key.slice(keys.groups.length)));
      await this.store.write([{ delete: key }, ...this.groupNames.changes(old, undefined)]);
    }
    for (const [key, old] of await this.store.list<DirectoryUser>(keys.users)) await this.store.write([{ delete: key }, ...this.userNames.changes(old, undefined)]);
    // A few hundred users to an atomic batch: a 100,000-user seed is a few hundred writes.
    for (let start = 0; start < tenant.users.length; start += 250) {
      await this.store.write(tenant.users.slice(start, start + 250).flatMap((u) => [{ put: keys.user(u.id), value: u }, ...this.userNames.changes(undefined, u as DirectoryUser)]));
    }
    // A hundred groups in flight at a time. All 20,000 of a big tenant at once queued so long at a busy
    // Redis that writes passed their deadline (redis-write-deadline.ts) and the seed failed.
    for (let start = 0; start < tenant.groups.length; start += groupsInFlight) {
      await Promise.all(
        tenant.groups.slice(start, start + groupsInFlight).map(async ({ owners, members, ...group }) => {
          await this.store.write([{ put: keys.group(group.id), value: group }, ...this.groupNames.changes(undefined, { ...group, id: groupId(group.id) } as DirectoryGroup)]);
          await this.lists.replace('owners', groupId(group.id), owners.map(userId));
          await this.lists.replace('members', groupId(group.id), members.map(userId));
        }),
      );
    }
    await this.store.put(keys.skus, tenant.subscribedSkus);
    await this.store.put(keys.tenant, tenant.tenant ?? { displayName: 'Contoso' });
    await markIndexed(this.store, 'directory');
    await this.store.put(keys.seed, { hash });
  }

  async getUser(id: UserId): Promise<DirectoryUser | undefined> {
    return this.store.get<DirectoryUser>(keys.user(id));
  }

  /** Several users and groups in one round trip. */
  async readRecords({ users = [], groups = [] }: RecordIds): Promise<RecordsRead> {
    const read = await this.store.getMany<unknown>([...users.map(keys.user), ...groups.map(keys.group)]);
    return { users: read.slice(0, users.length) as Array<DirectoryUser | undefined>, groups: read.slice(users.length) as Array<DirectoryGroup | undefined> };
  }

  async listUsers(): Promise<readonly DirectoryUser[]> {
    return (await this.store.list<DirectoryUser>(keys.users)).map(([, u]) => u);
  }

  async getGroup(id: GroupId): Promise<DirectoryGroup | undefined> {
    return this.store.get<DirectoryGroup>(keys.group(id));
  }

  async listGroups(): Promise<readonly DirectoryGroup[]> {
    return (await this.store.list<DirectoryGroup>(keys.groups)).map(([, g]) => g);
  }

  async listOwners(groupId: GroupId): Promise<readonly UserId[]> {
    return this.lists.list('owners', groupId);
  }

  async listMembers(groupId: GroupId): Promise<readonly UserId[]> {
    return this.lists.list('members', groupId);
  }

  isMember = (groupId: GroupId, userId: UserId): Promise<boolean> => this.lists.has('members', groupId, userId);
  memberCount = (groupId: GroupId): Promise<number> => this.lists.size('members', groupId);
  groupsOf = (userId: UserId): Promise<readonly GroupId[]> => this.lists.groupsOf('members', userId);
  groupsOwnedBy = (userId: UserId): Promise<readonly GroupId[]> => this.lists.groupsOf('owners', userId);
  addMember = (groupId: GroupId, userId: UserId): Promise<MembershipWrite> => this.editList('members', groupId, userId, 'added');
  removeMember = (groupId: GroupId, userId: UserId): Promise<MembershipWrite> => this.editList('members', groupId, userId, 'removed');

  /** A new group in the store, as Graph would return it, with its creator as first owner and member. */
  async createGroup(draft: NewGroup): Promise<DirectoryGroup> {
    const group: DirectoryGroup = {
      id: groupId(randomUUID()),
      displayName: draft.displayName,
      mailNickname: draft.mailNickname,
      description: draft.description ?? null,
      ...(draft.kind === 'microsoft365'
        ? { groupTypes: ['Unified'], mailEnabled: true, securityEnabled: false, visibility: 'Private' }
        : { groupTypes: [], mailEnabled: false, securityEnabled: true, visibility: null }),
      onPremisesSyncEnabled: null,
      isAssignableToRole: false,
      membershipRule: null,
      assignedLicenses: [],
    };
    await this.lists.replace('owners', group.id, [draft.creatorId]);
    await this.lists.replace('members', group.id, [draft.creatorId]);
    await this.store.write([{ put: keys.group(group.id), value: group }, ...this.groupNames.changes(undefined, group)]);
    return group;
  }

  addOwner = (groupId: GroupId, userId: UserId): Promise<MembershipWrite> => this.editList('owners', groupId, userId, 'added');
  removeOwner = (groupId: GroupId, userId: UserId): Promise<MembershipWrite> => this.editList('owners', groupId, userId, 'removed');

  async listSubscribedSkus(): Promise<readonly SubscribedSku[]> {
    return (await this.store.get<SubscribedSku[]>(keys.skus)) ?? [];
  }

  async ready(): Promise<boolean> {
    return (await this.store.get(keys.seed)) !== undefined;
  }

  /** The tenant's name and default usage location. */
  async tenantInfo(): Promise<TenantInfo> {
    return (await this.store.get<TenantInfo>(keys.tenant)) ?? { displayName: 'Contoso' };
  }

  /** Changes a user's attributes (the embedded tenant's stand-in for HR or sync updates). */
  async updateUser(id: UserId, patch: Readonly<Record<string, unknown>>): Promise<DirectoryUser | undefined> {
    const changed = await this.store.update<DirectoryUser, readonly [DirectoryUser, DirectoryUser] | undefined>(keys.user(id), (current) => {
      if (!current) return { result: undefined };
      const next = { ...current, ...patch, id: current.id } as DirectoryUser;
      return { next, result: [current, next] };
    });
    // The store's atomic update takes one key; the name entries follow at once (a rename or a role change).
    if (changed) await this.store.write(this.userNames.changes(...changed));
    return changed?.[1];
  }

  /** Sets a SKU's seat count (simulates buying or cancelling seats). */
  async setSeats(skuId: SkuId, seats: number): Promise<SubscribedSku | undefined> {
    return this.store.update<SubscribedSku[], SubscribedSku | undefined>(keys.skus, (current) => {
      const skus = current ?? [];
      const index = skus.findIndex((s) => s.skuId === skuId);
      const sku = skus[index];
      if (!sku) return { result: undefined };
      const updated = { ...sku, prepaidUnits: { ...sku.prepaidUnits, enabled: seats } };
      return { next: skus.map((s, i) => (i === index ? updated : s)), result: updated };
    });
  }

  /** Replaces a group's fields (for example an applied membership rule). */
  async updateGroup(id: GroupId, patch: Readonly<Record<string, unknown>>): Promise<DirectoryGroup | undefined> {
    const changed = await this.store.update<DirectoryGroup, readonly [DirectoryGroup, DirectoryGroup] | undefined>(keys.group(id), (current) => {
      if (!current) return { result: undefined };
      const next = { ...current, ...patch, id: current.id } as DirectoryGroup;
      return { next, result: [current, next] };
    });
    if (changed) await this.store.write(this.groupNames.changes(...changed));
    return changed?.[1];
  }

  /** Stores a dynamic group's membership rule; GroupGate itself then brings the members in line. */
  async setMembershipRule(id: GroupId, rule: string): Promise<DirectoryGroup | undefined> {
    return this.updateGroup(id, { membershipRule: rule });
  }

  private async editList(list: MembershipList, group: GroupId, user: UserId, change: 'added' | 'removed'): Promise<MembershipWrite> {
    const applied = await this.lists.edit(list, group, [{ userId: user, change }]);
    return applied.length > 0 ? 'changed' : 'unchanged';
  }
}
