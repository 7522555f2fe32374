import { describe, expect, it } from 'vitest';
import { decideLicenseAlert, type LicenseAlertState } from '../../../domain/licensing/decide-license-alert.js';
import { defaultLowSeatSettings, isLowOnSeats } from '../../../domain/licensing/low-seat-threshold.js';
import type { LicensePool } from '../../../domain/licensing/summarize-licensing.js';
import { E5, uid } from './licensing-fixtures.js';

const pool = (total: number, used: number, waiting = 0): LicensePool => ({
  sku: E5, total, used, free: Math.max(0, total - used), holders: [],
  waiting: Array.from({ length: waiting }, (_, i) => uid(`w${i}`)), groupsWaiting: [],
});
const t = (hhmm: string, day = 1) => new Date(`2026-12-0${day}T${hhmm}:00Z`);
const decide = (current: LicenseAlertState | undefined, p: LicensePool, now = t('09:00')) => decideLicenseAlert(current, p, defaultLowSeatSettings, now);

describe('what admins are told about a SKU', () => {
  it('nothing while seats are plentiful', () => expect(decide(undefined, pool(250, 100))).toEqual({}));

  it('a low-seat warning when free seats fall under 5% or 5 seats, whichever is larger', () => {
    expect(isLowOnSeats(250, 238, 12, defaultLowSeatSettings)).toBe(true);
    expect(isLowOnSeats(250, 237, 13, defaultLowSeatSettings)).toBe(false);
    expect(isLowOnSeats(20, 16, 4, defaultLowSeatSettings)).toBe(true);
    expect(isLowOnSeats(0, 0, 0, defaultLowSeatSettings)).toBe(false);
    expect(decide({ status: 'ok' }, pool(250, 246))).toEqual({ next: { status: 'low', lastLowAt: '2026-12-01T09:00:00.000Z' }, alert: { kind: 'lowSeats' } });
  });

  it('no second low-seat warning within a day when seats dip again', () => {
    const warned = { status: 'low', lastLowAt: t('09:00').toISOString() } as const;
    const ok = decide(warned, pool(250, 200), t('10:00')).next!;
    expect(decide(ok, pool(250, 246), t('11:00'))).toEqual({ next: { status: 'low', lastLowAt: warned.lastLowAt } });
    expect(decide(ok, pool(250, 246), t('09:00', 2)).alert).toEqual({ kind: 'lowSeats' });
  });

  it('one alert when a shortfall starts, and nothing more while it stays the same', () => {
    const started = decide({ status: 'low' }, pool(9, 9, 1));
    expect(started).toEqual({ next: { status: 'short', since: '2026-12-01T09:00:00.000Z', announced: 1, lastSentAt: '2026-12-01T09:00:00.000Z' }, alert: { kind: 'shortfallStarted' } });
    expect(decide(started.next, pool(9, 9, 1), t('15:00'))).toEqual({});
  });

  it('an update when it grows past what admins were told, not when it shrinks', () => {
    const short = { status: 'short', since: t('09:00').toISOString(), announced: 3, lastSentAt: t('09:00').toISOString() } as const;
    expect(decide(short, pool(9, 9, 5), t('10:00'))).toMatchObject({ next: { announced: 5 }, alert: { kind: 'shortfallGrew', was: 3 } });
    expect(decide(short, pool(9, 9, 2), t('10:00'))).toEqual({});
  });

  it('at most one reminder a day while it lasts', () => {
    const short = { status: 'short', since: t('09:00').toISOString(), announced: 2, lastSentAt: t('09:00').toISOString() } as const;
    expect(decide(short, pool(9, 9, 2), t('08:59', 2))).toEqual({});
    const reminded = decide(short, pool(9, 9, 2), t('09:00', 2));
    expect(reminded.alert).toEqual({ kind: 'shortfallReminder' });
    expect(decide(reminded.next, pool(9, 9, 2), t('12:00', 2))).toEqual({});
  });

  it('a resolved message when nobody waits any more, then quiet', () => {
    const short = { status: 'short', since: t('09:00').toISOString(), announced: 1, lastSentAt: t('09:00').toISOString() } as const;
    const resolved = decide(short, pool(10, 10), t('10:00'));
    expect(resolved).toEqual({ next: { status: 'low' }, alert: { kind: 'shortfallResolved', since: short.since } });
    expect(decide(resolved.next, pool(10, 10), t('11:00'))).toEqual({});
  });
});
