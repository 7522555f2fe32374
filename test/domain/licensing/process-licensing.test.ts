import { describe, expect, it } from 'vitest';
import { licenseAssignmentStates } from '../../../domain/licensing/license-assignment-states.js';
import type { LicensingSnapshot } from '../../../domain/licensing/licensing-snapshot.js';
import type { LicensingState } from '../../../domain/licensing/licensing-state.js';
import { processLicensing } from '../../../domain/licensing/process-licensing.js';
import { summarizeLicensing } from '../../../domain/licensing/summarize-licensing.js';
import { ANALYTICS, CALLING, E1, E3, E5, VISIO, at, group, sku, snapshot, user, withMembers } from './licensing-fixtures.js';

const pool = (state: LicensingState, snap: LicensingSnapshot, partNumber: string) =>
  summarizeLicensing(state, snap).pools.find((p) => p.sku.skuPartNumber === partNumber)!;
const statesOf = (state: LicensingState, snap: LicensingSnapshot, id: string) =>
  licenseAssignmentStates(snap.users.find((u) => u.id === id)!, state);

describe('seats', () => {
  it('counts one seat for a user who gets a SKU directly and from two groups', () => {
    const snap = snapshot({
      skus: [E5],
      users: [user('ada', { assignedLicenses: [{ skuId: E5.skuId, disabledPlans: [] }] })],
      groups: [group('analysts', [E5], ['ada', 'ben']), group('sales', [E5], ['ada'])],
    });
    const state = processLicensing(undefined, snap, at('09:00'));
    expect(pool(state, snap, 'SPE_E5')).toMatchObject({ total: 2, used: 2, free: 0, waiting: [] });
    expect(statesOf(state, snap, 'ada').map((s) => [s.assignedByGroup, s.state])).toEqual([[null, 'Active'], ['analysts', 'Active'], ['sales', 'Active']]);
  });

  it('counts consumption from assignments, never from consumedUnits', () => {
    const snap = snapshot({ skus: [{ ...E5, consumedUnits: 2 }], groups: [group('analysts', [E5], ['ada'])] });
    expect(pool(processLicensing(undefined, snap, at('09:00')), snap, 'SPE_E5')).toMatchObject({ used: 1, free: 1 });
  });

  it('puts members past capacity in CountViolation and keeps the holders licensed', () => {
    const snap = snapshot({ skus: [E5], groups: [group('analysts', [E5], ['ada', 'ben', 'cara'])] });
    const state = processLicensing(undefined, snap, at('09:00'));
    expect(pool(state, snap, 'SPE_E5')).toMatchObject({ used: 2, free: 0, waiting: ['cara'], groupsWaiting: [{ groupId: 'analysts', waiting: 1 }] });
    expect(statesOf(state, snap, 'cara')).toEqual([
      expect.objectContaining({ assignedByGroup: 'analysts', state: 'Error', error: 'CountViolation', waitingSince: '2026-12-01T09:00:00.000Z' }),
    ]);
  });

  it('never takes a license back when seats are cut below use', () => {
    const first = snapshot({ skus: [E5], groups: [group('analysts', [E5], ['ada', 'ben'])] });
    const cut = { ...first, skus: [{ ...E5, prepaidUnits: { enabled: 1 } }] };
    const state = processLicensing(processLicensing(undefined, first, at('09:00')), cut, at('10:00'));
    expect(pool(state, cut, 'SPE_E5')).toMatchObject({ total: 1, used: 2, free: 0, waiting: [] });
  });

  it('assigns nothing through a group that is not security-enabled', () => {
    const snap = snapshot({ skus: [E5], groups: [group('m365', [E5], ['ada'], { securityEnabled: false })] });
    expect(pool(processLicensing(undefined, snap, at('09:00')), snap, 'SPE_E5').used).toBe(0);
  });
});

describe('all or nothing per group', () => {
  it("withholds every SKU of a group when one of them can't be assigned, and uses no seat for it", () => {
    const snap = snapshot({ skus: [E5, VISIO], users: [user('ada', { assignedLicenses: [{ skuId: VISIO.skuId, disabledPlans: [] }] })], groups: [group('designers', [E5, VISIO], ['ben'])] });
    const state = processLicensing(undefined, snap, at('09:00'));
    expect(statesOf(state, snap, 'ben')).toEqual([
      expect.objectContaining({ skuId: E5.skuId, state: 'Error', error: 'Other', cause: { reason: 'anotherSkuFailed', skuId: VISIO.skuId } }),
      expect.objectContaining({ skuId: VISIO.skuId, state: 'Error', error: 'CountViolation' }),
    ]);
    expect(pool(state, snap, 'SPE_E5')).toMatchObject({ used: 0, free: 2, waiting: [] });
    expect(pool(state, snap, 'VISIOCLIENT').waiting).toEqual(['ben']);
  });

  it('lets a member of another group take the seat the blocked member did not use', () => {
    const snap = snapshot({ skus: [{ ...E5, prepaidUnits: { enabled: 1 } }, { ...VISIO, prepaidUnits: { enabled: 0 } }], groups: [group('designers', [E5, VISIO], ['ada']), group('analysts', [E5], ['ben'])] });
    const state = processLicensing(undefined, snap, at('09:00'));
    expect(pool(state, snap, 'SPE_E5').holders).toEqual(['ben']);
  });
});

