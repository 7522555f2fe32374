import { err, ok, type Result } from '../result.js';

const minute = 60_000;
const hour = 60 * minute;
const day = 24 * hour;

/** Shortest and longest maximum membership an owner may set (PIM for Groups' floor is 5 minutes). */
export const membershipDurationBounds = { minMs: 5 * minute, maxMs: 3650 * day } as const;

/**
 * A maximum membership duration as ISO 8601, the form PIM for Groups and Graph use: whole days
 * ("P90D"), else whole hours ("PT8H"), else minutes ("PT45M"). Refused outside the bounds.
 */
export function membershipDurationFromMs(ms: number): Result<string, { readonly reason: 'tooShort' | 'tooLong' }> {
  if (ms < membershipDurationBounds.minMs) return err({ reason: 'tooShort' });
  if (ms > membershipDurationBounds.maxMs) return err({ reason: 'tooLong' });
  if (ms % day === 0) return ok(`P${ms / day}D`);
  if (ms % hour === 0) return ok(`PT${ms / hour}H`);
  return ok(`PT${Math.round(ms / minute)}M`);
}

/** Milliseconds of an ISO 8601 duration of days, hours and minutes ("P1DT12H"); undefined for anything else. */
export function msFromIsoDuration(iso: string): number | undefined {
  const match = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?)?$/i.exec(iso.trim());
  if (!match || iso.trim().toUpperCase() === 'P' || /T$/i.test(iso.trim())) return undefined;
  const [weeks, days, hours, minutes] = match.slice(1).map((n) => Number(n ?? 0));
  const ms = ((weeks! * 7 + days!) * 24 + hours!) * hour + minutes! * minute;
  return ms > 0 ? ms : undefined;
}
