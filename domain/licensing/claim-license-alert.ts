import type { CardLocation } from '../join-requests/join-request.js';
import type { LowSeatSettings } from './low-seat-threshold.js';
import type { LicensePool } from './summarize-licensing.js';
import { decideLicenseAlert, type LicenseAlert, type LicenseAlertState, type SeatStatus } from './decide-license-alert.js';

/** An alert decided but not yet posted to every subscribed channel, kept in the SKU's alert state. */
export interface UnsentAlert {
  readonly alert: LicenseAlert;
  /** When the shortfall the alert speaks of started. */
  readonly since?: string;
  /** When the instance now posting it claimed it. */
  readonly claimedAt: string;
}

/** The stored alert state with the alert it may carry until it is posted. */
export interface StoredAlertState extends LicenseAlertState {
  readonly unsent?: UnsentAlert;
  /**
   * Where the cards of the SKU's open alert were posted (a shortfall and what followed it), so each
   * is edited to the latest alert, and to "resolved" at the end: no card offers Reprocess for a
   * shortfall that is over. Forgotten once resolved.
   */
  readonly cards?: readonly CardLocation[];
}

/** The next stored state (undefined: unchanged) and the alert this instance must post now, if any. */
export interface AlertClaim {
  readonly next?: StoredAlertState;
  readonly send?: UnsentAlert;
}

/**
 * Decides the SKU's alert and claims the posting in the same atomic update: the alert is written
 * into the state as `unsent` and cleared once posted. So a crash between deciding and posting
 * loses nothing: a later run finds the unsent alert, claimed longer ago than `graceMs` (the
 * instance that claimed it is gone), claims it again and posts it. A newer alert replaces one never
 * posted, and one that seats have since made untrue is dropped; admins hear the latest state.
 */
export function claimLicenseAlert(current: StoredAlertState | undefined, pool: LicensePool, settings: LowSeatSettings, now: Date, graceMs: number): AlertClaim {
  const decided = decideLicenseAlert(current, pool, settings, now);
  const decidedState = decided.next ?? current ?? { status: 'ok' };
  const base = withoutUnsent(current?.cards ? { ...decidedState, cards: current.cards } : decidedState);
  const left = current?.unsent;
  const claim = (alert: LicenseAlert, since: string | undefined): AlertClaim => {
    const send: UnsentAlert = { alert, ...(since ? { since } : {}), claimedAt: now.toISOString() };
    return { next: { ...base, unsent: send }, send };
  };
  if (decided.alert) return claim(decided.alert, decided.alert.kind === 'shortfallResolved' ? decided.alert.since : decided.next?.since);
  if (left && !stillTrue(left.alert, base.status)) return { next: base };
  if (left && now.getTime() - Date.parse(left.claimedAt) >= graceMs) return claim(left.alert, left.since);
  if (!decided.next) return {};
  return { next: left ? { ...base, unsent: left } : base };
}

/** An unposted alert is dropped once seats have moved on: "running low" is no news when seats are plentiful again. */
function stillTrue(alert: LicenseAlert, status: SeatStatus): boolean {
  if (alert.kind === 'lowSeats') return status === 'low';
  if (alert.kind === 'shortfallResolved') return status !== 'short';
  return status === 'short';
}

/**
 * The state once the alert claimed at `claimedAt` is posted to `cards` (undefined: someone else's
 * claim, leave it). A resolved alert closes the episode: its cards are not kept.
 */
export function markAlertPosted(current: StoredAlertState | undefined, claimedAt: string, cards: readonly CardLocation[] = []): StoredAlertState | undefined {
  if (current?.unsent?.claimedAt !== claimedAt) return undefined;
  const { cards: earlier, ...rest } = withoutUnsent(current);
  const kept = current.unsent.alert.kind === 'shortfallResolved' ? [] : [...(earlier ?? []), ...cards];
  return kept.length > 0 ? { ...rest, cards: kept } : rest;
}

function withoutUnsent(state: StoredAlertState): StoredAlertState {
  const { unsent: _unsent, ...rest } = state;
  return rest;
}
