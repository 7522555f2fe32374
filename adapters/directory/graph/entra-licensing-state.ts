import type { LicenseError, LicenseErrorCause, SkuFailure } from '../../../domain/licensing/license-assignment-state.js';
import { assignsThroughGroup, type LicensingSnapshot } from '../../../domain/licensing/licensing-snapshot.js';
import { GroupAssignmentsDraft } from '../../../domain/licensing/group-assignments-draft.js';
import type { GroupAssignments, LicensingState } from '../../../domain/licensing/licensing-state.js';
import type { DirectoryUser } from '../../../domain/model/directory-user.js';
import { skuId } from '../../../domain/model/ids.js';
import type { GraphLicenseAssignmentState } from './graph-schemas.js';

const licenseErrors: readonly LicenseError[] = ['CountViolation', 'MutuallyExclusiveViolation', 'DependencyViolation', 'ProhibitedInUsageLocationViolation', 'UniquenessViolation', 'Other'];

/** Users' `licenseAssignmentStates`, by user id (a Map: a run patches a few of 100,000). */
export type UserStates = ReadonlyMap<string, readonly GraphLicenseAssignmentState[]>;

/** What turning Entra's states into a licensing state reads. */
export interface EntraStates {
  readonly previous: LicensingState | undefined;
  readonly snapshot: LicensingSnapshot;
  /** Each user's `licenseAssignmentStates`, by user id. */
  readonly states: UserStates;
  /** GroupGate's own run over the same snapshot: it explains which plan or seat a failure is about. */
  readonly explained: LicensingState;
  readonly now: Date;
}

/**
 * The licensing state as Entra reports it (B.2): who holds each licensing group's licenses, who is
 * in error and why, who keeps a license through a group they left (DependencyViolation). Entra
 * decides who is where; GroupGate's own reading only words the cause (Graph names the error kind,
 * not the plan). `since` is kept from the previous state, so the oldest waiter stays first.
 */
export function entraLicensingState({ previous, snapshot, states, explained, now }: EntraStates): LicensingState {
  const at = now.toISOString();
  const users = new Map(snapshot.users.map((user) => [user.id as string, user]));
  const byGroup = statesByGroup(states);
  const groups: Record<string, GroupAssignments> = {};
  for (const group of snapshot.groups.filter(assignsThroughGroup)) {
    const before = previous?.groups[group.id];
    const members = new Set<string>(group.members);
    // A group whose states did not move keeps its previous record, so the store rewrites only the
    // groups that changed (All Staff's record is 90,000 entries at 100k users).
    const out = new GroupAssignmentsDraft(group.assignedLicenses, before);
    for (const [id, mine] of byGroup.get(group.id) ?? []) {
      const since = earliest(mine) ?? at;
      const failed = mine.filter((state) => state.state === 'Error' && errorOf(state) !== null);
      if (failed.length > 0) {
        const failures = failuresOf(failed, users.get(id), explained.groups[group.id]?.failing[id]?.failures ?? [], snapshot);
        out.setFailing(id, { since: before?.failing[id]?.since ?? since, failures });
      } else if (!members.has(id) && mine.some((state) => state.state === 'ActiveWithError')) {
        const cause = explained.groups[group.id]?.stuck[id]?.cause ?? fallbackCause('DependencyViolation', mine[0]!, users.get(id), snapshot);
        out.setStuck(id, { since: before?.stuck[id]?.since ?? since, cause });
      } else if (mine.some((state) => state.state === 'Active' || state.state === 'ActiveWithError')) {
        out.setActive(id, before?.active[id] ?? before?.stuck[id]?.since ?? since);
      }
    }
    groups[group.id] = out.finish();
  }
  return { processedAt: at, groups };
}

/**
 * Each group's states, by user, in one pass over every user's states: looking through all of them
 * once per licensing group cost groups × users (300,000 users' lists at 100k users and 3 groups).
 * Users keep the order of `states`, so each group's records list them as before.
 */
function statesByGroup(states: UserStates): Map<string, Map<string, GraphLicenseAssignmentState[]>> {
  const byGroup = new Map<string, Map<string, GraphLicenseAssignmentState[]>>();
  for (const [id, userStates] of states) {
    for (const state of userStates) {
      if (!state.assignedByGroup) continue;
      let users = byGroup.get(state.assignedByGroup);
      if (!users) byGroup.set(state.assignedByGroup, (users = new Map()));
      const mine = users.get(id);
      if (mine) mine.push(state);
      else users.set(id, [state]);
    }
  }
  return byGroup;
}

/** Graph's error name, or null for none ("None" in some samples); an unknown name counts as Other. */
export function errorOf(state: GraphLicenseAssignmentState): LicenseError | null {
  if (!state.error || state.error === 'None') return null;
  return licenseErrors.find((known) => known === state.error) ?? 'Other';
}

/** The SKUs that failed on their own (Other marks those withheld with them), each with its cause. */
function failuresOf(failed: readonly GraphLicenseAssignmentState[], user: DirectoryUser | undefined, explained: readonly SkuFailure[], snapshot: LicensingSnapshot): SkuFailure[] {
  const own = failed.filter((state) => errorOf(state) !== 'Other');
  return (own.length > 0 ? own : failed).map((state) => {
    const error = errorOf(state)!;
    const id = skuId(state.skuId);
    const cause = explained.find((f) => f.skuId === id && f.error === error)?.cause ?? fallbackCause(error, own[0] ?? state, user, snapshot);
    return { skuId: id, error, cause };
  });
}

/** When GroupGate's own reading does not explain Entra's error, the cause in the terms Graph gives. */
function fallbackCause(error: LicenseError, state: GraphLicenseAssignmentState, user: DirectoryUser | undefined, snapshot: LicensingSnapshot): LicenseErrorCause {
  const plan = snapshot.skus.find((sku) => sku.skuId === state.skuId)?.skuPartNumber ?? state.skuId;
  const location = user?.usageLocation || snapshot.defaultUsageLocation;
  switch (error) {
    case 'CountViolation':
      return { reason: 'notEnoughSeats' };
    case 'ProhibitedInUsageLocationViolation':
      return location ? { reason: 'prohibitedInUsageLocation', plan, usageLocation: location } : { reason: 'noUsageLocation' };
    case 'MutuallyExclusiveViolation':
      return { reason: 'conflictingPlans', plan, conflictsWith: 'a plan from another license the user holds' };
    case 'DependencyViolation':
      return { reason: 'missingPrerequisite', plan, needsOneOf: ['a prerequisite plan'] };
    case 'UniquenessViolation':
      // No cause of its own in the model yet: the clash is the user's proxy address, not a plan.
      return { reason: 'conflictingPlans', plan, conflictsWith: "another object's proxy address (duplicate proxy address)" };
    case 'Other':
      return { reason: 'anotherSkuFailed', skuId: skuId(state.skuId) };
  }
}

function earliest(states: readonly GraphLicenseAssignmentState[]): string | undefined {
  return states.map((state) => state.lastUpdatedDateTime).filter((t): t is string => Boolean(t)).sort()[0];
}
