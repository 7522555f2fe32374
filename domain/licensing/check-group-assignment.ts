import type { AssignedLicense, DirectoryUser } from '../model/directory-user.js';
import type { SkuId } from '../model/ids.js';
import type { SkuFailure } from './license-assignment-state.js';
import type { HeldSku, SeatLedger } from './seat-ledger.js';
import { plansConflict, plansWithRules, type ServicePlanRules } from './service-plan-rules.js';

/** What checking one group's licenses for one user reads. */
export interface AssignmentCheck {
  readonly user: DirectoryUser;
  readonly licenses: readonly AssignedLicense[];
  readonly ledger: SeatLedger;
  readonly rules: ServicePlanRules;
  readonly defaultUsageLocation?: string;
  /** Seats the user could take; default: what the ledger has left. */
  readonly seatsFree?: (skuId: SkuId) => number;
}

type Failure = Omit<SkuFailure, 'skuId'>;

/**
 * Why a group cannot license a user, one entry per SKU that fails on its own; empty when every
 * SKU of the group can be assigned. Checked in this order: usage location, conflicting plans,
 * missing prerequisite plans, seats. Only plans some rule names are looked at, which keeps this
 * cheap enough to run for every waiting member of a large tenant.
 */
export function checkGroupAssignment(check: AssignmentCheck): readonly SkuFailure[] {
  const { user, licenses, ledger, rules } = check;
  // Group licensing falls back on the tenant's location and never writes it to the user (B.1).
  const location = user.usageLocation || check.defaultUsageLocation;
  if (!location) return licenses.map((l) => ({ skuId: l.skuId, error: 'Other', cause: { reason: 'noUsageLocation' } }));
  const incoming = ledger.resolve(licenses);
  const seatsFree = check.seatsFree ?? ((skuId: SkuId) => ledger.free(skuId));
  const held = ledger.heldSkus(user.id);
  let failures: SkuFailure[] | undefined;
  for (const { skuId, plans } of incoming) {
    const ruled = plansWithRules(rules, plans);
    const failure =
      (ruled.length > 0 && (prohibited(ruled, location, rules) ?? conflict(ruled, skuId, held, incoming, rules) ?? missingPrerequisite(ruled, held, incoming, rules))) ||
      (ledger.holds(user.id, skuId) || seatsFree(skuId) >= 1 ? undefined : ({ error: 'CountViolation', cause: { reason: 'notEnoughSeats' } } as const));
    if (failure) (failures ??= []).push({ skuId, ...failure });
  }
  return failures ?? [];
}

function prohibited(plans: readonly string[], location: string, rules: ServicePlanRules): Failure | undefined {
  const plan = plans.find((p) => rules.prohibitedIn[p]?.includes(location.toUpperCase()));
  return plan ? { error: 'ProhibitedInUsageLocationViolation', cause: { reason: 'prohibitedInUsageLocation', plan, usageLocation: location } } : undefined;
}

/** A plan of this SKU that can't be on with a plan the user has, or gets with it, from another SKU. */
function conflict(plans: readonly string[], skuId: SkuId, held: readonly HeldSku[], incoming: readonly HeldSku[], rules: ServicePlanRules): Failure | undefined {
  for (const source of [held, incoming]) {
    for (const other of source) {
      if (other.skuId === skuId) continue;
      for (const plan of plans) {
        const clash = other.plans.find((p) => plansConflict(rules, plan, p));
        if (clash) return { error: 'MutuallyExclusiveViolation', cause: { reason: 'conflictingPlans', plan, conflictsWith: clash } };
      }
    }
  }
  return undefined;
}

function missingPrerequisite(plans: readonly string[], held: readonly HeldSku[], incoming: readonly HeldSku[], rules: ServicePlanRules): Failure | undefined {
  for (const plan of plans) {
    const needsOneOf = rules.prerequisites[plan];
    const has = (p: string) => held.some((h) => h.plans.includes(p)) || incoming.some((i) => i.plans.includes(p));
    if (needsOneOf && !needsOneOf.some(has)) return { error: 'DependencyViolation', cause: { reason: 'missingPrerequisite', plan, needsOneOf } };
  }
  return undefined;
}
