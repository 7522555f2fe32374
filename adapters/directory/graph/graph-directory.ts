import { z } from 'zod';
import type { DirectoryGroup } from '../../../domain/model/directory-group.js';
import type { DirectoryRole, DirectoryUser } from '../../../domain/model/directory-user.js';
import type { GroupCreationPolicy } from '../../../domain/model/group-creation-policy.js';
import type { GroupId, UserId } from '../../../domain/model/ids.js';
import type { NewGroup } from '../../../domain/model/new-group.js';
import type { SubscribedSku } from '../../../domain/model/subscribed-sku.js';
import type { Directory, MembershipWrite, RecordIds, RecordsRead } from '../../../domain/ports/directory.js';
import type { Logger } from '../../../domain/ports/logger.js';
import { nameLookups, type NameLookupMethods } from '../name-lookups.js';
import { groupFrom } from './apply-group-round.js';
import { createGraphGroup } from './create-graph-group.js';
import { userFrom } from './apply-user-round.js';
import { isEmpty, noChanges, type DirectoryChangeListener, type DirectoryChanges } from './directory-changes.js';
import type { DirectoryCopy, TenantInfo } from './directory-copy.js';
import { DirectoryWriteRefused, ruleWriteRefusal } from './directory-write-refused.js';
import { groupFields, userFields } from './graph-fields.js';
import { installTeamsApp, type TeamsAppInstall } from './install-teams-app.js';
import type { GraphHttp } from './graph-http.js';
import { GraphRequestError } from './graph-request-error.js';
import type { GraphLicenseAssignmentState } from './graph-schemas.js';
import { readLiveObject, readMemberIds } from './read-live.js';
import { readGroupCreationPolicy } from './read-group-creation-policy.js';
import { runSyncRound } from './run-sync-round.js';
import { addGraphMember, removeGraphMember, type MembershipWriteParts } from './write-membership.js';
import { addGraphOwner, removeGraphOwner } from './write-ownership.js';

/** The group fields GroupGate may change: a dynamic group's rule and whether it is processed. */
const groupPatchSchema = z.strictObject({
  membershipRule: z.string().min(1).max(3072).optional(),
  membershipRuleProcessingState: z.enum(['On', 'Paused']).optional(),
});

// How long a copy of a group's owners this instance checked counts as checked. A sync round may
// rewrite the copy meanwhile (from the same Graph); at worst the copy lags a live read this long.
const ownersRecheckMs = 60_000;

// Entra object ids are GUIDs; anything else (a Slack id, a typo) is not worth a call to Graph.
const objectId = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The Directory port on Microsoft Graph. Lists and previews read GroupGate's copy of the tenant
 * in the store (kept current by `sync()` rounds on the delta feeds); a user or group the copy does
 * not know yet is looked up live; owners are always read live, since they decide who may approve;
 * writes go to Graph first, then to the copy.
 */
// The name lookups (findGroupsByName, searchGroups, findUsersByName, listAdmins …) are assigned in the constructor.
export interface GraphDirectory extends NameLookupMethods {}

export class GraphDirectory implements Directory {
  private readonly listeners = new Set<DirectoryChangeListener>();
  private round: Promise<DirectoryChanges> | undefined;
  private migrated: Promise<void> | undefined;
  private readonly writer: MembershipWriteParts;
  /** Owner lists (sorted, joined) this instance last found the copy to hold, and when: see listOwners. */
  private readonly ownersInCopy = new Map<GroupId, { readonly owners: string; readonly at: number }>();

  constructor(
    private readonly http: GraphHttp,
    private readonly copy: DirectoryCopy,
    private readonly logger: Logger,
  ) {
    this.writer = { http, copy };
    // Admins come from the roles the last round read (one entry): Graph's users carry no roles of their own.
    const adminIds = async () => Object.keys(await copy.roles());
    Object.assign(this, nameLookups(copy.groupNames, copy.userNames, {
      getGroups: async (ids) => (await copy.records([], ids)).groups,
      getUsers: async (ids) => (await this.readRecords({ users: ids })).users,
      adminIds,
    }));
  }

  async getUser(id: UserId): Promise<DirectoryUser | undefined> {
    const { users: [stored], roles } = await this.copy.records([id], []);
    if (stored) return withRolesOf(stored, roles);
    if (!objectId.test(id)) return undefined;
    const live = await readLiveObject(this.http, `/users/${id}`, userFields);
    if (!live) return undefined;
    const user = userFrom(live);
    await this.copy.putUser(user);
    return withRolesOf(user, roles);
  }

