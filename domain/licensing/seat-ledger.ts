import type { AssignedLicense } from '../model/directory-user.js';
import type { SkuId, UserId } from '../model/ids.js';
import type { SubscribedSku } from '../model/subscribed-sku.js';
import { enabledPlanNames } from './enabled-plan-names.js';

/**
 * Who holds a seat of each SKU during one licensing run, and which plans each holder has on. A
 * user holds one seat per SKU however many sources (direct, any number of groups) give it; the
 * plans on are the union over those sources.
 */
export class SeatLedger {
  private readonly holders = new Map<SkuId, Set<UserId>>();
  private readonly plans = new Map<UserId, Map<SkuId, readonly string[]>>();

  constructor(readonly skus: ReadonlyMap<SkuId, SubscribedSku>) {}

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

  /** Gives the user the license (one seat, however often it is given). */
  hold(userId: UserId, license: AssignedLicense): void {
    let holders = this.holders.get(license.skuId);
    if (!holders) this.holders.set(license.skuId, (holders = new Set()));
    holders.add(userId);
    let held = this.plans.get(userId);
    if (!held) this.plans.set(userId, (held = new Map()));
    const names = enabledPlanNames(this.skus.get(license.skuId), license.disabledPlans);
    const before = held.get(license.skuId);
    held.set(license.skuId, before && before !== names ? [...new Set([...before, ...names])] : names);
  }

  holdAll(userId: UserId, licenses: readonly AssignedLicense[]): void {
    for (const license of licenses) this.hold(userId, license);
  }

  /** The plans the user has on, with the SKU each comes from. */
  *heldPlans(userId: UserId): Iterable<readonly [plan: string, skuId: SkuId]> {
    for (const [skuId, names] of this.plans.get(userId) ?? []) for (const name of names) yield [name, skuId];
  }
}
