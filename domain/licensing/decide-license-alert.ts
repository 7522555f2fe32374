import { isLowOnSeats, type LowSeatSettings } from './low-seat-threshold.js';
import type { LicensePool } from './summarize-licensing.js';

/** Where a SKU stands for alerting: enough seats, running low, or members waiting. */
export type SeatStatus = 'ok' | 'low' | 'short';

/** What admins have been told about one SKU, stored per SKU and changed atomically. */
export interface LicenseAlertState {
  readonly status: SeatStatus;
  /** While short: when the shortfall started. */
  readonly since?: string;
  /** While short: how many were waiting in the last message admins got. */
  readonly announced?: number;
  /** While short: when the last message (start, growth, reminder) went out. */
  readonly lastSentAt?: string;
  /** When the last low-seat warning went out. */
  readonly lastLowAt?: string;
}

/** A message admins should get. */
export type LicenseAlert =
  | { readonly kind: 'shortfallStarted' }
  | { readonly kind: 'shortfallGrew'; readonly was: number }
  | { readonly kind: 'shortfallReminder' }
  | { readonly kind: 'shortfallResolved'; readonly since: string }
  | { readonly kind: 'lowSeats' };

/** The next stored state (undefined: unchanged) and the message it calls for, if any. */
export interface AlertDecision {
  readonly next?: LicenseAlertState;
  readonly alert?: LicenseAlert;
}

const day = 86_400_000;

/**
 * Decides what to tell admins about one SKU after a licensing run. Only changes speak: a shortfall
 * starting, growing past what admins were last told, ending; free seats falling under the
 * threshold (at most once a day). While a shortfall lasts, at most one reminder a day.
 */
export function decideLicenseAlert(current: LicenseAlertState | undefined, pool: LicensePool, settings: LowSeatSettings, now: Date): AlertDecision {
  const at = now.toISOString();
  const was = current ?? { status: 'ok' };
  const waiting = pool.waiting.length;
  const status: SeatStatus = waiting > 0 ? 'short' : isLowOnSeats(pool.total, pool.used, pool.free, settings) ? 'low' : 'ok';
  const lastLowAt = was.lastLowAt ? { lastLowAt: was.lastLowAt } : {};
  if (status === 'short') {
    if (was.status !== 'short') return { next: { status, since: at, announced: waiting, lastSentAt: at, ...lastLowAt }, alert: { kind: 'shortfallStarted' } };
    if (waiting > (was.announced ?? 0)) return { next: { ...was, announced: waiting, lastSentAt: at }, alert: { kind: 'shortfallGrew', was: was.announced ?? 0 } };
    if (now.getTime() - Date.parse(was.lastSentAt ?? at) >= day) return { next: { ...was, announced: waiting, lastSentAt: at }, alert: { kind: 'shortfallReminder' } };
    return {};
  }
  if (was.status === 'short') return { next: { status, ...lastLowAt }, alert: { kind: 'shortfallResolved', since: was.since ?? at } };
  if (status === was.status) return {};
  if (status === 'low' && (!was.lastLowAt || now.getTime() - Date.parse(was.lastLowAt) >= day)) {
    return { next: { status, lastLowAt: at }, alert: { kind: 'lowSeats' } };
  }
  return { next: { status, ...lastLowAt } };
}
