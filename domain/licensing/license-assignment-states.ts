import type { DirectoryUser } from '../model/directory-user.js';
import type { GroupId, SkuId } from '../model/ids.js';
import type { LicenseAssignmentState } from './license-assignment-state.js';
import type { LicensingState } from './licensing-state.js';

/**
 * A user's license assignment states as Graph's `user.licenseAssignmentStates` shows them: one per
 * direct license, and one per SKU per licensing group that holds them. When a group's SKU fails
 * on its own, its other SKUs show `Other` (withheld with it: all or nothing).
 */
export function licenseAssignmentStates(user: DirectoryUser, state: LicensingState): LicenseAssignmentState[] {
  const at = state.processedAt;
  const states: LicenseAssignmentState[] = (user.assignedLicenses ?? []).map((l) => ({
    assignedByGroup: null, skuId: l.skuId, disabledPlans: l.disabledPlans, state: 'Active', error: null, lastUpdatedDateTime: at,
  }));
  for (const [id, record] of Object.entries(state.groups)) {
    const groupId = id as GroupId;
    const active = record.active[user.id];
    const stuck = record.stuck[user.id];
    const failed = record.failing[user.id];
    for (const { skuId, disabledPlans } of record.licenses) {
      const base = { assignedByGroup: groupId, skuId, disabledPlans };
      if (active !== undefined) states.push({ ...base, state: 'Active', error: null, lastUpdatedDateTime: active });
      else if (stuck) states.push({ ...base, state: 'ActiveWithError', error: 'DependencyViolation', cause: stuck.cause, lastUpdatedDateTime: stuck.since });
      else if (failed) {
        const own = failed.failures.find((f) => f.skuId === skuId);
        const first = failed.failures[0]?.skuId ?? skuId;
        states.push({
          ...base,
          state: 'Error',
          error: own?.error ?? 'Other',
          cause: own?.cause ?? { reason: 'anotherSkuFailed', skuId: first as SkuId },
          lastUpdatedDateTime: failed.since,
          waitingSince: failed.since,
        });
      }
    }
  }
  return states;
}
