import type { LicensingTouched } from '../../domain/licensing/licensing-changes.js';
import type { LicensingGroup, LicensingSnapshot } from '../../domain/licensing/licensing-snapshot.js';
import type { LicensingSnapshotPatch } from '../../domain/licensing/patch-licensing-snapshot.js';
import { assignsLicenses } from '../../domain/model/directory-group.js';
import type { DirectoryUser } from '../../domain/model/directory-user.js';
import { groupId, userId, type GroupId, type UserId } from '../../domain/model/ids.js';
import type { Directory } from '../../domain/ports/directory.js';
import { readRecords } from '../../domain/ports/read-records.js';

/**
 * Reads what a patch of licensing's snapshot needs: the touched users and licensing groups (a group
 * read whole only when the group itself changed; a membership is one set lookup), and the SKUs,
 * which change outside GroupGate. `asLicensing` turns a user as the directory holds them into the
 * user licensing reads (Graph: direct licenses only).
 */
export async function readSnapshotPatch(
  directory: Directory,
  snapshot: LicensingSnapshot,
  touched: LicensingTouched,
  defaultUsageLocation: string | undefined,
  asLicensing: (user: DirectoryUser) => DirectoryUser | Promise<DirectoryUser> = (user) => user,
): Promise<LicensingSnapshotPatch> {
  const userIds = [...new Set([...touched.users, ...touched.memberships.map((m) => m.userId)])].map(userId);
  // A membership of a group the snapshot does not hold (it has just started assigning licenses) reads the group whole.
  const held = new Set<string>(snapshot.groups.map((g) => g.id));
  const groupIds = [...new Set([...touched.groups, ...touched.memberships.map((m) => m.groupId).filter((id) => !held.has(id))])].map(groupId);
  const [skus, { users, groups }, memberships] = await Promise.all([
    directory.listSubscribedSkus(),
    readRecords(directory, { users: userIds, groups: groupIds }),
    Promise.all(touched.memberships.map(async (m) => ({ groupId: groupId(m.groupId), userId: userId(m.userId), member: await directory.isMember(groupId(m.groupId), userId(m.userId)) }))),
  ]);
  const licensingGroups = await Promise.all(
    groups.map(async (group): Promise<LicensingGroup | undefined> => {
      if (!group || !assignsLicenses(group)) return undefined;
      // A group that assigns licenses has its whole list read: it is new to licensing, or its licenses changed.
      const members = await directory.listMembers(group.id);
      return { id: group.id, displayName: group.displayName, securityEnabled: group.securityEnabled, assignedLicenses: group.assignedLicenses ?? [], members };
    }),
  );
  const licensingUsers = await Promise.all(users.map((user) => (user ? asLicensing(user) : undefined)));
  return {
    skus,
    ...(defaultUsageLocation ? { defaultUsageLocation } : {}),
    users: new Map<UserId, DirectoryUser | undefined>(userIds.map((id, i) => [id, licensingUsers[i]])),
    groups: new Map<GroupId, LicensingGroup | undefined>(groupIds.map((id, i) => [id, licensingGroups[i]])),
    memberships,
  };
}
