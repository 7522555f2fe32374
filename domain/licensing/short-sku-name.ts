import type { SubscribedSku } from '../model/subscribed-sku.js';

/**
 * The short name people say: "E5" for Microsoft 365 E5, "E3" for Office 365 E3 — the product's
 * edition code when its name ends in one (E5, F3, A1, P2) — else the product name.
 */
export function shortSkuName(sku: SubscribedSku): string {
  const last = sku.displayName?.trim().split(/\s+/).pop() ?? '';
  if (/^[A-Z]\d$/i.test(last)) return last.toUpperCase();
  return sku.displayName?.trim() || sku.skuPartNumber;
}
