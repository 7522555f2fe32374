import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { sampleTenantPath } from '../../../support/sample-tenant.js';

type Json = Record<string, unknown>;
type List = 'members' | 'owners';

// `managerWas`: the manager a later delta round reports removed (`manager@delta` with `@removed`).
// `fieldsAt`: the version each field (and `manager`) last changed at, for `Prefer: return=minimal` rounds.
interface StoredUser { data: Json; manager?: string; managerWas?: string; changedAt: number; fieldsAt?: Record<string, number> }
interface StoredGroup { data: Json; members: string[]; owners: string[]; changedAt: number; fieldsAt?: Record<string, number> }
/** One role assignment: a principal (user, role-assignable group or service principal) holding a role at a scope. */
export interface RoleAssignment { id: string; roleDefinitionId: string; principalId: string; principalType: 'user' | 'group' | 'servicePrincipal'; directoryScopeId: string }
interface ListChange { groupId: string; userId: string; list: List; change: 'added' | 'removed'; version: number }

/** Role template ids of the roles the sample tenant names. */
export const roleTemplateIds: Record<string, string> = {
  'Global Administrator': '62e90394-69f5-4237-9190-012177145e10',
  'Groups Administrator': 'fdd7a751-b60b-444a-984c-02652fe8fa1c',
  'License Administrator': '4d6ac14f-3453-41d0-bef9-a3e0c569773a',
  'User Administrator': 'fe930be7-5e62-47db-91af-98c3a49a38b1',
  'Helpdesk Administrator': '729827e3-9c14-49f7-bb1b-9608f156bbb8',
};

/**
 * The tenant behind the Graph stand-in: users, groups with members and owners, SKUs, roles and
 * license states, with a change log so delta rounds answer "what changed since version N" as
 * Graph does. Tests change it the way an admin would in Entra (updateUser, addToList, ...).
 */
export class StandInTenant {
  version = 1;
  readonly users = new Map<string, StoredUser>();
  readonly groups = new Map<string, StoredGroup>();
  readonly removedUsers = new Map<string, number>();
  readonly removedGroups = new Map<string, number>();
  /**
   * Why each removed object is gone, as `@removed.reason` says: `changed` (deleted, restorable from
   * deleted items for 30 days) or `deleted` (gone for good). Unlisted: users `changed`, groups `deleted`.
   */
  readonly removalReasons = new Map<string, 'changed' | 'deleted'>();
  /** Removed objects come as `@removed` in a full round too, as Graph may send them in its initial round. */
  removedInFullRounds = true;
  readonly listChanges: ListChange[] = [];
  readonly licenseStates = new Map<string, Json[]>();
  /**
   * Entra role assignments as `roleManagement/directory/roleAssignments` lists them: for a built-in
   * role the roleDefinitionId is its template id; `directoryScopeId` is "/" tenant-wide, or an
   * administrative unit (`/administrativeUnits/{id}`) or a single object (`/{id}`).
   */
  readonly roleAssignments: RoleAssignment[] = [];
  skus: Json[] = [];
  organization: Json = { id: '033bf333-b2f0-5833-b1d2-e85131a5bb6b', displayName: 'Contoso', countryLetterCode: 'US' };
  /** `GET /groupSettings`: directory setting objects (a tenant with none uses Entra's defaults). */
  groupSettings: Json[] = [];
  /** `GET /policies/authorizationPolicy`. */
  authorizationPolicy: Json = { id: 'authorizationPolicy', defaultUserRolePermissions: { allowedToCreateSecurityGroups: true } };

  /** The shipped Contoso tenant, as Graph would hold it (GroupGate's extra fields left out). */
  static sample(): StandInTenant {
    const file = JSON.parse(readFileSync(sampleTenantPath, 'utf8')) as { users: Json[]; groups: Json[]; subscribedSkus: Json[] };
    const tenant = new StandInTenant();
    // GroupGate's own fields (roles, slackUserId) are not Graph's; roles become tenant-wide role assignments.
    for (const { roles, slackUserId: _slack, manager, ...user } of file.users) {
      tenant.users.set(user['id'] as string, { data: user, ...(manager ? { manager: (manager as { id: string }).id } : {}), changedAt: 1 });
      for (const role of (roles as string[] | undefined) ?? []) tenant.grantRole(role, user['id'] as string);
    }
    for (const { owners, members, joinPolicy: _policy, reasonRequired: _reason, ...group } of file.groups) {
      tenant.groups.set(group['id'] as string, { data: group, members: [...(members as string[])], owners: [...(owners as string[])], changedAt: 1 });
    }
    tenant.skus = file.subscribedSkus;
    return tenant;
  }

