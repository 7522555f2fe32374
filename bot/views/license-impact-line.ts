import type { LicenseImpact } from '../../domain/licensing/license-impact.js';
import { shortSkuName } from '../../domain/licensing/short-sku-name.js';
import type { Tone } from '../../cards/card-view.js';
import type { MemberLicenseOutcome } from '../../domain/licensing/member-license-outcome.js';
import { approvedOutcomeWords, failureWords, skuName, type SkuBook } from '../words/license-words.js';

/**
 * The approval card's license line for one requester: what approving assigns and how many seats
 * are left ("approving assigns Microsoft 365 E5 — one of the 2 seats left"), or, in warning style, that
 * they won't get a license ("no E5 seats left — Ada Ito won't get a license until one frees up").
 * `verb` names the act ("adding" for an owner's direct add).
 */
export function licenseImpactLine(impact: LicenseImpact, requester: { readonly name: string; readonly guest: boolean }, skus: SkuBook, verb = 'approving'): { readonly text: string; readonly tone: Tone } | undefined {
  if (impact.skus.length === 0) return undefined;
  const guest = guestNote(requester);
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

/**
 * The closed card's license line once a request is approved: what the requester got ("Rowan Pike
 * gets Microsoft 365 E5") or, in warning style, that they wait ("Ada Ito is waiting for a Microsoft
 * 365 E5 seat (no seats left; 1st in line)"), so the deciding owner learns the outcome with the click.
 */
export function approvedLicenseLine(outcome: MemberLicenseOutcome, requester: { readonly name: string; readonly guest: boolean }, skus: SkuBook): { readonly text: string; readonly tone: Tone } {
  const { text, tone } = approvedOutcomeWords(outcome, requester.name, skus);
  return { text: `${text}.${guestNote(requester)}`, tone };
}

const guestNote = (requester: { readonly name: string; readonly guest: boolean }) => (requester.guest ? ` ${requester.name} is a guest account.` : '');