  /** From the copy in one round trip; one the copy does not know yet is looked up live, as getUser and getGroup do. */
  async readRecords(ids: RecordIds): Promise<RecordsRead> {
    const { users: userIds = [], groups: groupIds = [] } = ids;
    const { users, groups, roles } = await this.copy.records(userIds, groupIds);
    return {
      users: await Promise.all(users.map((user, i) => (user ? withRolesOf(user, roles) : this.getUser(userIds[i]!)))),
      groups: await Promise.all(groups.map((group, i) => group ?? this.getGroup(groupIds[i]!))),
    };
  }

  async listUsers(): Promise<readonly DirectoryUser[]> {
    const [users, roles] = await Promise.all([this.copy.listUsers(), this.copy.roles()]);
    return users.map((user) => withRolesOf(user, roles));
  }

  async getGroup(id: GroupId): Promise<DirectoryGroup | undefined> {
    const stored = await this.copy.getGroup(id);
    if (stored || !objectId.test(id)) return stored;
    const live = await readLiveObject(this.http, `/groups/${id}`, groupFields);
    if (!live) return undefined;
    const group = groupFrom(live);
    const members = await readMemberIds(this.http, `/groups/${id}/members`);
    await Promise.all([this.copy.putGroup(group), this.copy.replaceList('members', id, members), this.copy.replaceList('owners', id, await readMemberIds(this.http, `/groups/${id}/owners`))]);
    return group;
  }

  listGroups = (): Promise<readonly DirectoryGroup[]> => this.copy.listGroups();
  listMembers = (groupId: GroupId): Promise<readonly UserId[]> => this.copy.members(groupId);
  isMember = (groupId: GroupId, userId: UserId): Promise<boolean> => this.copy.isMember(groupId, userId);
  memberCount = (groupId: GroupId): Promise<number> => this.copy.memberCount(groupId);
  groupsOf = (userId: UserId): Promise<readonly GroupId[]> => this.copy.groupsListing(userId, 'members');
  groupsOwnedBy = (userId: UserId): Promise<readonly GroupId[]> => this.copy.groupsListing(userId, 'owners');
  listSubscribedSkus = (): Promise<readonly SubscribedSku[]> => this.copy.skus();

  /** Read live: owners decide who may approve, so a change in Entra counts at once. The copy follows. */
  async listOwners(groupId: GroupId): Promise<readonly UserId[]> {
    if (!objectId.test(groupId)) return [];
    try {
      const owners = await readMemberIds(this.http, `/groups/${groupId}/owners`);
      const seen = [...owners].sort().join(' ');
      const confirmed = this.ownersInCopy.get(groupId);
      // The copy needs checking (a store read, and a write when it differs) only when Graph says
      // something other than what this instance last found the copy to hold, or that was a while ago.
      if (confirmed?.owners !== seen || Date.now() - confirmed.at > ownersRecheckMs) {
        await this.copy.replaceList('owners', groupId, owners);
        this.ownersInCopy.set(groupId, { owners: seen, at: Date.now() });
      }
      return owners;
    } catch (error) {
      if (error instanceof GraphRequestError && error.reason === 'notFound') return [];
      throw error;
    }
  }

  async addMember(groupId: GroupId, userId: UserId): Promise<MembershipWrite> {
    return addGraphMember(this.writer, await this.requireGroup(groupId), userId);
  }

  async removeMember(groupId: GroupId, userId: UserId): Promise<MembershipWrite> {
    return removeGraphMember(this.writer, await this.requireGroup(groupId), userId);
  }

  /** `POST /groups` with the creator as owner and member (Group.Create); the copy has it at once. */
  createGroup = (draft: NewGroup): Promise<DirectoryGroup> => createGraphGroup(this.writer, draft);

  async addOwner(groupId: GroupId, userId: UserId): Promise<MembershipWrite> {
    this.ownersInCopy.delete(groupId);
    return addGraphOwner(this.writer, await this.requireGroup(groupId), userId);
  }

  async removeOwner(groupId: GroupId, userId: UserId): Promise<MembershipWrite> {
    this.ownersInCopy.delete(groupId);
    return removeGraphOwner(this.writer, await this.requireGroup(groupId), userId);
  }

  /** Entra's own rules for creating groups (Group.Unified setting, authorization policy), read live. */
  groupCreationPolicy = (): Promise<GroupCreationPolicy> => readGroupCreationPolicy(this.http, this.logger);

  /** True once a first full sync has loaded the copy. */
  async ready(): Promise<boolean> {
    return (await this.copy.syncState()).fullSyncAt !== undefined;
  }

  /** The tenant's name and default usage location (its country in `/organization`). */
  async tenantInfo(): Promise<TenantInfo> {
    return (await this.copy.tenant()) ?? { displayName: 'your tenant' };
  }

