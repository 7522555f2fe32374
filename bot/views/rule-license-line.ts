import type { LicenseImpact } from '../../domain/licensing/license-impact.js';
import type { Tone } from '../../cards/card-view.js';
import { seatCount, skuName } from '../words/license-words.js';

const count = (n: number) => n.toLocaleString('en-US');

/**
 * A preview's license line for a group that assigns licenses: "Sales US assigns Office 365 E3 —
 * 32 more seats needed, 20 free → 12 short." In warning style when anyone would wait for a seat, or
 * when it adds guests (named): group-based licensing should not be used for B2B guests.
 */
export function ruleLicenseLine(impact: LicenseImpact, groupName: string, guestsAdded: readonly string[] = []): { readonly text: string; readonly tone: Tone } | undefined {
  if (impact.skus.length === 0) return undefined;
  const parts = impact.skus.map((s) => {
    const short = s.shortfall > 0 ? ` → ${count(s.shortfall)} short` : '';
    const needed = s.seatsNeeded > 0 ? `${count(s.seatsNeeded)} more ${s.seatsNeeded === 1 ? 'seat' : 'seats'} needed, ${count(s.seatsFree)} free${short}` : undefined;
    const freed = s.seatsFreed > 0 ? `${seatCount(s.seatsFreed)} freed` : undefined;
    // A change that only removes members frees seats; saying "no new seats needed" about it hides that.
    return `${skuName(s.sku)} — ${[needed, freed].filter(Boolean).join('; ') || 'no seat used or freed'}`;
  });
  const short = impact.skus.some((s) => s.shortfall > 0);
  const guests = guestsAdded.length > 0 ? ` ${guestWords(guestsAdded)}` : '';
  return { text: `${groupName} assigns ${parts.join('; ')}.${guests}`, tone: short || guests ? 'warning' : 'default' };
}

// The names a line can carry; the count says the rest.
const guestNamesShown = 3;

/** "Adds 2 guests (Lena Novak, Pat Quinn): group-based licensing should not be used for B2B guests." */
function guestWords(names: readonly string[]): string {
  const shown = names.slice(0, guestNamesShown).join(', ');
  const more = names.length > guestNamesShown ? ` and ${count(names.length - guestNamesShown)} more` : '';
  const who = names.length === 1 ? '1 guest' : `${count(names.length)} guests`;
  return `Adds ${who} (${shown}${more}): group-based licensing should not be used for B2B guests, who are licensed by their home tenant.`;
}
