import type { GroupId, SkuId, UserId } from '../model/ids.js';
import type { SubscribedSku } from '../model/subscribed-sku.js';
import type { SkuFailure } from './license-assignment-state.js';
import { assignsThroughGroup, type LicensingSnapshot } from './licensing-snapshot.js';
import type { LicensingState } from './licensing-state.js';
import { processLicensing } from './process-licensing.js';
import { defaultServicePlanRules, type ServicePlanRules } from './service-plan-rules.js';
import { summarizeLicensing, type LicensingSummary } from './summarize-licensing.js';

/** One member into or out of one group. */
export interface GroupMembership {
  readonly groupId: GroupId;
  readonly userId: UserId;
}

/** A change of membership to forecast: one approval (one add) or a rule preview (many adds and removes). */
export interface MembershipChangeSet {
  readonly adds: readonly GroupMembership[];
  readonly removes: readonly GroupMembership[];
}

/** What the change does to one SKU the changed groups assign. */
export interface SkuImpact {
  readonly sku: SubscribedSku;
  /** Seats the newcomers need: those who do not hold the SKU yet. */
  readonly seatsNeeded: number;
  /** Seats given back by members who would lose the SKU. */
  readonly seatsFreed: number;
  /** Seats free before the change. */
  readonly seatsFree: number;
  /** Newcomers who would wait for a seat of this SKU. */
  readonly shortfall: number;
}

/** The forecast: per SKU, who of the newcomers would be left unlicensed (and why), and who waiting would get a seat. */
export interface LicenseImpact {
  readonly skus: readonly SkuImpact[];
  readonly unlicensed: readonly { readonly userId: UserId; readonly groupId: GroupId; readonly failures: readonly SkuFailure[] }[];
  readonly licensedFromQueue: readonly UserId[];
}

/** Where a forecast starts: a processed state, its seats, and the snapshot it was processed from. */
export interface CurrentLicensing {
  readonly state: LicensingState;
  readonly summary: LicensingSummary;
  readonly snapshot: LicensingSnapshot;
}

/**
 * Forecasts a membership change (a rule preview: many adds and removes) by running licensing on
 * the directory as it would be: exact, queue included (freed seats go to those already waiting
 * before any newcomer).
 */
export function licenseImpact(current: CurrentLicensing, change: MembershipChangeSet, now: Date, rules: ServicePlanRules = defaultServicePlanRules): LicenseImpact {
  const { state: beforeState, summary: before, snapshot } = current;
  const changed = withChange(snapshot, change);
  const afterState = processLicensing(beforeState, changed, now, rules);
  const after = summarizeLicensing(afterState, changed);
  const touched = changed.groups.filter((g) => assignsThroughGroup(g) && [...change.adds, ...change.removes].some((m) => m.groupId === g.id));
  const skuIds = new Set<SkuId>(touched.flatMap((g) => g.assignedLicenses.map((l) => l.skuId)));
  const membersBefore = new Map(snapshot.groups.map((g) => [g.id, new Set(g.members)]));
  const newcomers = change.adds.filter((m) => !membersBefore.get(m.groupId)?.has(m.userId));
  const skus = before.pools
    .filter((pool) => skuIds.has(pool.sku.skuId))
    .map((pool): SkuImpact => {
      const afterPool = after.pools.find((p) => p.sku.skuId === pool.sku.skuId)!;
      const holdersBefore = new Set(pool.holders);
      const holdersAfter = new Set(afterPool.holders);
      const waitingAfter = new Set(afterPool.waiting);
      const wanting = new Set(newcomers.filter((m) => touched.some((g) => g.id === m.groupId && g.assignedLicenses.some((l) => l.skuId === pool.sku.skuId))).map((m) => m.userId));
      return {
        sku: pool.sku,
        seatsNeeded: [...wanting].filter((id) => !holdersBefore.has(id)).length,
        seatsFreed: pool.holders.filter((id) => !holdersAfter.has(id)).length,
        seatsFree: pool.free,
        shortfall: [...wanting].filter((id) => waitingAfter.has(id)).length,
      };
    });
  const unlicensed = newcomers.flatMap((m) => {
    const failed = afterState.groups[m.groupId]?.failing[m.userId];
    return failed ? [{ ...m, failures: failed.failures }] : [];
  });
  const licensedFromQueue = new Set(
    before.pools.flatMap((pool) => {
      const holdersAfter = new Set(after.pools.find((p) => p.sku.skuId === pool.sku.skuId)?.holders);
      return pool.waiting.filter((id) => holdersAfter.has(id));
    }),
  );
  return { skus, unlicensed, licensedFromQueue: [...licensedFromQueue] };
}

/** The snapshot with the change applied: removals dropped, additions appended (as a directory appends them). */
function withChange(snapshot: LicensingSnapshot, change: MembershipChangeSet): LicensingSnapshot {
  return {
    ...snapshot,
    groups: snapshot.groups.map((group) => {
      const removed = new Set<string>(change.removes.filter((m) => m.groupId === group.id).map((m) => m.userId));
      const adding = change.adds.filter((m) => m.groupId === group.id);
      if (removed.size === 0 && adding.length === 0) return group;
      const members = new Set(group.members.filter((id) => !removed.has(id)));
      for (const m of adding) members.add(m.userId);
      return { ...group, members: [...members] };
    }),
  };
}
