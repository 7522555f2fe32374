import type { AssignedLicense } from '../model/directory-user.js';
import type { SkuId, UserId } from '../model/ids.js';
import type { SubscribedSku } from '../model/subscribed-sku.js';
import { enabledPlanNames } from './enabled-plan-names.js';
import { defaultServicePlanRules, plansWithRules, type ServicePlanRules } from './service-plan-rules.js';

/** A SKU a user holds, with the plans it has on for them. */
export interface HeldSku {
  readonly skuId: SkuId;
  readonly plans: readonly string[];
}

const none: readonly HeldSku[] = [];

/**
 * Who holds a seat of each SKU during one licensing run, and which plans each holder has on. A
 * user holds one seat per SKU however many sources (direct, any number of groups) give it; the
 * plans on are the union over those sources. Plain arrays per user: a run touches 100,000 users.
 */
export class SeatLedger {
  private readonly holders = new Map<SkuId, Set<UserId>>();
  private readonly held = new Map<UserId, HeldSku[]>();
  private readonly resolved = new WeakMap<readonly AssignedLicense[], readonly HeldSku[]>();

  constructor(readonly skus: ReadonlyMap<SkuId, SubscribedSku>, private readonly rules: ServicePlanRules = defaultServicePlanRules) {}

  /** Seats left: `prepaidUnits.enabled` minus holders (below zero when seats were cut under use). */
  free(skuId: SkuId): number {
    return (this.skus.get(skuId)?.prepaidUnits.enabled ?? 0) - (this.holders.get(skuId)?.size ?? 0);
  }

  holds(userId: UserId, skuId: SkuId): boolean {
    return this.holders.get(skuId)?.has(userId) ?? false;
  }

  /** Everyone holding a seat of the SKU. */
  holderIds(skuId: SkuId): ReadonlySet<UserId> {
    return this.holders.get(skuId) ?? new Set();
  }

  /** The SKUs the user holds whose plans some rule names, with those plans. */
  heldSkus(userId: UserId): readonly HeldSku[] {
    return this.held.get(userId) ?? none;
  }

  /** The licenses with the ruled plans each turns on (memoised per array: a group's licenses are resolved once per run). */
  resolve(licenses: readonly AssignedLicense[]): readonly HeldSku[] {
    let resolved = this.resolved.get(licenses);
    if (!resolved) {
      resolved = licenses.map((l) => ({ skuId: l.skuId, plans: plansWithRules(this.rules, enabledPlanNames(this.skus.get(l.skuId), l.disabledPlans)) }));
      this.resolved.set(licenses, resolved);
    }
    return resolved;
  }

  /** Gives the user the licenses (one seat per SKU, however often it is given). */
  holdAll(userId: UserId, licenses: readonly AssignedLicense[]): void {
    for (const license of this.resolve(licenses)) this.hold(userId, license);
  }

  private hold(userId: UserId, license: HeldSku): void {
    let holders = this.holders.get(license.skuId);
    if (!holders) this.holders.set(license.skuId, (holders = new Set()));
    holders.add(userId);
    // Most licenses carry no plan a rule names: then the seat is all there is to track.
    if (license.plans.length === 0) return;
    const held = this.held.get(userId);
    if (!held) {
      this.held.set(userId, [license]);
      return;
    }
    const index = held.findIndex((h) => h.skuId === license.skuId);
    const before = held[index];
    if (!before) held.push(license);
    else if (before.plans !== license.plans) held[index] = { skuId: license.skuId, plans: [...new Set([...before.plans, ...license.plans])] };
  }
}
