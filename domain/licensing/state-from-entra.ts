import type { SkuId, UserId } from '../model/ids.js';
import type { LicenseError, SkuFailure } from './license-assignment-state.js';
import { assignsThroughGroup, type LicensingSnapshot } from './licensing-snapshot.js';
import type { FailedAssignment, GroupAssignments, LicensingState, StuckAssignment } from './licensing-state.js';

/** One entry of a user's `licenseAssignmentStates` as Graph returns it (untrusted strings are mapped below). */
export interface EntraAssignmentState {
  readonly assignedByGroup: string | null;
  readonly skuId: string;
  readonly state: string;
  readonly error?: string | null;
  readonly lastUpdatedDateTime?: string | null;
}

const errors: readonly LicenseError[] = ['CountViolation', 'MutuallyExclusiveViolation', 'DependencyViolation', 'ProhibitedInUsageLocationViolation', 'UniquenessViolation', 'Other'];

/**
 * Entra's own license states (a Graph directory: Entra licenses, GroupGate only watches) in the
 * shape GroupGate's runs produce, so seats, alerts and cards work the same. Entra does not say
 * since when a member waits: a member still failing keeps the time from `previous`, else the
 * state's `lastUpdatedDateTime`, else now.
 */
export function stateFromEntra(previous: LicensingState | undefined, snapshot: LicensingSnapshot, statesByUser: ReadonlyMap<UserId, readonly EntraAssignmentState[]>, now: Date): LicensingState {
  const at = now.toISOString();
  const drafts = new Map<string, { active: Record<string, string>; failing: Record<string, FailedAssignment>; stuck: Record<string, StuckAssignment> }>();
  const licensing = new Map(snapshot.groups.filter(assignsThroughGroup).map((g) => [g.id as string, g]));
  for (const id of licensing.keys()) drafts.set(id, { active: {}, failing: {}, stuck: {} });
  for (const [userId, states] of statesByUser) {
    const byGroup = new Map<string, EntraAssignmentState[]>();
    for (const s of states) if (s.assignedByGroup && licensing.has(s.assignedByGroup)) byGroup.set(s.assignedByGroup, [...(byGroup.get(s.assignedByGroup) ?? []), s]);
    for (const [groupId, own] of byGroup) {
      const out = drafts.get(groupId)!;
      const before = previous?.groups[groupId];
      const updated = own.map((s) => s.lastUpdatedDateTime).find(Boolean) ?? at;
      const named = own.filter((s) => s.error && s.error !== 'None').map((s): SkuFailure => {
        const error = errors.find((e) => e === s.error) ?? 'Other';
        return { skuId: s.skuId as SkuId, error, cause: error === 'CountViolation' ? { reason: 'notEnoughSeats' } : { reason: 'reportedByEntra' } };
      });
      // Entra marks the SKUs withheld with a failing one as Other: keep the real failures when there are any.
      const failures = named.some((f) => f.error !== 'Other') ? named.filter((f) => f.error !== 'Other') : named;
      if (failures.length === 0) out.active[userId] = before?.active[userId] ?? updated;
      else if (own.some((s) => s.state === 'ActiveWithError')) out.stuck[userId] = { since: before?.stuck[userId]?.since ?? updated, cause: { reason: 'reportedByEntra' } };
      else out.failing[userId] = { since: before?.failing[userId]?.since ?? updated, failures };
    }
  }
  const groups = Object.fromEntries([...drafts].map(([id, d]): [string, GroupAssignments] => [id, { licenses: licensing.get(id)!.assignedLicenses, ...d }]));
  return { processedAt: at, groups };
}
