import type { LicenseErrorCause, SkuFailure } from '../../domain/licensing/license-assignment-state.js';
import type { MemberLicenseOutcome } from '../../domain/licensing/member-license-outcome.js';
import { shortSkuName } from '../../domain/licensing/short-sku-name.js';
import type { GroupAssignments } from '../../domain/licensing/licensing-state.js';
import type { SkuId, UserId } from '../../domain/model/ids.js';
import type { SubscribedSku } from '../../domain/model/subscribed-sku.js';
import { andList } from './names.js';
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

/** "1st", "2nd", "23rd", "11th". */
export const ordinal = (n: number) => `${n}${n % 10 === 1 && n % 100 !== 11 ? 'st' : n % 10 === 2 && n % 100 !== 12 ? 'nd' : n % 10 === 3 && n % 100 !== 13 ? 'rd' : 'th'}`;

const skuNames = (skuIds: readonly SkuId[], skus: SkuBook) => andList(skuIds.map((id) => skuName(skus(id))));
const inLine = (place: number) => (place > 0 ? `${ordinal(place)} in line` : 'in line');

/** A member's own license outcome, after "approved" in `my requests`: "you have Microsoft 365 E5", "waiting for a Microsoft 365 E5 seat (2nd in line)". */
export function ownOutcomeWords(outcome: MemberLicenseOutcome, skus: SkuBook): string {
  switch (outcome.kind) {
    case 'licensed':
      return `you ${outcome.forecast ? 'get' : 'have'} ${skuNames(outcome.skuIds, skus)}`;
    case 'waiting':
      return `waiting for a ${skuName(skus(outcome.skuId))} seat (${inLine(outcome.place)})`;
    case 'failed':
      return `no license for you yet: ${failureWords(outcome.failures, skus)}`;
  }
}

/** The license outcome of an approval, for the owners' closed card: "Ada Ito is waiting for a Microsoft 365 E5 seat (no seats left; 1st in line)". */
export function approvedOutcomeWords(outcome: MemberLicenseOutcome, name: string, skus: SkuBook): { readonly text: string; readonly tone: 'good' | 'warning' } {
  switch (outcome.kind) {
    case 'licensed':
      return { text: `${name} ${outcome.forecast ? 'gets' : 'has'} ${skuNames(outcome.skuIds, skus)}`, tone: 'good' };
    case 'waiting':
      return { text: `${name} is waiting for a ${skuName(skus(outcome.skuId))} seat (no seats left; ${inLine(outcome.place)})`, tone: 'warning' };
    case 'failed':
      return { text: `${name} won't get a license: ${failureWords(outcome.failures, skus)}`, tone: 'warning' };
  }
}