  /** A made-up tenant of `userCount` users in `groupCount` groups (each user in about three), for timing. */
  static synthetic(userCount: number, groupCount: number): StandInTenant {
    const tenant = new StandInTenant();
    const id = (kind: number, n: number) => `${kind.toString(16).padStart(8, '0')}-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
    const departments = ['Sales', 'Research', 'Engineering', 'Finance', 'Marketing', 'Support'];
    for (let n = 0; n < userCount; n++) {
      tenant.users.set(id(1, n), {
        data: {
          id: id(1, n), displayName: `User ${n}`, userPrincipalName: `user${n}@contoso.example`, mail: `user${n}@contoso.example`,
          department: departments[n % departments.length], country: ['US', 'PT', 'DE', 'NZ', 'ES'][n % 5], jobTitle: n % 50 ? 'Engineer' : 'Engineering Manager',
          usageLocation: 'US', userType: n % 40 ? 'Member' : 'Guest', accountEnabled: true, assignedLicenses: [], assignedPlans: [],
          otherMails: [], proxyAddresses: [`SMTP:user${n}@contoso.example`], onPremisesExtensionAttributes: { extensionAttribute1: `CC-${n % 100}` },
        },
        changedAt: 1,
      });
    }
    for (let g = 0; g < groupCount; g++) {
      const members = [...tenant.users.keys()].filter((_, n) => n % groupCount === g || (n + g) % (groupCount * 2) === 0 || (n * 7 + g) % groupCount === 0);
      tenant.groups.set(id(2, g), {
        data: { id: id(2, g), displayName: `Group ${g}`, groupTypes: g % 4 ? [] : ['Unified'], mailEnabled: g % 4 === 0, securityEnabled: true, visibility: 'Private' },
        members, owners: members.slice(0, 2), changedAt: 1,
      });
    }
    return tenant;
  }

  /**
   * Assigns a user (or a role-assignable group, or a service principal) an Entra role, tenant-wide
   * unless a scope is given (an administrative unit: `/administrativeUnits/{id}`).
   */
  grantRole(role: string, principalId: string, principalType: RoleAssignment['principalType'] = 'user', directoryScopeId = '/'): void {
    this.roleAssignments.push({ id: randomUUID(), roleDefinitionId: roleTemplateIds[role]!, principalId, principalType, directoryScopeId });
  }

  updateUser(id: string, patch: Json): void {
    const user = this.users.get(id)!;
    user.data = { ...user.data, ...patch };
    user.changedAt = ++this.version;
    user.fieldsAt = { ...user.fieldsAt, ...Object.fromEntries(Object.keys(patch).map((field) => [field, this.version])) };
  }

  /** Sets (or, with undefined, clears) a user's manager, as an admin does in Entra: the user changes in the next delta round. */
  setManager(id: string, managerId: string | undefined): void {
    const user = this.users.get(id)!;
    if (user.manager && user.manager !== managerId) user.managerWas = user.manager;
    if (managerId) user.manager = managerId;
    else delete user.manager;
    user.changedAt = ++this.version;
    user.fieldsAt = { ...user.fieldsAt, manager: this.version };
  }

  /** Deletes a user: `changed`, restorable (soft delete), or `deleted`, for good. */
  removeUser(id: string, reason: 'changed' | 'deleted' = 'changed'): void {
    this.users.delete(id);
    this.removedUsers.set(id, ++this.version);
    this.removalReasons.set(id, reason);
  }

  /** Deletes a group (its members with it): `changed`, restorable, or `deleted`, for good. */
  removeGroup(id: string, reason: 'changed' | 'deleted' = 'deleted'): void {
    this.groups.delete(id);
    this.removedGroups.set(id, ++this.version);
    this.removalReasons.set(id, reason);
  }

  updateGroup(id: string, patch: Json): void {
    const group = this.groups.get(id)!;
    group.data = { ...group.data, ...patch };
    group.changedAt = ++this.version;
    group.fieldsAt = { ...group.fieldsAt, ...Object.fromEntries(Object.keys(patch).map((field) => [field, this.version])) };
  }

  /** Adds a group as `POST /groups` does: a fresh id, Graph's defaults, and the bound owners and members. */
  createGroup(fields: Json, owners: readonly string[], members: readonly string[]): Json {
    const id = randomUUID();
    const data = { onPremisesSyncEnabled: null, isAssignableToRole: null, membershipRule: null, membershipRuleProcessingState: null, visibility: null, assignedLicenses: [], ...fields, id };
    this.groups.set(id, { data, members: [], owners: [], changedAt: ++this.version });
    for (const owner of owners) this.addToList(id, owner, 'owners');
    for (const member of members) this.addToList(id, member);
    return data;
  }

  /** Adds a user to a group's members or owners; false when already there. */
  addToList(groupId: string, userId: string, list: List = 'members'): boolean {
    const ids = this.groups.get(groupId)![list];
    if (ids.includes(userId)) return false;
    ids.push(userId);
    this.listChanges.push({ groupId, userId, list, change: 'added', version: ++this.version });
    return true;
  }

  /** Removes a user from a group's members or owners; false when not there. */
  removeFromList(groupId: string, userId: string, list: List = 'members'): boolean {
    const group = this.groups.get(groupId)!;
    if (!group[list].includes(userId)) return false;
    group[list] = group[list].filter((id) => id !== userId);
    this.listChanges.push({ groupId, userId, list, change: 'removed', version: ++this.version });
    return true;
  }

  /**
   * A user as `GET /users/{id}` or a delta page returns it: the selected fields that are set, and id.
   * With `manager` (selected on the delta) it carries `manager@delta`: the manager, or in a later
   * round (`since`) the one taken away, marked `@removed`. `minimal` (`Prefer: return=minimal`):
   * only what changed since then, unless the user is new.
   */
  userView(id: string, select: readonly string[], withManager: boolean, since?: number, minimal = false): Json | undefined {
    const user = this.users.get(id);
    if (!user) return undefined;
    const changed = minimal ? changedSince(user, since) : undefined;
    const view = pick(user.data, changed ? select.filter(changed) : select);
    const ref = (managerId: string) => ({ '@odata.type': '#microsoft.graph.user', id: managerId });
    if (changed && !changed('manager')) return view;
    if (withManager && user.manager) view['manager@delta'] = [ref(user.manager)];
    else if (withManager && since !== undefined && user.managerWas) view['manager@delta'] = [{ ...ref(user.managerWas), '@removed': { reason: 'deleted' } }];
    return view;
  }

  /** The users delta: everyone when `since` is undefined, else who changed or left after that version. */
  usersSince(since: number | undefined, select: readonly string[], withManager: boolean, minimal = false): Json[] {
    const changed = [...this.users.entries()].filter(([, u]) => since === undefined || u.changedAt > since).map(([id]) => this.userView(id, select, withManager, since, minimal)!);
    return [...changed, ...this.removals(this.removedUsers, since, 'changed')];
  }

  /** The groups delta with `members@delta`/`owners@delta` for the selected relationships; `minimal` as for users. */
  groupsSince(since: number | undefined, select: readonly string[], minimal = false): Json[] {
    const items: Json[] = [];
    for (const [id, group] of this.groups) {
      const changes = this.listChanges.filter((c) => c.groupId === id && since !== undefined && c.version > since);
      if (since !== undefined && group.changedAt <= since && changes.length === 0) continue;
      const changed = minimal ? changedSince(group, since) : undefined;
      const item = pick(group.data, changed ? select.filter(changed) : select);
      for (const list of ['members', 'owners'] as const) {
        if (!select.includes(list)) continue;
        const refs = since === undefined
          ? group[list].map((u) => ({ '@odata.type': '#microsoft.graph.user', id: u }))
          : netChanges(changes.filter((c) => c.list === list));
        if (refs.length > 0) item[`${list}@delta`] = refs;
      }
      items.push(item);
    }
    return [...items, ...this.removals(this.removedGroups, since, 'deleted')];
  }

  /** The `@removed` entries of a round: those removed since `since`, or (a full round) all of them when Graph sends them there. */
  private removals(removed: ReadonlyMap<string, number>, since: number | undefined, usual: 'changed' | 'deleted'): Json[] {
    if (since === undefined && !this.removedInFullRounds) return [];
    return [...removed].filter(([, v]) => since === undefined || v > since).map(([id]) => ({ id, '@removed': { reason: this.removalReasons.get(id) ?? usual } }));
  }
}

/**
 * Which fields of an object changed after `since`, for a `Prefer: return=minimal` round; undefined
 * (send them all) for an object created since then, which Graph sends whole.
 */
function changedSince(object: { readonly changedAt: number; readonly fieldsAt?: Record<string, number> }, since: number | undefined): ((field: string) => boolean) | undefined {
  if (since === undefined || (!object.fieldsAt && object.changedAt > since)) return undefined;
  return (field) => (object.fieldsAt?.[field] ?? 0) > since;
}

function pick(data: Json, select: readonly string[]): Json {
  const view: Json = { id: data['id'] };
  for (const field of select) if (field in data) view[field] = data[field];
  return view;
}

/** The last change per user in a list, as delta refs (a removal carries `@removed`). */
function netChanges(changes: readonly ListChange[]): Json[] {
  const last = new Map(changes.map((c) => [c.userId, c.change]));
  return [...last].map(([id, change]) => ({ '@odata.type': '#microsoft.graph.user', id, ...(change === 'removed' ? { '@removed': { reason: 'deleted' } } : {}) }));
}