  /**
   * Applies a membership rule proposal (or pauses/resumes processing) with `PATCH /groups/{id}`;
   * needs Group.ReadWrite.All. Synced, Exchange-managed and assigned groups are refused first.
   */
  async updateGroup(id: GroupId, patch: Readonly<Record<string, unknown>>): Promise<DirectoryGroup | undefined> {
    const fields = groupPatchSchema.parse(patch);
    const group = await this.getGroup(id);
    if (!group) return undefined;
    const refused = ruleWriteRefusal(group);
    if (refused) throw refused;
    await this.http.send(`/groups/${id}`, { method: 'PATCH', body: fields });
    const updated: DirectoryGroup = { ...group, ...fields };
    await this.copy.putGroup(updated);
    return updated;
  }

  /** Entra processes dynamic groups itself: GroupGate stores rules but never writes their members. */
  readonly processesMembershipRules = true;

  /** Stores a dynamic group's membership rule; Entra then recomputes its members, and sync rounds report them. */
  async setMembershipRule(id: GroupId, rule: string): Promise<DirectoryGroup | undefined> {
    return this.updateGroup(id, { membershipRule: rule });
  }

  /** A user's license assignment states as Entra last reported them (refreshed each sync round). */
  async licenseAssignmentStates(userId: UserId): Promise<readonly GraphLicenseAssignmentState[]> {
    return this.copy.licenses.of(userId);
  }

  /** Every user's license assignment states, by user id. */
  allLicenseAssignmentStates = () => this.copy.licenses.all();

  /** Asks Entra to process these users' group licenses again (`POST /users/{id}/reprocessLicenseAssignment`). */
  async reprocessLicenseAssignment(userIds: readonly UserId[]): Promise<void> {
    for (const id of userIds.filter((id) => objectId.test(id))) {
      await this.http.send(`/users/${id}/reprocessLicenseAssignment`, { method: 'POST' });
    }
  }

  /** Installs the Teams app (by its catalog id) in a person's personal scope (TeamsAppInstallation.ReadWriteSelfForUser.All). */
  installTeamsApp(userId: UserId, catalogAppId: string): Promise<TeamsAppInstall> {
    return installTeamsApp(this.http, userId, catalogAppId);
  }

  /** Hears every sync round's changes (made outside GroupGate); returns a function that stops listening. */
  onChange(listener: DirectoryChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Runs one sync round (a full load the first time), then tells the listeners what changed. A
   * round already running on this instance is joined, not doubled; with `unlessWithinMs`, a round
   * that ended that recently (on any instance) counts as this one.
   */
  sync(options: { readonly unlessWithinMs?: number } = {}): Promise<DirectoryChanges> {
    this.round ??= this.syncOnce(options.unlessWithinMs ?? 0).finally(() => (this.round = undefined));
    return this.round;
  }

  /** Stops any retry wait (at shutdown). */
  close(): void {
    this.http.close();
  }

  private async syncOnce(unlessWithinMs: number): Promise<DirectoryChanges> {
    // A store an earlier version wrote holds member lists as arrays: index them before the first round reads them.
    this.migrated ??= Promise.all([this.copy.migrateArrayLists(), this.copy.buildNameIndexes()]).then(
      ([moved, indexed]) => {
        if (moved > 0) this.logger.info({ lists: moved }, 'moved stored member and owner lists into indexed sets');
        if (indexed > 0) this.logger.info({ objects: indexed }, 'indexed stored users and groups by name');
      },
      (error: unknown) => {
        this.migrated = undefined; // try again next round
        throw error;
      },
    );
    await this.migrated;
    const { roundAt } = await this.copy.syncState();
    if (roundAt && Date.now() - Date.parse(roundAt) < unlessWithinMs) return noChanges;
    const { changes, baseline } = await runSyncRound(this.http, this.copy, this.logger);
    if (baseline || isEmpty(changes)) return baseline ? noChanges : changes;
    for (const listener of this.listeners) {
      await Promise.resolve()
        .then(() => listener(changes))
        .catch((error: unknown) => this.logger.error({ err: error }, 'a directory change listener failed'));
    }
    return changes;
  }

  private async requireGroup(groupId: GroupId): Promise<DirectoryGroup> {
    const group = await this.getGroup(groupId);
    if (!group) throw new DirectoryWriteRefused('groupNotFound', `Microsoft Graph has no group ${groupId}. Nothing was changed.`);
    return group;
  }
}

/** The user with the admin roles the last round read for them (Graph's users carry no roles of their own). */
function withRolesOf(user: DirectoryUser, roles: Readonly<Record<string, readonly DirectoryRole[]>>): DirectoryUser {
  const held = roles[user.id];
  return held ? { ...user, roles: held } : user;
}
