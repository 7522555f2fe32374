import type { LicenseImpact } from '../../domain/licensing/license-impact.js';
import { shortSkuName } from '../../domain/licensing/short-sku-name.js';
import type { Tone } from '../../cards/card-view.js';
import { failureWords, skuName, type SkuBook } from '../words/license-words.js';

/**
 * The approval card's license line for one requester: what approving assigns and how many seats
 * are left ("approving assigns Microsoft 365 E5 — one of the 2 seats left"), or, in warning style, that
 * they won't get a license ("no E5 seats left — Ada Ito won't get a license until one frees up").
 * `verb` names the act ("adding" for an owner's direct add).
 */
export function licenseImpactLine(impact: LicenseImpact, requester: { readonly name: string; readonly guest: boolean }, skus: SkuBook, verb = 'approving'): { readonly text: string; readonly tone: Tone } | undefined {
  if (impact.skus.length === 0) return undefined;
  const guest = requester.guest ? ` ${requester.name} is a guest account.` : '';
  const failed = impact.unlicensed[0];
  if (failed) {
    const seats = failed.failures.find((f) => f.error === 'CountViolation');
    const sku = seats ? skus(seats.skuId) : undefined;
    const text = seats
      ? `no ${sku ? shortSkuName(sku) : ''} seats left — ${requester.name} won't get a license until one frees up`
      : `${requester.name} won't get a license: ${failureWords(failed.failures, skus)}`;
    return { text: `${text}.${guest}`.replace(/\s+/g, ' '), tone: 'warning' };
  }
  const parts = impact.skus.map((s) => {
    if (s.seatsNeeded === 0) return `${skuName(s.sku)} — ${requester.name} already has it, so no seat is used`;
    return s.seatsFree === 1 ? `${skuName(s.sku)} — the last seat left` : `${skuName(s.sku)} — one of the ${s.seatsFree.toLocaleString('en-US')} seats left`;
  });
  return { text: `${verb} assigns ${parts.join('; ')}.${guest}`, tone: 'default' };
}
