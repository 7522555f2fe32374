import type { SubscribedSku } from '../model/subscribed-sku.js';
import { shortSkuName } from './short-sku-name.js';

const fold = (text: string) => text.toLowerCase().replace(/[\s_-]+/g, ' ').trim();

/**
 * The SKUs a person means by what they typed, ignoring case: by part number (SPE_E5), product
 * name (Microsoft 365 E5), short name (E5) or skuId; failing that, names containing the words.
 * Several results mean the name is ambiguous.
 */
export function findSkus(skus: readonly SubscribedSku[], typed: string): SubscribedSku[] {
  const wanted = fold(typed);
  if (!wanted) return [];
  const exact = skus.filter((s) => [s.skuPartNumber, s.displayName ?? '', shortSkuName(s), s.skuId].some((name) => fold(name) === wanted));
  if (exact.length > 0) return exact;
  return wanted.length < 2 ? [] : skus.filter((s) => fold(`${s.displayName ?? ''} ${s.skuPartNumber}`).includes(wanted));
}
