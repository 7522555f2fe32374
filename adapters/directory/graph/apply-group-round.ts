import type { DirectoryGroup } from '../../../domain/model/directory-group.js';
import { groupId, userId, type UserId } from '../../../domain/model/ids.js';
import { graphFields } from './apply-user-round.js';
import { changedFields, type GroupChange, type MembershipDelta } from './directory-changes.js';
import type { DirectoryCopy, DirectoryCopyBatches } from './directory-copy.js';
import type { ListEdit, MembershipList } from '../membership-index.js';
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
 * Only users count as members: nested groups, devices and service principals are left out. The
 * writes of many groups share store batches (a full load of 20,000 groups would otherwise be
 * 60,000 commits); each group, and each person's list entry, is still written atomically, except
 * that a first load writes the reverse entries last (MembershipIndex.firstLoad).
 */
export async function applyGroupRound(copy: DirectoryCopy, round: DeltaRound, full: boolean): Promise<GroupRoundChanges> {
  const changes: GroupRoundChanges = { groups: [], memberships: [] };
  const before = full ? new Map((await copy.listGroups()).map((group) => [group.id as string, group])) : undefined;
  const writes = copy.batched({ firstLoad: full && !(await copy.loaded()) });
  for (const item of round.items.values()) {
    const old = before ? before.get(item.id) : await copy.getGroup(item.id);
    before?.delete(item.id);
    if (item['@removed']) {
      // What is queued is written first, so that the changes are reported in the feed's order.
      if (old) await writes.flush().then(() => removeGroup(copy, item.id, changes));
      continue;
    }
    const group = groupFrom(item, full ? undefined : old);
    const fields = changedFields(old, group);
    if (!old || fields.length > 0) {
      await writes.putGroup(group, old ?? null);
      changes.groups.push({ groupId: group.id, change: old ? 'updated' : 'added', fields });
    }
    for (const list of lists) {
      const refs = item[`${list}@delta`] ?? [];
      const applied = (e: ListEdit) => void changes.memberships.push(delta(item.id, e.userId, e.change, list));
      await (full ? replaceList(writes, item.id, list, refs, applied) : editList(writes, item.id, list, refs, applied));
    }
  }
  await writes.flush();
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

function replaceList(writes: DirectoryCopyBatches, id: string, list: MembershipList, refs: readonly ObjectRef[], applied: (edit: ListEdit) => void): Promise<void> {
  const next = refs.filter((ref) => !ref['@removed'] && isUser(ref)).map((ref) => userId(ref.id));
  return writes.replaceList(list, groupId(id), next, applied);
}

/** A later round's `members@delta`: each add or removal is applied on its own, so what it reports is what changed. */
function editList(writes: DirectoryCopyBatches, id: string, list: MembershipList, refs: readonly ObjectRef[], applied: (edit: ListEdit) => void): Promise<void> {
  const edits = refs.filter((ref) => ref['@removed'] || isUser(ref)).map((ref): ListEdit => ({ userId: userId(ref.id), change: ref['@removed'] ? 'removed' : 'added' }));
  return writes.editList(list, groupId(id), edits, applied);
}

async function removeGroup(copy: DirectoryCopy, id: string, changes: GroupRoundChanges): Promise<void> {
  // A deleted group's members all left it (licensing frees their seats).
  const members = await copy.deleteGroup(groupId(id));
  changes.memberships.push(...members.map((u) => delta(id, u, 'removed', 'members')));
  changes.groups.push({ groupId: groupId(id), change: 'removed', fields: [] });
}

const delta = (group: string, user: UserId, change: MembershipDelta['change'], list: MembershipDelta['list']): MembershipDelta => ({ groupId: groupId(group), userId: user, change, list });
