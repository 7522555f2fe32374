import type { AssignedLicense, DirectoryUser } from '../model/directory-user.js';
import type { SkuId } from '../model/ids.js';
import type { SkuFailure } from './license-assignment-state.js';
import { enabledPlanNames } from './enabled-plan-names.js';
import type { SeatLedger } from './seat-ledger.js';
import { plansConflict, type ServicePlanRules } from './service-plan-rules.js';

/** What checking one group's licenses for one user reads. */
export interface AssignmentCheck {
  readonly user: DirectoryUser;
  readonly licenses: readonly AssignedLicense[];
  readonly ledger: SeatLedger;
  readonly rules: ServicePlanRules;
  readonly defaultUsageLocation?: string;
}

type Failure = Omit<SkuFailure, 'skuId'>;

/**
 * Why a group cannot license a user, one entry per SKU that fails on its own; empty when every
 * SKU of the group can be assigned. Checked in this order: usage location, conflicting plans,
 * missing prerequisite plans, seats.
 */
export function checkGroupAssignment(check: AssignmentCheck): readonly SkuFailure[] {
  const { user, licenses, ledger, rules } = check;
  // Group licensing falls back on the tenant's location and never writes it to the user (B.1).
  const location = user.usageLocation || check.defaultUsageLocation;
  if (!location) return licenses.map((l) => ({ skuId: l.skuId, error: 'Other', cause: { reason: 'noUsageLocation' } }));
  const incoming = licenses.map((license) => ({ skuId: license.skuId, plans: enabledPlanNames(ledger.skus.get(license.skuId), license.disabledPlans) }));
  const held = [...ledger.heldPlans(user.id)];
  const available = new Set([...held.map(([plan]) => plan), ...incoming.flatMap((i) => i.plans)]);
  const failures: SkuFailure[] = [];
  for (const { skuId, plans } of incoming) {
    const others = [...held.filter(([, from]) => from !== skuId), ...incoming.filter((i) => i.skuId !== skuId).flatMap((i) => i.plans.map((p) => [p, i.skuId] as const))];
    const failure =
      prohibited(plans, location, rules) ??
      conflict(plans, others, rules) ??
      missingPrerequisite(plans, available, rules) ??
      (ledger.holds(user.id, skuId) || ledger.free(skuId) >= 1 ? undefined : ({ error: 'CountViolation', cause: { reason: 'notEnoughSeats' } } as const));
    if (failure) failures.push({ skuId, ...failure });
  }
  return failures;
}

function prohibited(plans: readonly string[], location: string, rules: ServicePlanRules): Failure | undefined {
  const plan = plans.find((p) => rules.prohibitedIn[p]?.includes(location.toUpperCase()));
  return plan ? { error: 'ProhibitedInUsageLocationViolation', cause: { reason: 'prohibitedInUsageLocation', plan, usageLocation: location } } : undefined;
}

function conflict(plans: readonly string[], others: readonly (readonly [string, SkuId])[], rules: ServicePlanRules): Failure | undefined {
  for (const plan of plans) {
    const clash = others.find(([other]) => plansConflict(rules, plan, other));
    if (clash) return { error: 'MutuallyExclusiveViolation', cause: { reason: 'conflictingPlans', plan, conflictsWith: clash[0] } };
  }
  return undefined;
}

function missingPrerequisite(plans: readonly string[], available: ReadonlySet<string>, rules: ServicePlanRules): Failure | undefined {
  for (const plan of plans) {
    const needsOneOf = rules.prerequisites[plan];
    if (needsOneOf && !needsOneOf.some((p) => available.has(p))) {
      return { error: 'DependencyViolation', cause: { reason: 'missingPrerequisite', plan, needsOneOf } };
    }
  }
  return undefined;
}
