import { describe, expect, it } from 'vitest';
import { licenseAssignmentStates } from '../../../domain/licensing/license-assignment-states.js';
import { stateFromEntra, type EntraAssignmentState } from '../../../domain/licensing/state-from-entra.js';
import { summarizeLicensing } from '../../../domain/licensing/summarize-licensing.js';
import { E5, VISIO, at, group, snapshot, uid, user } from './licensing-fixtures.js';

const snap = snapshot({ skus: [E5, VISIO], groups: [group('analysts', [E5], ['ada', 'ben', 'cara']), group('designers', [E5, VISIO], ['dan'])], users: [user('eve', { assignedLicenses: [{ skuId: E5.skuId, disabledPlans: [] }] })] });
const entra = (rows: Record<string, EntraAssignmentState[]>) => new Map(Object.entries(rows).map(([id, states]) => [uid(id), states]));
const active = (groupId: string, skuId: string): EntraAssignmentState => ({ assignedByGroup: groupId, skuId, state: 'Active', error: 'None', lastUpdatedDateTime: '2025-03-04T10:00:00Z' });
const failed = (groupId: string, skuId: string, error: string, when = '2025-03-04T10:12:44Z'): EntraAssignmentState => ({ assignedByGroup: groupId, skuId, state: 'Error', error, lastUpdatedDateTime: when });

describe("Entra's own license states, as a Graph directory reports them", () => {
  const reported = entra({
    ada: [active('analysts', E5.skuId)],
    ben: [failed('analysts', E5.skuId, 'CountViolation')],
    cara: [failed('analysts', E5.skuId, 'SomethingNew')],
    dan: [failed('designers', E5.skuId, 'Other'), failed('designers', VISIO.skuId, 'CountViolation')],
    eve: [{ assignedByGroup: null, skuId: E5.skuId, state: 'Active', error: null }],
  });

  it('give the same seats, waiters and per-user states as GroupGate computes', () => {
    const state = stateFromEntra(undefined, snap, reported, at('09:00'));
    const pools = summarizeLicensing(state, snap).pools;
    expect(pools.find((p) => p.sku.skuId === E5.skuId)).toMatchObject({ used: 2, waiting: ['ben'] });
    expect(pools.find((p) => p.sku.skuId === VISIO.skuId)).toMatchObject({ used: 0, waiting: ['dan'] });
    expect(licenseAssignmentStates(snap.users.find((u) => u.id === 'dan')!, state)).toEqual([
      expect.objectContaining({ skuId: E5.skuId, state: 'Error', error: 'Other', cause: { reason: 'anotherSkuFailed', skuId: VISIO.skuId } }),
      expect.objectContaining({ skuId: VISIO.skuId, state: 'Error', error: 'CountViolation', waitingSince: '2025-03-04T10:12:44Z' }),
    ]);
    expect(state.groups['analysts']!.failing['cara']!.failures).toEqual([{ skuId: E5.skuId, error: 'Other', cause: { reason: 'reportedByEntra' } }]);
  });

  it('keep a waiting member in their place across reads, however Entra updates its timestamps', () => {
    const first = stateFromEntra(undefined, snap, reported, at('09:00'));
    const later = stateFromEntra(first, snap, entra({ ben: [failed('analysts', E5.skuId, 'CountViolation', '2025-03-05T08:00:00Z')] }), at('10:00'));
    expect(later.groups['analysts']!.failing['ben']!.since).toBe('2025-03-04T10:12:44Z');
  });
});
