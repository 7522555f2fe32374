import type { AssignedLicense, DirectoryUser } from '../model/directory-user.js';
import { checkGroupAssignment } from './check-group-assignment.js';
import { GroupAssignmentsDraft } from './group-assignments-draft.js';
import { keepStuckAssignments } from './keep-stuck-assignments.js';
import { recordAsMap } from './record-as-map.js';
import { assignsThroughGroup, type LicensingGroup, type LicensingSnapshot } from './licensing-snapshot.js';
import type { GroupAssignments, LicensingState } from './licensing-state.js';
import type { UserId } from '../model/ids.js';
import { SeatLedger } from './seat-ledger.js';
import { defaultServicePlanRules, type ServicePlanRules } from './service-plan-rules.js';

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
export function processLicensing(
  previous: LicensingState | undefined,
  snapshot: LicensingSnapshot,
  now: Date,
  rules: ServicePlanRules = defaultServicePlanRules,
  /** Groups whose previous record stands (`untouchedGroups`: their pools saw no change), not recomputed. */
  keep: ReadonlySet<string> = new Set(),
): LicensingState {
  const at = now.toISOString();
  const users = new Map(snapshot.users.map((u) => [u.id, u]));
  const ledger = new SeatLedger(new Map(snapshot.skus.map((s) => [s.skuId, s])), rules);
  for (const user of snapshot.users) if (user.assignedLicenses?.length) ledger.holdAll(user.id, user.assignedLicenses);
  const groups = snapshot.groups.filter(assignsThroughGroup);
  const drafts = new Map<string, GroupAssignmentsDraft>();
  const attempts: Attempt[] = [];
  // Groups where every former holder is still a member: nobody there can lose a license this run.
  const allHoldersStayed = new Set<string>();
  const kept: [string, GroupAssignments][] = [];
  for (const group of groups) {
    const before = previous?.groups[group.id];
    if (before && keep.has(group.id)) {
      holdKept(ledger, before, users);
      kept.push([group.id, before]);
      allHoldersStayed.add(group.id);
      continue;
    }
    const out = new GroupAssignmentsDraft(group.assignedLicenses, before);
    drafts.set(group.id, out);
    const unchanged = before !== undefined && sameSkus(before.licenses, group.assignedLicenses);
    const [active, stuck, failing] = before ? [recordAsMap(before.active), recordAsMap(before.stuck), recordAsMap(before.failing)] : [];
    let holdersSeen = 0;
    for (let order = 0; order < group.members.length; order++) {
      const user = users.get(group.members[order]!);
      if (!user) continue;
      const heldSince = active?.get(user.id) ?? stuck?.get(user.id)?.since;
      if (heldSince !== undefined) holdersSeen++;
      if (heldSince !== undefined && unchanged) {
        ledger.holdAll(user.id, group.assignedLicenses);
        out.setActive(user.id, heldSince);
      } else {
        attempts.push({ group, user, priority: heldSince === undefined ? 1 : 0, since: heldSince ?? failing?.get(user.id)?.since ?? at, order });
      }
    }
    if (active && stuck && holdersSeen === active.size + stuck.size) allHoldersStayed.add(group.id);
  }
  keepStuckAssignments({ previous, groups, users, ledger, rules, at, skip: allHoldersStayed, draftFor: (id, licenses) => drafts.get(id) ?? drafts.set(id, new GroupAssignmentsDraft(licenses, previous?.groups[id])).get(id)! });
  attempts.sort((a, b) => a.priority - b.priority || compare(a.since, b.since) || a.order - b.order || compare(a.group.id, b.group.id));
  // Passes until one grants nobody: a prerequisite may come from a group tried later, and every
  // failure is then stated against the final seats and plans (so the next run finds the same).
  let pending = attempts;
  for (let granted = true; granted && pending.length > 0; ) {
    const before = pending.length;
    pending = pending.filter((attempt) => !tryAssignment(attempt, ledger, drafts.get(attempt.group.id)!, at, rules, snapshot.defaultUsageLocation));
    granted = pending.length < before;
  }
  return { processedAt: at, groups: Object.fromEntries([...kept, ...[...drafts].map(([id, draft]) => [id, draft.finish()] as const)]) };
}

/**
 * A kept group's holders hold its plans, where a rule names them (another pool's conflicts and
 * prerequisites read them). Its seats need no counting: no SKU of a kept pool is recomputed.
 */
function holdKept(ledger: SeatLedger, record: GroupAssignments, users: ReadonlyMap<string, DirectoryUser>): void {
  if (ledger.resolve(record.licenses).every((l) => l.plans.length === 0)) return;
  for (const id of [...Object.keys(record.active), ...Object.keys(record.stuck)]) if (users.has(id)) ledger.holdAll(id as UserId, record.licenses);
}

/** Licenses the member if the group's SKUs can all be assigned, else records why not; true when licensed. */
function tryAssignment(attempt: Attempt, ledger: SeatLedger, out: GroupAssignmentsDraft, at: string, rules: ServicePlanRules, defaultUsageLocation: string | undefined): boolean {
  const { group, user } = attempt;
  const failures = checkGroupAssignment({ user, licenses: group.assignedLicenses, ledger, rules, ...(defaultUsageLocation ? { defaultUsageLocation } : {}) });
  if (failures.length > 0) {
    out.setFailing(user.id, { since: attempt.since, failures });
    return false;
  }
  ledger.holdAll(user.id, group.assignedLicenses);
  out.setActive(user.id, attempt.priority === 0 ? attempt.since : at);
  return true;
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function sameSkus(a: readonly AssignedLicense[], b: readonly AssignedLicense[]): boolean {
  return a.length === b.length && a.every((l) => b.some((m) => m.skuId === l.skuId));
}
