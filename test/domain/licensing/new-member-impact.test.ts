import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { licenseImpact } from '../../../domain/licensing/license-impact.js';
import { newMemberImpact } from '../../../domain/licensing/new-member-impact.js';
import { CALLING, E5, VISIO, at, current, gid, group, sku, snapshot, user } from './licensing-fixtures.js';
import { tenant } from './random-tenant.js';

describe("one newcomer's forecast, without a licensing run", () => {
  const base = snapshot({ skus: [{ ...E5, prepaidUnits: { enabled: 3 } }, VISIO, CALLING], groups: [group('analysts', [E5], ['ada', 'ben']), group('phones', [CALLING], [])], users: [user('cara'), user('arjun', { usageLocation: 'IN' })] });

  it('takes one of the seats left', () => {
    expect(newMemberImpact(current(base), user('cara'), gid('analysts'))).toEqual({ skus: [{ sku: expect.objectContaining({ skuPartNumber: 'SPE_E5' }), seatsNeeded: 1, seatsFreed: 0, seatsFree: 1, shortfall: 0 }], unlicensed: [], licensedFromQueue: [] });
  });

  it('leaves the newcomer waiting when no seat is left', () => {
    const full = current(snapshot({ skus: [{ ...E5, prepaidUnits: { enabled: 1 } }], groups: [group('analysts', [E5], ['ada', 'ben'])], users: [user('cara')] }));
    expect(newMemberImpact(full, user('cara'), gid('analysts'))).toMatchObject({ skus: [{ seatsFree: 0, shortfall: 1 }], unlicensed: [{ userId: 'cara', failures: [{ error: 'CountViolation' }] }] });
  });

  it("reads the newcomer's usage location as given, so a fresh directory record counts", () => {
    expect(newMemberImpact(current(base), user('arjun', { usageLocation: 'IN' }), gid('phones')).unlicensed[0]!.failures[0]).toMatchObject({ error: 'ProhibitedInUsageLocationViolation' });
    expect(newMemberImpact(current(base), user('arjun', { usageLocation: 'US' }), gid('phones')).unlicensed).toEqual([]);
  });

  it('agrees with a full forecast for any small tenant, newcomer and group', () => {
    fc.assert(
      fc.property(tenant, fc.integer({ min: 0, max: 7 }), fc.integer({ min: 0, max: 3 }), (snap, u, g) => {
        const now = current(snap);
        const newcomer = snap.users[u]!;
        const target = snap.groups[g]!;
        const full = licenseImpact(now, { adds: [{ groupId: target.id, userId: newcomer.id }], removes: [] }, at('09:05'));
        const quick = newMemberImpact(now, newcomer, target.id);
        expect(quick.skus).toEqual(full.skus);
        expect(quick.unlicensed).toEqual(full.unlicensed);
      }),
    );
  });

  it('has nothing to say about a group that assigns no licenses', () => {
    const plain = snapshot({ skus: [sku('X', 1, [])], groups: [group('club', [], [])], users: [user('ada')] });
    expect(newMemberImpact(current(plain), user('ada'), gid('club')).skus).toEqual([]);
  });
});
