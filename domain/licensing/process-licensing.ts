import type { AssignedLicense, DirectoryUser } from '../model/directory-user.js';
import { checkGroupAssignment } from './check-group-assignment.js';
import { assignsThroughGroup, type LicensingGroup, type LicensingSnapshot } from './licensing-snapshot.js';
import type { FailedAssignment, GroupAssignments, LicensingState, StuckAssignment } from './licensing-state.js';
import { keepStuckAssignments } from './keep-stuck-assignments.js';
import { SeatLedger } from './seat-ledger.js';
import { defaultServicePlanRules, type ServicePlanRules } from './service-plan-rules.js';

/** A group's assignments while a run builds them. */
export interface DraftAssignments {
  readonly licenses: readonly AssignedLicense[];
  readonly active: Record<string, string>;
  readonly failing: Record<string, FailedAssignment>;
  readonly stuck: Record<string, StuckAssignment>;
}

interface Attempt {
  readonly group: LicensingGroup;
  readonly user: DirectoryUser;
  /** 0: held the group's licenses before its SKUs changed; 1: waiting or new. */
  readonly priority: 0 | 1;
  readonly since: string;
  readonly order: number;
}

/**
 * One run of group-based licensing: (previous state, directory snapshot, now) → next state.
 *
 * 1. Direct assignments hold their seats (Graph refuses a direct assignment it cannot honour, so
 *    they never wait), and so do members who already held a group's licenses: Entra never takes a
 *    license back because seats ran short.
 * 2. Former members lose the group's licenses, unless that would strand a plan they keep which
 *    needs one of them (DependencyViolation, the license stays until reprocessed).
 * 3. Everyone else in a licensing group is tried, oldest waiting first (then in membership order),
 *    all of a group's SKUs or none: members whose group's SKUs changed, then waiters by the time
 *    they first failed, then newcomers. A member who cannot be licensed is skipped, not a block
 *    on those behind.
 *
 * Every run retries every waiter, so a seat freed by a leave or added by a purchase goes to the
 * oldest waiter at once (Entra asks for a manual reprocess after freeing seats; GroupGate reprocesses).
 */
export function processLicensing(previous: LicensingState | undefined, snapshot: LicensingSnapshot, now: Date, rules: ServicePlanRules = defaultServicePlanRules): LicensingState {
  const at = now.toISOString();
  const users = new Map(snapshot.users.map((u) => [u.id, u]));
  const ledger = new SeatLedger(new Map(snapshot.skus.map((s) => [s.skuId, s])));
  for (const user of snapshot.users) ledger.holdAll(user.id, user.assignedLicenses ?? []);
  const groups = snapshot.groups.filter(assignsThroughGroup);
  const drafts = new Map<string, DraftAssignments>(groups.map((g) => [g.id, draft(g.assignedLicenses)]));
  const attempts: Attempt[] = [];
  for (const group of groups) {
    const before = previous?.groups[group.id];
    const unchanged = before !== undefined && sameSkus(before.licenses, group.assignedLicenses);
    const out = drafts.get(group.id)!;
    group.members.forEach((userId, order) => {
      const user = users.get(userId);
      if (!user) return;
      const heldSince = before?.active[userId] ?? before?.stuck[userId]?.since;
      if (heldSince !== undefined && unchanged) {
        ledger.holdAll(userId, group.assignedLicenses);
        out.active[userId] = heldSince;
      } else {
        attempts.push({ group, user, priority: heldSince === undefined ? 1 : 0, since: heldSince ?? before?.failing[userId]?.since ?? at, order });
      }
    });
  }
  keepStuckAssignments({ previous, groups, users, ledger, rules, at, draftFor: (id, licenses) => drafts.get(id) ?? drafts.set(id, draft(licenses)).get(id)! });
  attempts.sort((a, b) => a.priority - b.priority || compare(a.since, b.since) || a.order - b.order || compare(a.group.id, b.group.id));
  // Passes until one grants nobody: a prerequisite may come from a group tried later, and every
  // failure is then stated against the final seats and plans (so the next run finds the same).
  let pending = attempts;
  for (let granted = true; granted && pending.length > 0; ) {
    const before = pending.length;
    pending = pending.filter((attempt) => tryAssignment(attempt, ledger, drafts.get(attempt.group.id)!, at, rules, snapshot.defaultUsageLocation).length > 0);
    granted = pending.length < before;
  }
  return { processedAt: at, groups: Object.fromEntries(drafts) as Record<string, GroupAssignments> };
}

/** Licenses the member if the group's SKUs can all be assigned, else records why not; returns the failures. */
function tryAssignment(attempt: Attempt, ledger: SeatLedger, out: DraftAssignments, at: string, rules: ServicePlanRules, defaultUsageLocation: string | undefined) {
  const { group, user } = attempt;
  const failures = checkGroupAssignment({ user, licenses: group.assignedLicenses, ledger, rules, ...(defaultUsageLocation ? { defaultUsageLocation } : {}) });
  if (failures.length > 0) {
    out.failing[user.id] = { since: attempt.since, failures };
  } else {
    ledger.holdAll(user.id, group.assignedLicenses);
    out.active[user.id] = attempt.priority === 0 ? attempt.since : at;
    delete out.failing[user.id];
  }
  return failures;
}

const draft = (licenses: readonly AssignedLicense[]): DraftAssignments => ({ licenses, active: {}, failing: {}, stuck: {} });

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function sameSkus(a: readonly AssignedLicense[], b: readonly AssignedLicense[]): boolean {
  return a.length === b.length && a.every((l) => b.some((m) => m.skuId === l.skuId));
}
