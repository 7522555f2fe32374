const minute = 60_000;
const hour = 60 * minute;
const day = 24 * hour;
const weekdays = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;

/** "just now", "2 minutes ago", "3 hours ago", "yesterday", "4 days ago". */
export function ago(iso: string, now: Date): string {
  const elapsed = now.getTime() - Date.parse(iso);
  if (elapsed < minute) return 'just now';
  if (elapsed < hour) return `${plural(Math.floor(elapsed / minute), 'minute')} ago`;
  if (elapsed < day) return `${plural(Math.floor(elapsed / hour), 'hour')} ago`;
  if (elapsed < 2 * day) return 'yesterday';
  return `${Math.floor(elapsed / day)} days ago`;
}

/** "in 7 days", "in 5 hours", "in 12 minutes" (durations in milliseconds). */
export function within(ms: number): string {
  if (ms >= 2 * day) return `in ${plural(Math.round(ms / day), 'day')}`;
  if (ms >= 2 * hour) return `in ${plural(Math.round(ms / hour), 'hour')}`;
  return `in ${plural(Math.max(1, Math.round(ms / minute)), 'minute')}`;
}

/** A length of time in words: "7 days", "8 hours". */
export function span(ms: number): string {
  if (ms >= 2 * day) return plural(Math.round(ms / day), 'day');
  if (ms >= 2 * hour) return plural(Math.round(ms / hour), 'hour');
  return plural(Math.max(1, Math.round(ms / minute)), 'minute');
}

/** "14:02 UTC" today, "Monday 14:02 UTC" this week, "28 Nov 14:02 UTC" before that. */
export function clockTime(iso: string, now: Date): string {
  const at = new Date(iso);
  const hhmm = `${String(at.getUTCHours()).padStart(2, '0')}:${String(at.getUTCMinutes()).padStart(2, '0')} UTC`;
  const age = now.getTime() - at.getTime();
  if (age < day && at.getUTCDate() === now.getUTCDate()) return hhmm;
  if (age < 6 * day) return `${weekdays[at.getUTCDay()]} ${hhmm}`;
  return `${at.getUTCDate()} ${months[at.getUTCMonth()]} ${hhmm}`;
}

/** A time ahead: "17:00 UTC today", "Tuesday 17:00 UTC" within the week, "14 Dec 17:00 UTC" after. */
export function endTime(iso: string, now: Date): string {
  const at = new Date(iso);
  const hhmm = `${String(at.getUTCHours()).padStart(2, '0')}:${String(at.getUTCMinutes()).padStart(2, '0')} UTC`;
  const ahead = at.getTime() - now.getTime();
  if (ahead < day && at.getUTCDate() === now.getUTCDate()) return `${hhmm} today`;
  if (ahead < 6 * day) return `${weekdays[at.getUTCDay()]} ${hhmm}`;
  return `${at.getUTCDate()} ${months[at.getUTCMonth()]} ${hhmm}`;
}

/** "since Monday", "since yesterday", "since 14:02 UTC". */
export function since(iso: string, now: Date): string {
  const at = new Date(iso);
  const age = now.getTime() - at.getTime();
  if (age < day && at.getUTCDate() === now.getUTCDate()) return `since ${clockTime(iso, now)}`;
  if (age < 2 * day) return 'since yesterday';
  if (age < 6 * day) return `since ${weekdays[at.getUTCDay()]}`;
  return `since ${at.getUTCDate()} ${months[at.getUTCMonth()]}`;
}
