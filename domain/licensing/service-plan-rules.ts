/**
 * The service-plan facts Entra checks when it assigns a license, by `servicePlanName`. Entra's
 * own tables are not published as data, so these are small, documented excerpts; a tenant can pass
 * its own to `processLicensing`.
 */
export interface ServicePlanRules {
  /** Pairs of plans one user cannot have enabled together (MutuallyExclusiveViolation). */
  readonly conflicts: readonly (readonly [string, string])[];
  /** Add-on plans and the plans one of which must be enabled too (DependencyViolation). */
  readonly prerequisites: Readonly<Record<string, readonly string[]>>;
  /** Plans that are not sold in some usage locations (ProhibitedInUsageLocationViolation), as ISO country codes. */
  readonly prohibitedIn: Readonly<Record<string, readonly string[]>>;
}

export const defaultServicePlanRules: ServicePlanRules = {
  // Plan 1 and Plan 2 of one workload, and the kiosk plans, exclude each other: Microsoft's own
  // example is Office 365 E1 assigned directly and E3 from a group ("conflicting service plans").
  // The same plan arriving in two SKUs (E3 and E5 both carry EXCHANGE_S_ENTERPRISE) is no conflict.
  conflicts: [
    ['EXCHANGE_S_STANDARD', 'EXCHANGE_S_ENTERPRISE'],
    ['EXCHANGE_S_DESKLESS', 'EXCHANGE_S_STANDARD'],
    ['EXCHANGE_S_DESKLESS', 'EXCHANGE_S_ENTERPRISE'],
    ['SHAREPOINTSTANDARD', 'SHAREPOINTENTERPRISE'],
    ['SHAREPOINTDESKLESS', 'SHAREPOINTSTANDARD'],
    ['SHAREPOINTDESKLESS', 'SHAREPOINTENTERPRISE'],
  ],
  // Microsoft's example of an add-on: Workplace Analytics needs Exchange Online (Plan 1 or 2);
  // Exchange Online Archiving likewise needs an Exchange Online mailbox plan.
  prerequisites: {
    WORKPLACE_ANALYTICS: ['EXCHANGE_S_STANDARD', 'EXCHANGE_S_ENTERPRISE'],
    EXCHANGE_S_ARCHIVE_ADDON: ['EXCHANGE_S_STANDARD', 'EXCHANGE_S_ENTERPRISE'],
  },
  // Teams Calling Plans are sold in a list of countries; India and China are not on it.
  prohibitedIn: {
    MCOPSTN1: ['IN', 'CN'],
    MCOPSTN2: ['IN', 'CN'],
  },
};

/** True when the two plans may not be enabled together. */
export function plansConflict(rules: ServicePlanRules, a: string, b: string): boolean {
  return rules.conflicts.some(([x, y]) => (x === a && y === b) || (x === b && y === a));
}

const ruledPlans = new WeakMap<ServicePlanRules, { readonly named: ReadonlySet<string>; readonly subsets: WeakMap<readonly string[], readonly string[]> }>();

/** The plans of a license that some rule names (memoised: most licenses have none, and are then checked for seats only). */
export function plansWithRules(rules: ServicePlanRules, plans: readonly string[]): readonly string[] {
  let memo = ruledPlans.get(rules);
  if (!memo) {
    memo = { named: new Set([...rules.conflicts.flat(), ...Object.keys(rules.prerequisites), ...Object.keys(rules.prohibitedIn)]), subsets: new WeakMap() };
    ruledPlans.set(rules, memo);
  }
  const { named, subsets } = memo;
  let subset = subsets.get(plans);
  if (!subset) subsets.set(plans, (subset = plans.filter((p) => named.has(p))));
  return subset;
}
