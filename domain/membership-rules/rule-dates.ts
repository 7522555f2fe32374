import type { IsoDuration } from './membership-rule.js';

const dateTimePattern = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,7})?)?)?(Z|[+-]\d{2}:?\d{2})?$/i;

/** The instant an ISO-8601 date or date-time stands for; a missing zone means UTC. Undefined when invalid. */
export function parseRuleDateTime(text: string): number | undefined {
  const m = dateTimePattern.exec(text);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4], m[5], m[6]].map((part) => Number(part ?? 0)) as [number, number, number, number, number, number];
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth || hour > 23 || minute > 59 || second > 59) return undefined;
  const zone = m[8] ? m[8].toUpperCase().replace(/^([+-]\d{2})(\d{2})$/, '$1:$2') : 'Z';
  const fraction = m[7] ? m[7].slice(0, 4) : '';
  // Date.parse would read a zone-less date-time as local time; the explicit zone keeps the result machine-independent.
  const iso = `${m[1]}-${m[2]}-${m[3]}T${m[4] ?? '00'}:${m[5] ?? '00'}:${m[6] ?? '00'}${fraction}${zone}`;
  const epochMs = Date.parse(iso);
  return Number.isNaN(epochMs) ? undefined : epochMs;
}

const durationPattern = /^([+-])?P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/i;

/** Reads an ISO-8601 duration such as `p1d` or `-PT12H` (case-insensitive); undefined when invalid. */
export function parseIsoDuration(text: string): IsoDuration | undefined {
  const m = durationPattern.exec(text);
  if (!m || /T$/i.test(text) || !m.slice(2).some((part) => part !== undefined)) return undefined;
  const n = (i: number): number => Number(m[i] ?? 0);
  return { text, sign: m[1] === '-' ? -1 : 1, years: n(2), months: n(3), weeks: n(4), days: n(5), hours: n(6), minutes: n(7), seconds: n(8) };
}

/** The instant `duration` after `epochMs`: years and months on the UTC calendar, the rest as fixed lengths. */
export function addIsoDuration(epochMs: number, duration: IsoDuration): number {
  const { sign } = duration;
  const date = new Date(epochMs);
  if (duration.years || duration.months) date.setUTCMonth(date.getUTCMonth() + sign * (duration.years * 12 + duration.months));
  const fixedMs = ((duration.weeks * 7 + duration.days) * 24 * 3600 + duration.hours * 3600 + duration.minutes * 60 + duration.seconds) * 1000;
  return date.getTime() + sign * fixedMs;
}
