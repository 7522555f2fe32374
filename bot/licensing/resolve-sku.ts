import { findSkus } from '../../domain/licensing/find-skus.js';
import type { SubscribedSku } from '../../domain/model/subscribed-sku.js';
import { skuLabel } from '../../domain/model/subscribed-sku.js';
import { bold, message, type Reply } from '../../cards/card-view.js';
import { cleanTypedName } from '../resolve-group.js';

/** The one SKU a person meant, the reply that asks which, or nothing when no SKU has that name. */
export type SkuResolution = { readonly sku: SubscribedSku } | { readonly reply: Reply } | undefined;

/** Finds a SKU by part number, product name or short name; several matches give a pick list whose buttons re-run the command. */
export function resolveSku(skus: readonly SubscribedSku[], typed: string, retry: (partNumber: string) => string): SkuResolution {
  const found = findSkus(skus, cleanTypedName(typed));
  if (found.length === 1) return { sku: found[0]! };
  if (found.length === 0) return undefined;
  return {
    reply: [
      message([[`Several licenses match "${cleanTypedName(typed)}". Which one do you mean?`]], {
        buttons: found.slice(0, 5).map((sku) => ({ action: 'run', title: skuLabel(sku), command: retry(sku.skuPartNumber) })),
      }),
    ],
  };
}

/** The reply when no SKU has the name typed. */
export const noSuchSku = (typed: string, skus: readonly SubscribedSku[]): Reply => [
  message([[`I couldn't find a license called "${cleanTypedName(typed)}". This tenant has `, ...skus.flatMap((s, i) => [...(i ? [', '] : []), bold(skuLabel(s))]), '.']]),
];
