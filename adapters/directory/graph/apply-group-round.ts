import type { DirectoryGroup } from '../../../domain/model/directory-group.js';
import { groupId, userId, type UserId } from '../../../domain/model/ids.js';
import { graphFields } from './apply-user-round.js';
import { changedFields, type GroupChange, type MembershipDelta } from './directory-changes.js';
import type { DirectoryCopy, DirectoryCopyBatches } from './directory-copy.js';
import type { ListEdit, MembershipList } from '../membership-index.js';
import type { DeltaItem, ObjectRef } from './graph-schemas.js';
import type { DeltaRound, RoundApplier } from './read-delta-round.js';
import { roundIds, walkRoundPage } from './walk-round-page.js';

/** What a group round changed: the groups, and who joined or left which member and owner lists. */
export interface GroupRoundChanges {
  readonly groups: GroupChange[];
  readonly memberships: MembershipDelta[];
}

const lists = ['members', 'owners'] as const;

/** Hears each change a group round makes. */
export interface GroupRoundReport {
  group(change: GroupChange): void;
  membership(change: MembershipDelta): void;
}

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
  const groups = await startGroupRound(copy, full, { group: (c) => void changes.groups.push(c), membership: (c) => void changes.memberships.push(c) });
  await groups.page(round.items);
  await groups.finish();
  return changes;
}

/**
 * applyGroupRound a page at a time (a first load, as its pages arrive). Only ids are held between
 * pages. A group on an earlier page of the round (Graph splits a big group's members over several)
 * is continued: what was queued is written first, then the later page's fields are merged into the
 * stored group and its members and owners added (or removed) one by one, not replacing the list.
 */
export async function startGroupRound(copy: DirectoryCopy, full: boolean, report: GroupRoundReport): Promise<RoundApplier> {
  const ids = await roundIds(full, copy.storedGroupIds);
  const writes = copy.batched({ firstLoad: full && !(await copy.loaded()) });
  // On a first load `flush` also writes the reverse entries held so far, so a list edited again stays in step.
  const store = { flush: writes.flush, read: copy.getGroups };
  return {
    page: (items) =>
      walkRoundPage(ids, items, store, async (item, old, again) => {
        // What is queued is written first, so that the changes are reported in the feed's order.
        if (item['@removed']) {
          if (old) await writes.flush().then(() => removeGroup(copy, item.id, report));
          return;
        }
        await applyGroup(writes, item, old, full && !again, report);
      }),
    finish: async () => {
      await writes.flush();
      for (const id of ids.unlisted ?? []) await removeGroup(copy, id, report);
    },
  };
}

/** One group of a round: its record when it changed, then its lists, replaced (`whole`) or edited. */
async function applyGroup(writes: DirectoryCopyBatches, item: DeltaItem, old: DirectoryGroup | undefined, whole: boolean, report: GroupRoundReport): Promise<void> {
  const group = groupFrom(item, whole ? undefined : old);
  const fields = changedFields(old, group);
  if (!old || fields.length > 0) {
    await writes.putGroup(group, old ?? null);
    report.group({ groupId: group.id, change: old ? 'updated' : 'added', fields });
  }
  for (const list of lists) {
    const refs = item[`${list}@delta`] ?? [];
    const applied = (e: ListEdit) => report.membership(delta(item.id, e.userId, e.change, list));
    await (whole ? replaceList(writes, item.id, list, refs, applied) : editList(writes, item.id, list, refs, applied));
  }
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

async function removeGroup(copy: DirectoryCopy, id: string, report: GroupRoundReport): Promise<void> {
  // A deleted group's members all left it (licensing frees their seats).
  const members = await copy.deleteGroup(groupId(id));
  for (const member of members) report.membership(delta(id, member, 'removed', 'members'));
  report.group({ groupId: groupId(id), change: 'removed', fields: [] });
}

const delta = (group: string, user: UserId, change: MembershipDelta['change'], list: MembershipDelta['list']): MembershipDelta => ({ groupId: groupId(group), userId: user, change, list });
