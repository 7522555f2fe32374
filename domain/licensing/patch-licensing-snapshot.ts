import type { DirectoryUser } from '../model/directory-user.js';
import type { GroupId, UserId } from '../model/ids.js';
import type { SubscribedSku } from '../model/subscribed-sku.js';
import type { LicensingGroup, LicensingSnapshot } from './licensing-snapshot.js';

/** What was read again for a patch: each named record as the directory holds it now (undefined: gone, or no longer licensing). */
export interface LicensingSnapshotPatch {
  readonly skus: readonly SubscribedSku[];
  readonly defaultUsageLocation?: string;
  readonly users: ReadonlyMap<UserId, DirectoryUser | undefined>;
  /** Licensing groups read whole (record and members). */
  readonly groups: ReadonlyMap<GroupId, LicensingGroup | undefined>;
  /** One person's place in one licensing group, read with a set lookup rather than the group's whole list. */
  readonly memberships: readonly { readonly groupId: GroupId; readonly userId: UserId; readonly member: boolean }[];
}

/**
 * The snapshot with the records a change named replaced, so that a run after k changes reads k
 * records instead of the tenant (100,000 users and every licensing group's members at 100k). The
 * snapshot given is left as it was (views and caches share it). Member lists stay sorted, as both
 * directories list them, so a patched snapshot is the one a full read would give.
 */
export function patchLicensingSnapshot(snapshot: LicensingSnapshot, patch: LicensingSnapshotPatch): LicensingSnapshot {
  const gone = new Set([...patch.users].filter(([, user]) => user === undefined).map(([id]) => id));
  const groups = new Map<GroupId, LicensingGroup>(snapshot.groups.map((g) => [g.id, g]));
  for (const [id, group] of patch.groups) {
    if (group) groups.set(id, group);
    else groups.delete(id);
  }
  const edits = new Map<GroupId, Map<UserId, boolean>>();
  for (const { groupId, userId, member } of patch.memberships) {
    if (!patch.groups.has(groupId)) (edits.get(groupId) ?? edits.set(groupId, new Map()).get(groupId)!).set(userId, member && !gone.has(userId));
  }
  // A user who is gone is in no group any more, whichever groups the change named.
  if (gone.size > 0) {
    for (const group of groups.values()) {
      if (!group.members.some((id) => gone.has(id))) continue;
      const mine = edits.get(group.id) ?? edits.set(group.id, new Map()).get(group.id)!;
      for (const id of gone) mine.set(id, false);
    }
  }
  for (const [id, changes] of edits) {
    const group = groups.get(id);
    if (group) groups.set(id, { ...group, members: editedMembers(group.members, changes) });
  }
  return {
    skus: patch.skus,
    users: patchedUsers(snapshot.users, patch.users),
    groups: [...groups.values()],
    ...(patch.defaultUsageLocation ? { defaultUsageLocation: patch.defaultUsageLocation } : {}),
  };
}

/** The users with the named ones replaced in place, the new ones last and the gone ones left out. */
function patchedUsers(users: readonly DirectoryUser[], named: ReadonlyMap<UserId, DirectoryUser | undefined>): DirectoryUser[] {
  if (named.size === 0) return users as DirectoryUser[];
  const seen = new Set<UserId>();
  const out: DirectoryUser[] = [];
  for (const user of users) {
    if (!named.has(user.id)) {
      out.push(user);
      continue;
    }
    seen.add(user.id);
    const now = named.get(user.id);
    if (now) out.push(now);
  }
  for (const [id, user] of named) if (user && !seen.has(id)) out.push(user);
  return out;
}

/** A sorted member list with people put in or taken out at their sorted place (a copy: the list given is shared). */
function editedMembers(members: readonly UserId[], changes: ReadonlyMap<UserId, boolean>): UserId[] {
  const out = [...members];
  for (const [id, member] of changes) {
    const at = sortedPlace(out, id);
    const present = out[at] === id;
    if (member && !present) out.splice(at, 0, id);
    if (!member && present) out.splice(at, 1);
  }
  return out;
}

/** Where `id` is, or would go, in a list sorted by code unit (how the store's sets list their members). */
function sortedPlace(list: readonly string[], id: string): number {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (list[mid]! < id) low = mid + 1;
    else high = mid;
  }
  return low;
}
