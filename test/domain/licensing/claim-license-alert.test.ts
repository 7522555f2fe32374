import { describe, expect, it } from 'vitest';
import { claimLicenseAlert, markAlertPosted, type StoredAlertState } from '../../../domain/licensing/claim-license-alert.js';
import { defaultLowSeatSettings } from '../../../domain/licensing/low-seat-threshold.js';
import type { LicensePool } from '../../../domain/licensing/summarize-licensing.js';
import { E5, uid } from './licensing-fixtures.js';

const pool = (total: number, used: number, waiting = 0): LicensePool => ({
  sku: E5, total, used, free: Math.max(0, total - used), holders: [],
  waiting: Array.from({ length: waiting }, (_, i) => uid(`w${i}`)), groupsWaiting: [],
});
const at = (hhmm: string) => new Date(`2026-12-01T${hhmm}:00Z`);
const grace = 2 * 60_000;
const claim = (current: StoredAlertState | undefined, p: LicensePool, hhmm: string) => claimLicenseAlert(current, p, defaultLowSeatSettings, at(hhmm), grace);

describe('an alert stays in the store until it is posted', () => {
  it('is claimed with the state change that calls for it, and cleared by the claimer once posted', () => {
    const started = claim({ status: 'low' }, pool(9, 9, 1), '09:00');
    expect(started.send).toEqual({ alert: { kind: 'shortfallStarted' }, since: at('09:00').toISOString(), claimedAt: at('09:00').toISOString() });
    expect(started.next?.unsent).toEqual(started.send);
    const posted = markAlertPosted(started.next, started.send!.claimedAt);
    expect(posted).toEqual({ status: 'short', since: at('09:00').toISOString(), announced: 1, lastSentAt: at('09:00').toISOString() });
    // Nothing left to send, and another instance's stale mark changes nothing.
    expect(claim(posted, pool(9, 9, 1), '09:10')).toEqual({});
    expect(markAlertPosted(started.next, at('08:59').toISOString())).toBeUndefined();
  });

  it('left unposted by a crash, is posted by a run after the grace period, once', () => {
    const crashed = claim({ status: 'low' }, pool(9, 9, 1), '09:00').next;
    expect(claim(crashed, pool(9, 9, 1), '09:01')).toEqual({}); // the claimer may still be posting
    const retaken = claim(crashed, pool(9, 9, 1), '09:02');
    expect(retaken.send).toEqual({ alert: { kind: 'shortfallStarted' }, since: at('09:00').toISOString(), claimedAt: at('09:02').toISOString() });
    expect(claim(retaken.next, pool(9, 9, 1), '09:03')).toEqual({});
  });

  it('gives way to a newer alert, which is the one posted', () => {
    const crashed = claim({ status: 'low' }, pool(9, 9, 1), '09:00').next;
    const grew = claim(crashed, pool(9, 9, 3), '09:01');
    expect(grew.send?.alert).toEqual({ kind: 'shortfallGrew', was: 1 });
    expect(grew.next?.unsent).toEqual(grew.send);
  });

  it('keeps an unposted alert while it is still true, and drops it once seats have moved on', () => {
    const low = claim({ status: 'ok' }, pool(250, 246), '09:00');
    expect(low.send?.alert).toEqual({ kind: 'lowSeats' });
    expect(claim(low.next, pool(250, 247), '09:01')).toEqual({});
    const recovered = claim(low.next, pool(250, 100), '09:05');
    expect(recovered).toEqual({ next: { status: 'ok', lastLowAt: at('09:00').toISOString() } });
  });
});
