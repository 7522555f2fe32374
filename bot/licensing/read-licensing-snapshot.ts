import type { LicensingSnapshot } from '../../domain/licensing/licensing-snapshot.js';
import { assignsLicenses } from '../../domain/model/directory-group.js';
import type { Directory } from '../../domain/ports/directory.js';

/** Reads what licensing needs from the directory: SKUs, users, and each licensing group with its direct members. */
export async function readLicensingSnapshot(directory: Directory, defaultUsageLocation?: string): Promise<LicensingSnapshot> {
  const [skus, users, groups] = await Promise.all([directory.listSubscribedSkus(), directory.listUsers(), directory.listGroups()]);
  const licensing = groups.filter(assignsLicenses);
  const members = await Promise.all(licensing.map((g) => directory.listMembers(g.id)));
  return {
    skus,
    users,
    groups: licensing.map((g, i) => ({ id: g.id, displayName: g.displayName, securityEnabled: g.securityEnabled, assignedLicenses: g.assignedLicenses ?? [], members: members[i] ?? [] })),
    ...(defaultUsageLocation ? { defaultUsageLocation } : {}),
  };
}
