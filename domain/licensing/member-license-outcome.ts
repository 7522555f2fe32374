import type { DirectoryUser } from '../model/directory-user.js';
import type { GroupId, SkuId } from '../model/ids.js';
import type { SkuFailure } from './license-assignment-state.js';
import type { CurrentLicensing } from './license-impact.js';
import { newMemberImpact } from './new-member-impact.js';
import { defaultServicePlanRules, type ServicePlanRules } from './service-plan-rules.js';

/**
 * What one member gets from one licensing group: its SKUs, a place in line for a seat (1 is next),
 * or a failure. `forecast` is true when licensing has not run since they joined, so it is what
 * approving does rather than what it did.
 */
export type MemberLicenseOutcome =
  | { readonly kind: 'licensed'; readonly skuIds: readonly SkuId[]; readonly forecast: boolean }
  | { readonly kind: 'waiting'; readonly skuId: SkuId; readonly place: number; readonly forecast: boolean }
  | { readonly kind: 'failed'; readonly failures: readonly SkuFailure[]; readonly forecast: boolean };

/**
 * Where a member who joined `groupId` at `joinedAt` stands with its licenses, read from the licensing
 * picture in hand (no run, no reads): the processed state when it covers them, else — when the last
 * run came before they joined — the forecast an approval card shows (a newcomer queues behind
 * everyone already waiting). Undefined for a group that assigns nothing, or a member the state no
 * longer holds though it was processed after they joined (they left since).
 */
export function memberLicenseOutcome(current: CurrentLicensing, user: DirectoryUser, groupId: GroupId, joinedAt: string, rules: ServicePlanRules = defaultServicePlanRules): MemberLicenseOutcome | undefined {
  const record = current.state.groups[groupId];
  const waitingFor = (skuId: SkuId) => current.summary.pools.find((p) => p.sku.skuId === skuId)?.waiting ?? [];
  if (record?.active[user.id] !== undefined) return { kind: 'licensed', skuIds: record.licenses.map((l) => l.skuId), forecast: false };
  const failed = record?.failing[user.id];
  if (failed) return fromFailures(failed.failures, (skuId) => waitingFor(skuId).indexOf(user.id) + 1, false);
  const group = current.snapshot.groups.find((g) => g.id === groupId);
  if (!group || group.members.includes(user.id) || Date.parse(current.state.processedAt) > Date.parse(joinedAt)) return undefined;
  const impact = newMemberImpact(current, user, groupId, rules);
  if (impact.skus.length === 0) return undefined;
  const unlicensed = impact.unlicensed[0];
  if (unlicensed) return fromFailures(unlicensed.failures, (skuId) => waitingFor(skuId).length + 1, true);
  return { kind: 'licensed', skuIds: impact.skus.map((s) => s.sku.skuId), forecast: true };
}

/**
 * Waiting when every failure of its own is a seat short (SKUs held back with it, all or nothing,
 * come with the seat), with the place `placeOf` gives (0 when unknown); else failed.
 */
function fromFailures(failures: readonly SkuFailure[], placeOf: (skuId: SkuId) => number, forecast: boolean): MemberLicenseOutcome {
  const own = failures.filter((f) => f.cause.reason !== 'anotherSkuFailed');
  const short = own.find((f) => f.error === 'CountViolation');
  if (short && own.every((f) => f.error === 'CountViolation')) return { kind: 'waiting', skuId: short.skuId, place: placeOf(short.skuId), forecast };
  return { kind: 'failed', failures, forecast };
}
