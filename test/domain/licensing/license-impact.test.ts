import { describe, expect, it } from 'vitest';
import { licenseImpact } from '../../../domain/licensing/license-impact.js';
import { E1, E3, E5, at, current, gid, group, snapshot, uid, user, withMembers } from './licensing-fixtures.js';

const base = snapshot({ skus: [E5], groups: [group('analysts', [E5], ['ada'])], users: [user('ben'), user('cara')] });
const approve = (id: string) => ({ adds: [{ groupId: gid('analysts'), userId: uid(id) }], removes: [] });

describe('the license impact of a change', () => {
  it('of an approval with a seat left: one seat needed, none short', () => {
    const impact = licenseImpact(current(base), approve('ben'), at('09:05'));
    expect(impact.skus).toEqual([expect.objectContaining({ seatsNeeded: 1, seatsFree: 1, seatsFreed: 0, shortfall: 0 })]);
    expect(impact.unlicensed).toEqual([]);
  });

  it('of an approval with no seat left: the newcomer is left waiting', () => {
    const full = withMembers(base, 'analysts', ['ada', 'ben']);
    const impact = licenseImpact(current(full), approve('cara'), at('09:05'));
    expect(impact.skus[0]).toMatchObject({ seatsNeeded: 1, seatsFree: 0, shortfall: 1 });
    expect(impact.unlicensed).toEqual([{ groupId: 'analysts', userId: 'cara', failures: [expect.objectContaining({ error: 'CountViolation' })] }]);
  });

  it('needs no seat for someone who already holds the SKU', () => {
    const direct = snapshot({ skus: [E5], groups: [group('analysts', [E5], ['ada', 'ben'])], users: [user('cara', { assignedLicenses: [{ skuId: E5.skuId, disabledPlans: [] }] })] });
    const impact = licenseImpact(current(direct), approve('cara'), at('09:05'));
    expect(impact.skus[0]).toMatchObject({ seatsNeeded: 0, seatsFree: 0, shortfall: 0 });
    expect(impact.unlicensed).toEqual([]);
  });

  it('of a rule preview: freed seats go to those already waiting before newcomers', () => {
    const crowded = withMembers(base, 'analysts', ['ada', 'ben', 'cara']);
    const change = { adds: [{ groupId: gid('analysts'), userId: uid('dan') }], removes: [{ groupId: gid('analysts'), userId: uid('ada') }] };
    const impact = licenseImpact(current({ ...crowded, users: [...crowded.users, user('dan')] }), change, at('09:05'));
    expect(impact.skus[0]).toMatchObject({ seatsNeeded: 1, seatsFreed: 1, seatsFree: 0, shortfall: 1 });
    expect(impact.licensedFromQueue).toEqual(['cara']);
    expect(impact.unlicensed.map((u) => u.userId)).toEqual(['dan']);
  });

  it('names a newcomer who would fail for another reason, with the reason', () => {
    const conflicted = snapshot({ skus: [E1, E3], groups: [group('staff', [E3], [])], users: [user('ada', { assignedLicenses: [{ skuId: E1.skuId, disabledPlans: [] }] })] });
    const impact = licenseImpact(current(conflicted), { adds: [{ groupId: gid('staff'), userId: uid('ada') }], removes: [] }, at('09:00'));
    expect(impact.unlicensed[0]!.failures[0]).toMatchObject({ error: 'MutuallyExclusiveViolation' });
    expect(impact.skus[0]).toMatchObject({ seatsNeeded: 1, shortfall: 0 });
  });

  it('has no SKU lines for a group that assigns no licenses', () => {
    const plain = snapshot({ skus: [E5], groups: [group('club', [], [])], users: [user('ada')] });
    expect(licenseImpact(current(plain), { adds: [{ groupId: gid('club'), userId: uid('ada') }], removes: [] }, at('09:00')).skus).toEqual([]);
  });
});
