import type { AssignedLicense } from '../model/directory-user.js';
import type { SkuFailure, LicenseErrorCause } from './license-assignment-state.js';

/** A member a group could not license: since when (their place in the queue) and what failed. */
export interface FailedAssignment {
  readonly since: string;
  /** Only the SKUs that failed on their own; the group's other SKUs are withheld with them (all or nothing). */
  readonly failures: readonly SkuFailure[];
}

/** A former member whose licenses stay, because removing them would strand a plan that needs them. */
export interface StuckAssignment {
  readonly since: string;
  readonly cause: LicenseErrorCause;
}

/** What one licensing group has done for its members, as last processed. Keys are user ids. */
export interface GroupAssignments {
  /** The licenses the group assigned when processed; when its SKUs change, its members are re-evaluated. */
  readonly licenses: readonly AssignedLicense[];
  /** Members holding the group's licenses, with when they got them. */
  readonly active: Readonly<Record<string, string>>;
  readonly failing: Readonly<Record<string, FailedAssignment>>;
  readonly stuck: Readonly<Record<string, StuckAssignment>>;
}

/**
 * What group-based licensing remembers between runs (keys are group ids): who holds each group's
 * licenses, who is waiting and since when. Graph's per-user `licenseAssignmentStates` are read
 * from it (`licenseAssignmentStates`), and a Graph directory can fill it from Entra's own states.
 */
export interface LicensingState {
  readonly processedAt: string;
  readonly groups: Readonly<Record<string, GroupAssignments>>;
}