describe('freed seats', () => {
  const start = snapshot({ skus: [E5], groups: [group('analysts', [E5], ['ada', 'ben'])] });

  it('go to the member who has waited longest, whatever the membership order', () => {
    let state = processLicensing(undefined, start, at('09:00'));
    let snap = withMembers(start, 'analysts', ['ada', 'ben', 'dan']);
    state = processLicensing(state, snap, at('09:10'));
    snap = withMembers(snap, 'analysts', ['cara', 'ada', 'ben', 'dan']);
    state = processLicensing(state, snap, at('09:20'));
    expect(pool(state, snap, 'SPE_E5').waiting).toEqual(['dan', 'cara']);

    snap = withMembers(snap, 'analysts', ['cara', 'ben', 'dan', 'eve']);
    state = processLicensing(state, snap, at('09:30'));
    expect(pool(state, snap, 'SPE_E5')).toMatchObject({ holders: ['ben', 'dan'], waiting: ['cara', 'eve'] });
  });

  it('go to waiters when seats are bought, oldest first, and a waiter keeps their place across runs', () => {
    let snap = withMembers(start, 'analysts', ['ada', 'ben', 'cara']);
    let state = processLicensing(processLicensing(undefined, start, at('09:00')), snap, at('09:05'));
    snap = withMembers(snap, 'analysts', ['ada', 'ben', 'cara', 'dan']);
    state = processLicensing(state, snap, at('09:10'));
    state = processLicensing(state, snap, at('09:15'));
    expect(state.groups['analysts']!.failing['cara']!.since).toBe('2026-12-01T09:05:00.000Z');
    snap = { ...snap, skus: [{ ...E5, prepaidUnits: { enabled: 3 } }] };
    state = processLicensing(state, snap, at('09:20'));
    expect(pool(state, snap, 'SPE_E5')).toMatchObject({ used: 3, waiting: ['dan'] });
  });

  it('processing again with nothing changed changes nothing (a fixpoint)', () => {
    const snap = withMembers(start, 'analysts', ['ada', 'ben', 'cara']);
    const once = processLicensing(undefined, snap, at('09:00'));
    expect(processLicensing(once, snap, at('10:00')).groups).toEqual(once.groups);
  });
});

describe('usage location', () => {
  it("uses the tenant's location for a member who has none, without giving them one", () => {
    const snap = snapshot({ skus: [E5], users: [user('ada', { usageLocation: null })], groups: [group('analysts', [E5], ['ada'])], defaultUsageLocation: 'US' });
    expect(statesOf(processLicensing(undefined, snap, at('09:00')), snap, 'ada')[0]).toMatchObject({ state: 'Active' });
    expect(snap.users[0]!.usageLocation).toBeNull();
  });

  it('fails with Other when neither the member nor the tenant has a location, and uses no seat', () => {
    const snap = snapshot({ skus: [E5], users: [user('ada', { usageLocation: null })], groups: [group('analysts', [E5], ['ada'])] });
    const state = processLicensing(undefined, snap, at('09:00'));
    expect(statesOf(state, snap, 'ada')[0]).toMatchObject({ state: 'Error', error: 'Other', cause: { reason: 'noUsageLocation' } });
    expect(pool(state, snap, 'SPE_E5').used).toBe(0);
  });

  it('refuses a plan not sold where the member is, with ProhibitedInUsageLocationViolation', () => {
    const snap = snapshot({ skus: [CALLING], users: [user('arjun', { usageLocation: 'IN' }), user('grace')], groups: [group('phones', [CALLING], ['arjun', 'grace'])] });
    const state = processLicensing(undefined, snap, at('09:00'));
    expect(statesOf(state, snap, 'arjun')[0]).toMatchObject({ error: 'ProhibitedInUsageLocationViolation', cause: { plan: 'MCOPSTN1', usageLocation: 'IN' } });
    expect(statesOf(state, snap, 'grace')[0]).toMatchObject({ state: 'Active' });
  });
});

