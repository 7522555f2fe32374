import type { LicensingTouched } from './licensing-changes.js';
import type { LicensingSnapshot } from './licensing-snapshot.js';
import type { LicensingTouchedIds } from './untouched-groups.js';

/**
 * What a patch from `before` to `after` touched, as `untouchedGroups` reads it: the named users and
 * groups (a membership names both), and the SKUs whose seats or plans moved or that a named user
 * holds directly, before or after (a direct seat taken or freed moves its pool).
 */
export function touchedSince(before: LicensingSnapshot, after: LicensingSnapshot, touched: LicensingTouched): LicensingTouchedIds {
  const users = new Set<string>([...touched.users, ...touched.memberships.map((m) => m.userId)]);
  const groups = new Set<string>([...touched.groups, ...touched.memberships.map((m) => m.groupId)]);
  const skus = new Set<string>();
  const was = new Map(before.skus.map((s) => [s.skuId as string, JSON.stringify(s)]));
  for (const sku of after.skus) if (was.get(sku.skuId) !== JSON.stringify(sku)) skus.add(sku.skuId);
  for (const id of was.keys()) if (!after.skus.some((s) => s.skuId === id)) skus.add(id);
  for (const snapshot of [before, after]) {
    for (const user of snapshot.users) if (users.has(user.id)) for (const l of user.assignedLicenses ?? []) skus.add(l.skuId);
  }
  return { users, groups, skus };
}
