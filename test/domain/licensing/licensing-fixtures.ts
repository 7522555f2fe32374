import type { DirectoryUser } from '../../../domain/model/directory-user.js';
import { groupId, skuId, userId, type GroupId, type UserId } from '../../../domain/model/ids.js';
import type { SubscribedSku } from '../../../domain/model/subscribed-sku.js';
import type { CurrentLicensing } from '../../../domain/licensing/license-impact.js';
import type { LicensingGroup, LicensingSnapshot } from '../../../domain/licensing/licensing-snapshot.js';
import { processLicensing } from '../../../domain/licensing/process-licensing.js';
import { summarizeLicensing } from '../../../domain/licensing/summarize-licensing.js';

/** A SKU with the given plans (plan ids are the names, for readable disabledPlans). */
export const sku = (partNumber: string, seats: number, plans: readonly string[], displayName?: string): SubscribedSku => ({
  skuId: skuId(`sku-${partNumber}`),
  skuPartNumber: partNumber,
  ...(displayName ? { displayName } : {}),
  appliesTo: 'User',
  prepaidUnits: { enabled: seats },
  servicePlans: plans.map((name) => ({ servicePlanId: name, servicePlanName: name })),
});

export const E5 = sku('SPE_E5', 2, ['EXCHANGE_S_ENTERPRISE', 'SHAREPOINTENTERPRISE', 'TEAMS1'], 'Microsoft 365 E5');
export const E3 = sku('ENTERPRISEPACK', 10, ['EXCHANGE_S_ENTERPRISE', 'SHAREPOINTENTERPRISE'], 'Office 365 E3');
export const E1 = sku('STANDARDPACK', 10, ['EXCHANGE_S_STANDARD', 'SHAREPOINTSTANDARD'], 'Office 365 E1');
export const VISIO = sku('VISIOCLIENT', 1, ['VISIO_CLIENT_SUBSCRIPTION'], 'Visio Plan 2');
export const ANALYTICS = sku('WORKPLACE_ANALYTICS', 10, ['WORKPLACE_ANALYTICS'], 'Workplace Analytics');
export const CALLING = sku('MCOPSTN1', 10, ['MCOPSTN1'], 'Domestic Calling Plan');

/** A member user with a usage location; override what a test is about. */
export const user = (id: string, overrides: Partial<DirectoryUser> = {}): DirectoryUser => ({
  id: userId(id),
  displayName: id,
  userPrincipalName: `${id}@contoso.example`,
  usageLocation: 'US',
  userType: 'Member',
  ...overrides,
});

/** A security group assigning the SKUs to the members. */
export const group = (id: string, skus: readonly SubscribedSku[], members: readonly string[], overrides: Partial<LicensingGroup> = {}): LicensingGroup => ({
  id: groupId(id),
  displayName: id,
  securityEnabled: true,
  assignedLicenses: skus.map((s) => ({ skuId: s.skuId, disabledPlans: [] })),
  members: members.map(userId),
  ...overrides,
});

/** A snapshot: users named in groups are created as plain members unless given. */
export function snapshot(parts: { skus: readonly SubscribedSku[]; groups: readonly LicensingGroup[]; users?: readonly DirectoryUser[]; defaultUsageLocation?: string }): LicensingSnapshot {
  const given = new Map((parts.users ?? []).map((u) => [u.id as string, u]));
  for (const g of parts.groups) for (const id of g.members) if (!given.has(id)) given.set(id, user(id));
  return { skus: parts.skus, groups: parts.groups, users: [...given.values()], ...(parts.defaultUsageLocation ? { defaultUsageLocation: parts.defaultUsageLocation } : {}) };
}

/** Moves a snapshot's group membership: returns a new snapshot. */
export function withMembers(base: LicensingSnapshot, id: string, members: readonly string[]): LicensingSnapshot {
  const next = { ...base, groups: base.groups.map((g) => (g.id === id ? { ...g, members: members.map(userId) } : g)) };
  const known = new Set(base.users.map((u) => u.id as string));
  return { ...next, users: [...base.users, ...members.filter((m) => !known.has(m)).map((m) => user(m))] };
}

export const at = (time: string) => new Date(`2026-12-01T${time}:00Z`);
export const gid = (id: string): GroupId => groupId(id);
export const uid = (id: string): UserId => userId(id);

/** Licensing processed over a snapshot (from scratch at 09:00): where a forecast starts. */
export function current(snap: LicensingSnapshot): CurrentLicensing {
  const state = processLicensing(undefined, snap, at('09:00'));
  return { state, summary: summarizeLicensing(state, snap), snapshot: snap };
}
