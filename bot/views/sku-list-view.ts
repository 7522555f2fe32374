import type { LicensePool } from '../../domain/licensing/summarize-licensing.js';
import { skuLabel } from '../../domain/model/subscribed-sku.js';
import { bold, type Line, type ListView } from '../../cards/card-view.js';

/** One SKU's numbers: "250 seats · 250 used · 0 free · 3 waiting". */
export const poolNumbers = (pool: LicensePool) =>
  `${pool.total.toLocaleString('en-US')} seats · ${pool.used.toLocaleString('en-US')} used · ${pool.free.toLocaleString('en-US')} free · ${pool.waiting.length.toLocaleString('en-US')} waiting`;

/** `licenses`: every SKU with its seats, use, free seats and members waiting. */
export function skuListView(pools: readonly LicensePool[], intro?: readonly Line[]): ListView {
  return {
    kind: 'list',
    title: 'Licenses',
    ...(intro ? { intro } : {}),
    rows: pools.map((pool) => ({
      title: [bold(skuLabel(pool.sku))],
      detail: [`${pool.waiting.length > 0 ? '⚠ ' : ''}${poolNumbers(pool)}`],
      buttons: [{ action: 'run', title: pool.waiting.length > 0 ? 'Show who is waiting' : 'Show holders', command: `licenses ${pool.sku.skuPartNumber}` }],
    })),
    footer: [['Seats are what the subscriptions have enabled; use counts everyone holding the SKU, directly or through any group, once.']],
  };
}
