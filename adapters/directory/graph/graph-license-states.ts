import type { LicenseStateSource } from '../../../domain/licensing/license-state-source.js';
import type { LicensingSnapshot } from '../../../domain/licensing/licensing-snapshot.js';
import { processLicensing } from '../../../domain/licensing/process-licensing.js';
import { defaultServicePlanRules, type ServicePlanRules } from '../../../domain/licensing/service-plan-rules.js';
import { assignsLicenses } from '../../../domain/model/directory-group.js';
import type { AssignedLicense } from '../../../domain/model/directory-user.js';
import { skuId } from '../../../domain/model/ids.js';
import { entraLicensingState, errorOf } from './entra-licensing-state.js';
import type { GraphDirectory } from './graph-directory.js';
import type { GraphLicenseAssignmentState } from './graph-schemas.js';

/**
 * Licensing in Graph mode: Entra assigns the licenses, GroupGate reads its states (refreshed each
 * sync round) instead of computing them. Seats are bought in the Microsoft 365 admin center, so
 * there is no `setSeats`; `reprocess` asks Entra to try users again.
 */
export function graphLicenseStates(directory: GraphDirectory, rules: ServicePlanRules = defaultServicePlanRules): LicenseStateSource {
  return {
    snapshot: () => readGraphLicensingSnapshot(directory),
    next: async (previous, snapshot, now) => {
      const states = await directory.allLicenseAssignmentStates();
      return entraLicensingState({ previous, snapshot, states, explained: processLicensing(previous, snapshot, now, rules), now });
    },
    reprocess: (userIds) => directory.reprocessLicenseAssignment(userIds),
  };
}

/**
 * The directory as licensing reads it, from the copy. Graph's `user.assignedLicenses` lists every
 * license the user holds, inherited ones too; licensing wants the direct ones, which are the
 * states with no `assignedByGroup`.
 */
export async function readGraphLicensingSnapshot(directory: GraphDirectory): Promise<LicensingSnapshot> {
  const [skus, users, groups, states, tenant] = await Promise.all([
    directory.listSubscribedSkus(), directory.listUsers(), directory.listGroups(), directory.allLicenseAssignmentStates(), directory.tenantInfo(),
  ]);
  const licensing = groups.filter(assignsLicenses);
  const members = await Promise.all(licensing.map((group) => directory.listMembers(group.id)));
  return {
    skus,
    users: users.map((user) => (states[user.id] ? { ...user, assignedLicenses: directLicenses(states[user.id]!) } : user)),
    groups: licensing.map((group, i) => ({
      id: group.id, displayName: group.displayName, securityEnabled: group.securityEnabled, assignedLicenses: group.assignedLicenses ?? [], members: members[i] ?? [],
    })),
    ...(tenant.defaultUsageLocation ? { defaultUsageLocation: tenant.defaultUsageLocation } : {}),
  };
}

function directLicenses(states: readonly GraphLicenseAssignmentState[]): AssignedLicense[] {
  return states
    .filter((state) => !state.assignedByGroup && state.state !== 'Disabled' && errorOf(state) === null)
    .map((state) => ({ skuId: skuId(state.skuId), disabledPlans: state.disabledPlans ?? [] }));
}
