import type { LicenseAlert } from '../../domain/licensing/decide-license-alert.js';
import { shortSkuName } from '../../domain/licensing/short-sku-name.js';
import type { LicensePool } from '../../domain/licensing/summarize-licensing.js';
import { skuLabel } from '../../domain/model/subscribed-sku.js';
import { bold, type CardButton, type LicenseAlertView, type Line, type Tone } from '../../cards/card-view.js';
import { memberCount, skuName } from '../words/license-words.js';
import type { NameBook } from './name-book.js';
import { clockTime, since as sinceWords } from '../words/time-words.js';

const shownAffected = 5;

/** The alert card for one SKU: what changed, seats, groups and the first few people waiting, with buttons to see all and reprocess. */
export function licenseAlertView(alert: LicenseAlert, pool: LicensePool, context: { readonly names: NameBook; readonly since?: string; readonly now: Date }): LicenseAlertView {
  const { sku } = pool;
  const short = shortSkuName(sku);
  const waiting = pool.waiting.length;
  const words = alertWords(alert, pool, short, context);
  const shortfall = alert.kind !== 'shortfallResolved' && alert.kind !== 'lowSeats';
  const buttons: CardButton[] = shortfall
    ? [
        { action: 'run', title: 'Show affected users', command: `licenses ${sku.skuPartNumber}` },
        { action: 'run', title: 'Reprocess', command: `reprocess ${sku.skuPartNumber}`, style: 'primary' },
      ]
    : [{ action: 'run', title: `Show ${short}`, command: `licenses ${sku.skuPartNumber}` }];
  return {
    kind: 'licenseAlert',
    title: `${words.heading} · ${skuLabel(sku)}`,
    tone: words.tone,
    summary: words.summary,
    seats: { total: pool.total, used: pool.used, free: pool.free, waiting },
    groups: shortfall ? pool.groupsWaiting.map((g) => ({ name: context.names.group(g.groupId), waiting: g.waiting })) : [],
    // By name: the store keeps members as sets, so list order says nothing about who came first.
    // A guest is marked: group-based licensing should not license B2B guests (their home tenant does), so the fix may be to take them out.
    affected: shortfall ? pool.waiting.map((id) => `${context.names.user(id)}${context.names.isGuest(id) ? ' (guest)' : ''}`).sort((a, b) => a.localeCompare(b)).slice(0, shownAffected) : [],
    moreAffected: shortfall ? Math.max(0, waiting - shownAffected) : 0,
    ...(shortfall && context.since ? { since: `Since ${clockTime(context.since, context.now)}` } : {}),
    buttons,
  };
}

function alertWords(alert: LicenseAlert, pool: LicensePool, short: string, context: { readonly since?: string; readonly now: Date }): { heading: string; tone: Tone; summary: Line } {
  const waiting = pool.waiting.length;
  switch (alert.kind) {
    case 'shortfallStarted':
      return { heading: '⚠ License shortfall', tone: 'warning', summary: [`${memberCount(waiting)} can't get `, bold(skuName(pool.sku)), ` — no ${short} seats left.`] };
    case 'shortfallGrew':
      return { heading: '⚠ Shortfall grew', tone: 'warning', summary: [`${memberCount(waiting)} waiting for ${short} (was ${alert.was}).`] };
    case 'shortfallReminder':
      return { heading: '⏰ Still short', tone: 'warning', summary: [`${memberCount(waiting)} still waiting for ${short}, ${context.since ? sinceWords(context.since, context.now) : 'for a day or more'}.`] };
    case 'shortfallResolved':
      return { heading: '✅ Resolved', tone: 'good', summary: [`Nobody is waiting for `, bold(skuName(pool.sku)), ` any more (${pool.total.toLocaleString('en-US')} seats, ${pool.free.toLocaleString('en-US')} free).`] };
    case 'lowSeats':
      return { heading: '⚠ Running low', tone: 'warning', summary: [`${short} is running low: ${pool.free.toLocaleString('en-US')} of ${pool.total.toLocaleString('en-US')} seats free.`] };
  }
}
