import fc from 'fast-check';
import type { LicensingGroup, LicensingSnapshot } from '../../../domain/licensing/licensing-snapshot.js';
import type { LicensingSnapshotPatch } from '../../../domain/licensing/patch-licensing-snapshot.js';
import type { DirectoryUser } from '../../../domain/model/directory-user.js';
import { groupId, userId, type GroupId, type UserId } from '../../../domain/model/ids.js';
import { E1, E5, VISIO, group, user } from './licensing-fixtures.js';

/** One change an admin (or a decision) makes, and the records it names. */
export type Change =
  | { readonly kind: 'join' | 'leave'; readonly group: number; readonly user: number }
  | { readonly kind: 'direct'; readonly user: number; readonly license: 'none' | 'E5' | 'E1' }
  | { readonly kind: 'location'; readonly user: number; readonly location: string | null }
  | { readonly kind: 'userGone'; readonly user: number }
  | { readonly kind: 'newUser'; readonly group: number }
  | { readonly kind: 'groupLicenses'; readonly group: number; readonly bundle: 'E5' | 'VISIO' | 'none' };

/** Random changes to the random tenant's users, memberships and groups. */
export const change: fc.Arbitrary<Change> = fc.oneof(
  fc.record({ kind: fc.constantFrom('join' as const, 'leave' as const), group: fc.nat(3), user: fc.nat(7) }),
  fc.record({ kind: fc.constant('direct' as const), user: fc.nat(7), license: fc.constantFrom('none' as const, 'E5' as const, 'E1' as const) }),
  fc.record({ kind: fc.constant('location' as const), user: fc.nat(7), location: fc.constantFrom('US', 'IN', null) }),
  fc.record({ kind: fc.constant('userGone' as const), user: fc.nat(7) }),
  fc.record({ kind: fc.constant('newUser' as const), group: fc.nat(3) }),
  fc.record({ kind: fc.constant('groupLicenses' as const), group: fc.nat(3), bundle: fc.constantFrom('E5' as const, 'VISIO' as const, 'none' as const) }),
);

export const sorted = (ids: readonly UserId[]) => [...ids].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

/**
 * The directory after the changes, as a full read would give it (members sorted, as the store's
 * sets list them), and the patch a run reads: the named records as they are now.
 */
export function applyChanges(before: LicensingSnapshot, changes: readonly Change[]): { after: LicensingSnapshot; patch: LicensingSnapshotPatch } {
  const users = new Map<UserId, DirectoryUser>(before.users.map((u) => [u.id, u]));
  const groups = new Map<GroupId, LicensingGroup>(before.groups.map((g) => [g.id, { ...g, members: sorted(g.members) }]));
  const namedUsers = new Set<UserId>();
  const namedGroups = new Set<GroupId>();
  const memberships: { groupId: GroupId; userId: UserId }[] = [];
  const idOf = (n: number) => userId(`u${n}`);
  const groupOf = (n: number) => groupId(`g${n}`);
  const setMember = (g: GroupId, u: UserId, member: boolean) => {
    const found = groups.get(g);
    if (!found) return;
    const rest = found.members.filter((id) => id !== u);
    groups.set(g, { ...found, members: sorted(member ? [...rest, u] : rest) });
    memberships.push({ groupId: g, userId: u });
  };
  changes.forEach((c, n) => {
    if (c.kind === 'join' || c.kind === 'leave') {
      if (users.has(idOf(c.user))) setMember(groupOf(c.group), idOf(c.user), c.kind === 'join');
    } else if (c.kind === 'direct' || c.kind === 'location') {
      const found = users.get(idOf(c.user));
      if (!found) return;
      const licenses = c.kind === 'direct' ? { assignedLicenses: c.license === 'none' ? [] : [{ skuId: (c.license === 'E5' ? E5 : E1).skuId, disabledPlans: [] }] } : {};
      users.set(found.id, { ...found, ...licenses, ...(c.kind === 'location' ? { usageLocation: c.location } : {}) });
      namedUsers.add(found.id);
    } else if (c.kind === 'userGone') {
      users.delete(idOf(c.user));
      namedUsers.add(idOf(c.user));
      // The directory takes a deleted user out of every group; the round names only the user.
      for (const [id, g] of groups) groups.set(id, { ...g, members: g.members.filter((m) => m !== idOf(c.user)) });
    } else if (c.kind === 'newUser') {
      const fresh = user(`n${n}`);
      users.set(fresh.id, fresh);
      namedUsers.add(fresh.id);
      setMember(groupOf(c.group), fresh.id, true);
    } else if (c.kind === 'groupLicenses') {
      const id = groupOf(c.group);
      const found = groups.get(id) ?? group(id, [], []);
      namedGroups.add(id);
      if (c.bundle === 'none') groups.delete(id);
      else groups.set(id, { ...found, assignedLicenses: group(id, [c.bundle === 'E5' ? E5 : VISIO], []).assignedLicenses });
    }
  });
  const after: LicensingSnapshot = { skus: before.skus, users: [...users.values()], groups: [...groups.values()] };
  const touchedUsers = new Set([...namedUsers, ...memberships.map((m) => m.userId)]);
  return {
    after,
    patch: {
      skus: before.skus,
      users: new Map([...touchedUsers].map((id) => [id, users.get(id)])),
      groups: new Map([...namedGroups].map((id) => [id, groups.get(id)])),
      memberships: memberships.map((m) => ({ ...m, member: groups.get(m.groupId)?.members.includes(m.userId) ?? false })),
    },
  };
}
