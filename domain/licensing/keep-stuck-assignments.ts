import type { AssignedLicense, DirectoryUser } from '../model/directory-user.js';
import type { UserId } from '../model/ids.js';
import { enabledPlanNames } from './enabled-plan-names.js';
import type { LicenseErrorCause } from './license-assignment-state.js';
import type { LicensingGroup } from './licensing-snapshot.js';
import type { LicensingState } from './licensing-state.js';
import type { GroupAssignmentsDraft } from './group-assignments-draft.js';
import type { SeatLedger } from './seat-ledger.js';
import type { ServicePlanRules } from './service-plan-rules.js';

/** What deciding on former members' licenses reads. */
export interface StuckInput {
  readonly previous: LicensingState | undefined;
  readonly groups: readonly LicensingGroup[];
  readonly users: ReadonlyMap<string, DirectoryUser>;
  readonly ledger: SeatLedger;
  readonly rules: ServicePlanRules;
  readonly at: string;
  /** Groups to pass over: every former holder there is still a member. */
  readonly skip: ReadonlySet<string>;
  readonly draftFor: (groupId: string, licenses: readonly AssignedLicense[]) => GroupAssignmentsDraft;
}

/**
 * Licenses held through a group the user is no longer in (or a group that stopped assigning them)
 * are removed — unless a plan the user keeps needs one of their plans. Then Entra cannot remove
 * them: they stay, seat and all, in DependencyViolation until the dependent plan goes too.
 */
export function keepStuckAssignments(input: StuckInput): void {
  const { previous, ledger, rules, at } = input;
  const current = new Map(input.groups.map((g) => [g.id as string, g]));
  for (const [groupId, before] of Object.entries(previous?.groups ?? {})) {
    if (input.skip.has(groupId)) continue;
    const group = current.get(groupId);
    const members = group ? new Set<string>(group.members) : undefined;
    const holders = [
      ...Object.keys(before.active).map((userId) => [userId, at] as const),
      ...Object.entries(before.stuck).map(([userId, stuck]) => [userId, stuck.since] as const),
    ];
    for (const [userId, stuckSince] of holders) {
      if (members?.has(userId) || !input.users.has(userId)) continue;
      const cause = strandedPlan(ledger, userId as UserId, before.licenses, rules);
      if (!cause) continue;
      ledger.holdAll(userId as UserId, before.licenses);
      input.draftFor(groupId, before.licenses).setStuck(userId, { since: stuckSince, cause });
    }
  }
}

function strandedPlan(ledger: SeatLedger, userId: UserId, leaving: readonly AssignedLicense[], rules: ServicePlanRules): LicenseErrorCause | undefined {
  const kept = new Set(ledger.heldSkus(userId).flatMap((h) => h.plans));
  const going = new Set(leaving.flatMap((l) => enabledPlanNames(ledger.skus.get(l.skuId), l.disabledPlans)));
  for (const neededBy of kept) {
    const needsOneOf = rules.prerequisites[neededBy];
    if (!needsOneOf || needsOneOf.some((p) => kept.has(p))) continue;
    const plan = needsOneOf.find((p) => going.has(p));
    if (plan) return { reason: 'neededByAnotherPlan', plan, neededBy };
  }
  return undefined;
}
