import type { GroupId, SkuId } from '../model/ids.js';

/** Graph's `licenseAssignmentState.error` values (the PowerShell names are the same words). */
export type LicenseError =
  | 'CountViolation'
  | 'MutuallyExclusiveViolation'
  | 'DependencyViolation'
  | 'ProhibitedInUsageLocationViolation'
  | 'UniquenessViolation'
  | 'Other';

/** Graph's `licenseAssignmentState.state` values. */
export type LicenseAssignmentStatus = 'Active' | 'ActiveWithError' | 'Disabled' | 'Error';

/** What exactly went wrong: Graph's `error` names only the kind, people need the plans and places. */
export type LicenseErrorCause =
  | { readonly reason: 'notEnoughSeats' }
  | { readonly reason: 'conflictingPlans'; readonly plan: string; readonly conflictsWith: string }
  | { readonly reason: 'missingPrerequisite'; readonly plan: string; readonly needsOneOf: readonly string[] }
  | { readonly reason: 'neededByAnotherPlan'; readonly plan: string; readonly neededBy: string }
  | { readonly reason: 'noUsageLocation' }
  | { readonly reason: 'prohibitedInUsageLocation'; readonly plan: string; readonly usageLocation: string }
  | { readonly reason: 'anotherSkuFailed'; readonly skuId: SkuId };

/** One SKU a group could not assign to one user, with Graph's error name and the cause. */
export interface SkuFailure {
  readonly skuId: SkuId;
  readonly error: LicenseError;
  readonly cause: LicenseErrorCause;
}

/**
 * Graph's `licenseAssignmentState` (`assignedByGroup` is null for a direct assignment), plus two
 * fields GroupGate adds: `cause`, and `waitingSince` — when the assignment first failed, which
 * decides who gets a freed seat first.
 */
export interface LicenseAssignmentState {
  readonly assignedByGroup: GroupId | null;
  readonly skuId: SkuId;
  readonly disabledPlans: readonly string[];
  readonly state: LicenseAssignmentStatus;
  readonly error: LicenseError | null;
  readonly lastUpdatedDateTime: string;
  readonly cause?: LicenseErrorCause;
  readonly waitingSince?: string;
}
