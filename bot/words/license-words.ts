import type { LicenseErrorCause, SkuFailure } from '../../domain/licensing/license-assignment-state.js';
import { shortSkuName } from '../../domain/licensing/short-sku-name.js';
import type { GroupAssignments } from '../../domain/licensing/licensing-state.js';
import type { SkuId, UserId } from '../../domain/model/ids.js';
import type { SubscribedSku } from '../../domain/model/subscribed-sku.js';
import { since as sinceWords } from './time-words.js';

/** "Microsoft 365 E5", or the part number when the tenant gives no product name. */
export const skuName = (sku: SubscribedSku | undefined) => sku?.displayName ?? sku?.skuPartNumber ?? 'a license that no longer exists';

/** Looks SKUs up by id for the words below. */
export type SkuBook = (skuId: SkuId) => SubscribedSku | undefined;

/** Why a license could not be assigned, in words an admin or owner can act on. */
export function licenseCauseWords(cause: LicenseErrorCause, skuId: SkuId, skus: SkuBook): string {
  const sku = skus(skuId);
  switch (cause.reason) {
    case 'notEnoughSeats':
      return `no ${sku ? shortSkuName(sku) : 'free'} seats left`;
    case 'conflictingPlans':
      return `${cause.plan} in ${skuName(sku)} can't be on together with ${cause.conflictsWith} (conflicting service plans)`;
    case 'missingPrerequisite':
      return `${cause.plan} in ${skuName(sku)} needs ${orList(cause.needsOneOf)} first`;
    case 'neededByAnotherPlan':
      return `kept because ${cause.neededBy} still needs its ${cause.plan} (remove or disable ${cause.neededBy}, then reprocess)`;
    case 'noUsageLocation':
      return 'no usage location is set, for them or for the tenant';
    case 'prohibitedInUsageLocation':
      return `${cause.plan} isn't sold in their usage location (${cause.usageLocation})`;
    case 'anotherSkuFailed':
      return `held back with ${skuName(skus(cause.skuId))} (a group's licenses are all or nothing)`;
  }
}

const orList = (names: readonly string[]) => (names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`);

/** Every failure of a member's assignment, in words. */
export const failureWords = (failures: readonly SkuFailure[], skus: SkuBook) =>
  failures.map((f) => licenseCauseWords(f.cause, f.skuId, skus)).join('; ');

/** "1 seat", "250 seats". */
export const seatCount = (n: number) => `${n.toLocaleString('en-US')} seat${n === 1 ? '' : 's'}`;

/** "1 member", "5 members". */
export const memberCount = (n: number) => `${n.toLocaleString('en-US')} member${n === 1 ? '' : 's'}`;

/** Where one member stands with one group's licenses, as a line for lists; undefined when the group has no record of them. */
export function memberStateWords(record: GroupAssignments | undefined, userId: UserId, skus: SkuBook, now: Date): string | undefined {
  const active = record?.active[userId];
  if (active !== undefined) return `✅ licensed ${sinceWords(active, now)}`;
  const stuck = record?.stuck[userId];
  if (stuck) return `⚠ no longer a member, but ${licenseCauseWords(stuck.cause, record!.licenses[0]!.skuId, skus)} — DependencyViolation`;
  const failed = record?.failing[userId];
  if (!failed) return undefined;
  const errors = [...new Set(failed.failures.map((f) => f.error))].join(', ');
  if (failed.failures.every((f) => f.error === 'CountViolation')) return `⏳ waiting for a seat ${sinceWords(failed.since, now)} — ${failureWords(failed.failures, skus)} (${errors})`;
  return `❌ ${failureWords(failed.failures, skus)} (${errors}) ${sinceWords(failed.since, now)}`;
}