describe('guests', () => {
  it('licenses a guest in a licensing group, and flags them on the group', () => {
    const snap = snapshot({ skus: [E5], users: [user('lena', { userType: 'Guest', usageLocation: null })], groups: [group('lab', [E5], ['lena', 'ada'])], defaultUsageLocation: 'US' });
    const state = processLicensing(undefined, snap, at('09:00'));
    expect(summarizeLicensing(state, snap).groups[0]).toMatchObject({ guests: ['lena'], licensed: 2, hasMembersWithLicenseErrors: false });
  });
});

describe('conflicting plans', () => {
  it('refuses E3 from a group to a user with E1 directly (Exchange and SharePoint Plan 1 vs Plan 2)', () => {
    const snap = snapshot({ skus: [E1, E3], users: [user('ada', { assignedLicenses: [{ skuId: E1.skuId, disabledPlans: [] }] })], groups: [group('staff', [E3], ['ada'])] });
    const state = processLicensing(undefined, snap, at('09:00'));
    expect(statesOf(state, snap, 'ada')[1]).toMatchObject({ error: 'MutuallyExclusiveViolation', cause: { reason: 'conflictingPlans', plan: 'EXCHANGE_S_ENTERPRISE', conflictsWith: 'EXCHANGE_S_STANDARD' } });
    expect(pool(state, snap, 'ENTERPRISEPACK').used).toBe(0);
  });

  it('allows it once the conflicting plans are disabled, and lets E3 and E5 share a plan', () => {
    const e1Trimmed = { skuId: E1.skuId, disabledPlans: ['EXCHANGE_S_STANDARD', 'SHAREPOINTSTANDARD'] };
    const snap = snapshot({ skus: [E1, E3, E5], users: [user('ada', { assignedLicenses: [e1Trimmed] })], groups: [group('staff', [E3], ['ada']), group('analysts', [E5], ['ada'])] });
    const states = statesOf(processLicensing(undefined, snap, at('09:00')), snap, 'ada');
    expect(states.map((s) => s.state)).toEqual(['Active', 'Active', 'Active']);
  });
});

describe('dependencies', () => {
  it('refuses an add-on without its prerequisite plan, with DependencyViolation', () => {
    const snap = snapshot({ skus: [ANALYTICS], groups: [group('insights', [ANALYTICS], ['ada'])] });
    expect(statesOf(processLicensing(undefined, snap, at('09:00')), snap, 'ada')[0]).toMatchObject({
      error: 'DependencyViolation', cause: { reason: 'missingPrerequisite', plan: 'WORKPLACE_ANALYTICS', needsOneOf: ['EXCHANGE_S_STANDARD', 'EXCHANGE_S_ENTERPRISE'] },
    });
  });

  it('keeps a license whose removal would strand an add-on, until the add-on goes too', () => {
    const base = snapshot({ skus: [E3, ANALYTICS], groups: [group('staff', [E3], ['ada']), group('insights', [ANALYTICS], ['ada'])] });
    let state = processLicensing(undefined, base, at('09:00'));
    expect(statesOf(state, base, 'ada').map((s) => s.state)).toEqual(['Active', 'Active']);

    const left = withMembers(base, 'staff', []);
    state = processLicensing(state, left, at('10:00'));
    expect(statesOf(state, left, 'ada')[0]).toMatchObject({ assignedByGroup: 'staff', state: 'ActiveWithError', error: 'DependencyViolation', cause: { plan: 'EXCHANGE_S_ENTERPRISE', neededBy: 'WORKPLACE_ANALYTICS' } });
    expect(pool(state, left, 'ENTERPRISEPACK').used).toBe(1);
    expect(summarizeLicensing(state, left).groups.find((g) => g.groupId === 'staff')).toMatchObject({ hasMembersWithLicenseErrors: true });

    const gone = withMembers(left, 'insights', []);
    state = processLicensing(state, gone, at('11:00'));
    expect(pool(state, gone, 'ENTERPRISEPACK').used).toBe(0);
    expect(statesOf(state, gone, 'ada')).toEqual([]);
  });
});

describe("a group's SKUs changing", () => {
  it('re-evaluates its members before anyone waiting, so nobody licensed loses out to the queue', () => {
    const seats = sku('VISIOCLIENT', 2, ['VISIO_CLIENT_SUBSCRIPTION']);
    const base = snapshot({ skus: [E5, seats], groups: [group('analysts', [E5], ['ada', 'ben', 'cara']), group('designers', [seats], [])] });
    let state = processLicensing(undefined, base, at('09:00'));
    const changed = { ...base, groups: [group('analysts', [E5, seats], ['ada', 'ben', 'cara']), group('designers', [seats], [])] };
    state = processLicensing(state, changed, at('10:00'));
    expect(pool(state, changed, 'SPE_E5').holders).toEqual(['ada', 'ben']);
    expect(state.groups['analysts']!.active).toEqual({ ada: '2026-12-01T09:00:00.000Z', ben: '2026-12-01T09:00:00.000Z' });
  });
});
