import type { LicenseStateSource } from '../../../domain/licensing/license-state-source.js';
import type { LicensingSnapshot } from '../../../domain/licensing/licensing-snapshot.js';
import { patchLicensingSnapshot } from '../../../domain/licensing/patch-licensing-snapshot.js';
import { untouchedGroups } from '../../../domain/licensing/untouched-groups.js';
import { processLicensing } from '../../../domain/licensing/process-licensing.js';
import { defaultServicePlanRules, type ServicePlanRules } from '../../../domain/licensing/service-plan-rules.js';
import { assignsLicenses } from '../../../domain/model/directory-group.js';
import type { AssignedLicense, DirectoryUser } from '../../../domain/model/directory-user.js';
import { skuId } from '../../../domain/model/ids.js';
import { readSnapshotPatch } from '../../../bot/licensing/read-snapshot-patch.js';
import { entraLicensingState, errorOf, type UserStates } from './entra-licensing-state.js';
import type { GraphDirectory } from './graph-directory.js';
import type { GraphLicenseAssignmentState } from './graph-schemas.js';

/**
 * Licensing in Graph mode: Entra assigns the licenses, GroupGate reads its states (refreshed each
 * sync round) instead of computing them. Seats are bought in the Microsoft 365 admin center, so
 * there is no `setSeats`; `reprocess` asks Entra to try users again.
 */
export function graphLicenseStates(directory: GraphDirectory, rules: ServicePlanRules = defaultServicePlanRules): LicenseStateSource {
  // The states each snapshot was read (or patched) with, so a run reads no user's states again.
  const statesOf = new WeakMap<LicensingSnapshot, UserStates>();
  return {
    snapshot: async () => {
      const states = new Map(Object.entries(await directory.allLicenseAssignmentStates()));
      const snapshot = await readGraphLicensingSnapshot(directory, states);
      statesOf.set(snapshot, states);
      return snapshot;
    },
    patch: async (snapshot, touched) => {
      const known = statesOf.get(snapshot);
      const states = new Map(known ?? Object.entries(await directory.allLicenseAssignmentStates()));
      const asLicensing = async (user: DirectoryUser) => {
        const mine = await directory.licenseAssignmentStates(user.id);
        if (mine.length > 0) states.set(user.id, [...mine]);
        else states.delete(user.id);
        return withDirectLicenses(user, mine.length > 0 ? mine : undefined);
      };
      const tenant = await directory.tenantInfo();
      const patch = await readSnapshotPatch(directory, snapshot, touched, tenant.defaultUsageLocation, asLicensing);
      for (const [id, user] of patch.users) if (!user) states.delete(id);
      const patched = patchLicensingSnapshot(snapshot, patch);
      statesOf.set(patched, states);
      return patched;
    },
    next: async (previous, snapshot, now, touched) => {
      const states = statesOf.get(snapshot) ?? new Map(Object.entries(await directory.allLicenseAssignmentStates()));
      const keep = previous && touched ? untouchedGroups(previous, snapshot, touched, rules) : undefined;
      return entraLicensingState({ previous, snapshot, states, explained: processLicensing(previous, snapshot, now, rules, keep), now });
    },
    reprocess: (userIds) => directory.reprocessLicenseAssignment(userIds),
  };
}

/**
 * The directory as licensing reads it, from the copy. Graph's `user.assignedLicenses` lists every
 * license the user holds, inherited ones too; licensing wants the direct ones, which are the
 * states with no `assignedByGroup`.
 */
export async function readGraphLicensingSnapshot(directory: GraphDirectory, known?: UserStates): Promise<LicensingSnapshot> {
  const [skus, users, groups, states, tenant] = await Promise.all([
    directory.listSubscribedSkus(), directory.listUsers(), directory.listGroups(), known ?? new Map(Object.entries(await directory.allLicenseAssignmentStates())), directory.tenantInfo(),
  ]);
  const licensing = groups.filter(assignsLicenses);
  const members = await Promise.all(licensing.map((group) => directory.listMembers(group.id)));
  return {
    skus,
    users: users.map((user) => withDirectLicenses(user, states.get(user.id))),
    groups: licensing.map((group, i) => ({
      id: group.id, displayName: group.displayName, securityEnabled: group.securityEnabled, assignedLicenses: group.assignedLicenses ?? [], members: members[i] ?? [],
    })),
    ...(tenant.defaultUsageLocation ? { defaultUsageLocation: tenant.defaultUsageLocation } : {}),
  };
}

/** The user with only their direct licenses, when Entra reported states for them. */
function withDirectLicenses(user: DirectoryUser, states: readonly GraphLicenseAssignmentState[] | undefined): DirectoryUser {
  return states ? { ...user, assignedLicenses: directLicenses(states) } : user;
}

function directLicenses(states: readonly GraphLicenseAssignmentState[]): AssignedLicense[] {
  return states
    .filter((state) => !state.assignedByGroup && state.state !== 'Disabled' && errorOf(state) === null)
    .map((state) => ({ skuId: skuId(state.skuId), disabledPlans: state.disabledPlans ?? [] }));
}
