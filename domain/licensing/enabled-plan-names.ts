import type { SubscribedSku } from '../model/subscribed-sku.js';

const cache = new WeakMap<SubscribedSku, Map<string, readonly string[]>>();

/**
 * The service plans a license turns on: the SKU's plans minus `disabledPlans` (which Graph lists
 * by `servicePlanId`). Memoised per SKU, since a large tenant asks the same question 100,000 times.
 */
export function enabledPlanNames(sku: SubscribedSku | undefined, disabledPlans: readonly string[]): readonly string[] {
  if (!sku) return [];
  const key = disabledPlans.length === 0 ? '' : [...disabledPlans].sort().join(',');
  let bySku = cache.get(sku);
  if (!bySku) cache.set(sku, (bySku = new Map()));
  let names = bySku.get(key);
  if (!names) {
    names = sku.servicePlans.filter((p) => !disabledPlans.includes(p.servicePlanId)).map((p) => p.servicePlanName);
    bySku.set(key, names);
  }
  return names;
}
