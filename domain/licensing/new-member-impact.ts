import type { DirectoryUser } from '../model/directory-user.js';
import type { GroupId } from '../model/ids.js';
import { checkGroupAssignment } from './check-group-assignment.js';
import type { CurrentLicensing, LicenseImpact, SkuImpact } from './license-impact.js';
import { assignsThroughGroup } from './licensing-snapshot.js';
import { SeatLedger } from './seat-ledger.js';
import { defaultServicePlanRules, type ServicePlanRules } from './service-plan-rules.js';

/**
 * The forecast for one newcomer to one group (an approval card), without a licensing run: a
 * newcomer queues behind everyone already waiting, so only their own holdings, their usage
 * location and the seats left decide. It equals `licenseImpact` for one add while `current` is up
 * to date, and costs a look at each licensing group instead of a run over the tenant.
 */
export function newMemberImpact(current: CurrentLicensing, user: DirectoryUser, groupId: GroupId, rules: ServicePlanRules = defaultServicePlanRules): LicenseImpact {
  const group = current.snapshot.groups.find((g) => g.id === groupId);
  if (!group || !assignsThroughGroup(group)) return { skus: [], unlicensed: [], licensedFromQueue: [] };
  const pools = new Map(current.summary.pools.map((p) => [p.sku.skuId, p]));
  const ledger = new SeatLedger(new Map(current.snapshot.skus.map((s) => [s.skuId, s])), rules);
  ledger.holdAll(user.id, user.assignedLicenses ?? []);
  for (const record of Object.values(current.state.groups)) {
    if (record.active[user.id] !== undefined || record.stuck[user.id]) ledger.holdAll(user.id, record.licenses);
  }
  const member = group.members.includes(user.id);
  const failures = member
    ? []
    : checkGroupAssignment({
        user, licenses: group.assignedLicenses, ledger, rules,
        ...(current.snapshot.defaultUsageLocation ? { defaultUsageLocation: current.snapshot.defaultUsageLocation } : {}),
        seatsFree: (skuId) => {
          const pool = pools.get(skuId);
          return !pool || pool.waiting.length > 0 ? 0 : pool.free;
        },
      });
  const skus = group.assignedLicenses.flatMap((license): SkuImpact[] => {
    const pool = pools.get(license.skuId);
    if (!pool) return [];
    const needed = member || ledger.holds(user.id, license.skuId) ? 0 : 1;
    const short = failures.some((f) => f.skuId === license.skuId && f.error === 'CountViolation') ? 1 : 0;
    return [{ sku: pool.sku, seatsNeeded: needed, seatsFreed: 0, seatsFree: pool.free, shortfall: short }];
  });
  return { skus, unlicensed: failures.length > 0 ? [{ userId: user.id, groupId, failures }] : [], licensedFromQueue: [] };
}
