import type { DirectoryGroup } from '../../../domain/model/directory-group.js';
import { groupId, userId, type UserId } from '../../../domain/model/ids.js';
import { graphFields } from './apply-user-round.js';
import { changedFields, type GroupChange, type MembershipDelta } from './directory-changes.js';
import type { DirectoryCopy } from './directory-copy.js';
import type { DeltaItem, ObjectRef } from './graph-schemas.js';
import type { DeltaRound } from './read-delta-round.js';

/** What a group round changed: the groups, and who joined or left which member and owner lists. */
export interface GroupRoundChanges {
  readonly groups: GroupChange[];
  readonly memberships: MembershipDelta[];
}

const lists = ['members', 'owners'] as const;

/**
 * Brings the copy's groups, members and owners up to a delta round (`members@delta`, `owners@delta`).
 * A full round lists every group with all its members and owners; a later round only changes, and
 * a list edit there is atomic, so a member GroupGate adds meanwhile on another instance stays.
 * Only users count as members: nested groups, devices and service principals are left out.
 */
export async function applyGroupRound(copy: DirectoryCopy, round: DeltaRound, full: boolean): Promise<GroupRoundChanges> {
  const changes: GroupRoundChanges = { groups: [], memberships: [] };
  const before = full ? new Map((await copy.listGroups()).map((group) => [group.id as string, group])) : undefined;
  for (const item of round.items.values()) {
    const old = before ? before.get(item.id) : await copy.getGroup(item.id);
    before?.delete(item.id);
    if (item['@removed']) {
      if (old) await removeGroup(copy, item.id, changes);
      continue;
    }
    const group = groupFrom(item, full ? undefined : old);
    const fields = changedFields(old, group);
    if (!old || fields.length > 0) {
      await copy.putGroup(group);
      changes.groups.push({ groupId: group.id, change: old ? 'updated' : 'added', fields });
    }
    for (const list of lists) {
      const refs = item[`${list}@delta`] ?? [];
      const applied = full ? await replaceList(copy, item.id, list, refs) : await editList(copy, item.id, list, refs);
      changes.memberships.push(...applied);
    }
  }
  for (const id of before?.keys() ?? []) await removeGroup(copy, id, changes);
  return changes;
}

/** A stored group from a delta item, with the fields GroupGate relies on always present. */
export function groupFrom(item: DeltaItem, previous?: DirectoryGroup): DirectoryGroup {
  const merged: Record<string, unknown> = { ...previous, ...graphFields(item) };
  return {
    ...merged,
    id: groupId(item.id),
    displayName: typeof merged['displayName'] === 'string' && merged['displayName'] ? merged['displayName'] : item.id,
    groupTypes: Array.isArray(merged['groupTypes']) ? merged['groupTypes'] : [],
    mailEnabled: merged['mailEnabled'] === true,
    securityEnabled: merged['securityEnabled'] === true,
  } as DirectoryGroup;
}

const isUser = (ref: ObjectRef) => ref['@odata.type'] === undefined || ref['@odata.type'] === '#microsoft.graph.user';

async function replaceList(copy: DirectoryCopy, id: string, list: (typeof lists)[number], refs: readonly ObjectRef[]): Promise<MembershipDelta[]> {
  const next = [...new Set(refs.filter((ref) => !ref['@removed'] && isUser(ref)).map((ref) => userId(ref.id)))];
  const old = list === 'members' ? await copy.members(id) : await copy.owners(id);
  const [added, removed] = [next.filter((u) => !old.includes(u)), old.filter((u) => !next.includes(u))];
  if (added.length + removed.length > 0 || old.length === 0) await (list === 'members' ? copy.setMembers(id, next) : copy.setOwners(id, next));
  return [...added.map((u) => delta(id, u, 'added', list)), ...removed.map((u) => delta(id, u, 'removed', list))];
}

async function editList(copy: DirectoryCopy, id: string, list: (typeof lists)[number], refs: readonly ObjectRef[]): Promise<MembershipDelta[]> {
  if (refs.length === 0) return [];
  let applied: MembershipDelta[] = [];
  const edit = (ids: readonly UserId[]) => {
    const next = new Set(ids);
    applied = [];
    for (const ref of refs) {
      const user = userId(ref.id);
      if (ref['@removed']) {
        if (next.delete(user)) applied.push(delta(id, user, 'removed', list));
      } else if (isUser(ref) && !next.has(user)) {
        next.add(user);
        applied.push(delta(id, user, 'added', list));
      }
    }
    return applied.length > 0 ? [...next] : undefined;
  };
  await (list === 'members' ? copy.editMembers(id, edit) : copy.editOwners(id, edit));
  return applied;
}

async function removeGroup(copy: DirectoryCopy, id: string, changes: GroupRoundChanges): Promise<void> {
  // A deleted group's members all left it (licensing frees their seats).
  changes.memberships.push(...(await copy.members(id)).map((u) => delta(id, u, 'removed', 'members')));
  await copy.deleteGroup(id);
  changes.groups.push({ groupId: groupId(id), change: 'removed', fields: [] });
}

const delta = (group: string, user: UserId, change: MembershipDelta['change'], list: MembershipDelta['list']): MembershipDelta => ({ groupId: groupId(group), userId: user, change, list });
