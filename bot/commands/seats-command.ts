import { isLicenseAdmin } from '../../domain/model/directory-user.js';
import { skuLabel } from '../../domain/model/subscribed-sku.js';
import { bold, message } from '../../cards/card-view.js';
import { auditTurn } from '../audit/audit-turn.js';
import { noSuchSku, resolveSku } from '../licensing/resolve-sku.js';
import { nameBook } from '../views/name-book.js';
import { poolNumbers } from '../views/sku-list-view.js';
import { andList } from '../words/names.js';
import { defineCommand } from './command-spec.js';

// Well above any real subscription; stops a typo from creating a billion seats.
const maxSeats = 10_000_000;

/** `seats <sku> <n>`: License and Global Administrators buy or cancel seats of the embedded tenant, then licensing runs. */
export const seatsCommand = defineCommand({
  name: 'seats',
  usage: 'seats <license> <number>',
  description: 'Set how many seats a license has (embedded tenant: simulates buying or cancelling)',
  audience: 'admins',
  parse: (text) => {
    // The name starts at a non-space: with `\s+(.+?)` a run of spaces could be split every way (35 s for 4,000).
    const match = /^(?:set\s+)?seats\s+(?:of\s+|for\s+)?(\S.*?)\s+(?:to\s+)?(\d[\d,]*)$/is.exec(text);
    return match ? { sku: match[1]!, seats: Number(match[2]!.replace(/,/g, '')) } : undefined;
  },
  run: async (gate, turn, command) => {
    if (!isLicenseAdmin(turn.actor)) return [message([['Only a Global or License Administrator can change seats.']], { tone: 'attention' })];
    if (!gate.licensing.simulatesSeats) return [message([['Seats are bought and cancelled in the Microsoft 365 admin center; GroupGate reads them from there.']])];
    const before = await gate.licensing.view();
    const found = resolveSku(before.snapshot.skus, command.sku, (name) => `seats ${name} ${command.seats}`);
    if (!found) return noSuchSku(command.sku, before.snapshot.skus);
    if ('reply' in found) return found.reply;
    const pool = before.summary.pools.find((p) => p.sku.skuId === found.sku.skuId)!;
    if (command.seats > maxSeats) return [message([[`${command.seats.toLocaleString('en-US')} seats is more than any subscription holds; at most ${maxSeats.toLocaleString('en-US')}.`]], { tone: 'attention' })];
    if (command.seats < pool.used) {
      // As in the Microsoft 365 admin center: seats in use can't be cancelled until their licenses are removed.
      return [message([[bold(skuLabel(found.sku)), ` has ${pool.used} seats in use, so it can't go below ${pool.used}. Remove licenses first, then cancel seats.`]], { tone: 'attention' })];
    }
    await gate.licensing.setSeats(found.sku.skuId, command.seats);
    await auditTurn(gate, turn, { action: 'seats.changed', details: { sku: found.sku.skuPartNumber, seats: command.seats, was: pool.total } });
    const after = await gate.licensing.view();
    const now = after.summary.pools.find((p) => p.sku.skuId === found.sku.skuId)!;
    const holders = new Set(now.holders);
    const licensed = pool.waiting.filter((id) => holders.has(id)).map(nameBook(after.snapshot).user);
    return [
      message(
        [
          [bold(skuLabel(found.sku)), ` now has ${poolNumbers(now)}.`],
          ...(licensed.length > 0 ? [[`${andList(licensed)} got ${licensed.length === 1 ? 'a license' : 'licenses'}${now.waiting.length > 0 ? ' — they had waited longest' : ''}.`]] : []),
        ],
        { tone: 'good' },
      ),
    ];
  },
});
