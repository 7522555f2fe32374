import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LicensingSnapshot } from '../../../domain/licensing/licensing-snapshot.js';
import { processLicensing } from '../../../domain/licensing/process-licensing.js';
import { defaultServicePlanRules } from '../../../domain/licensing/service-plan-rules.js';
import { untouchedGroups } from '../../../domain/licensing/untouched-groups.js';
import type { DirectoryUser } from '../../../domain/model/directory-user.js';
import { ANALYTICS, E1, E3, E5, VISIO, group, snapshot, user, withMembers } from './licensing-fixtures.js';
import { applyChanges, change, sorted } from './random-changes.js';
import { tenant } from './random-tenant.js';

const directSkus = (users: readonly (DirectoryUser | undefined)[]) => users.flatMap((u) => u?.assignedLicenses?.map((l) => l.skuId as string) ?? []);
const t0 = new Date('2026-12-01T09:00:00Z');
const t1 = new Date('2026-12-01T10:00:00Z');

describe('a run over the pools a change touched', () => {
  it('comes to the state a full run does, for any changes on any small tenant', () => {
    fc.assert(
      fc.property(tenant, fc.array(change, { minLength: 1, maxLength: 6 }), (start, changes) => {
        const before: LicensingSnapshot = { ...start, groups: start.groups.map((g) => ({ ...g, members: sorted(g.members) })) };
        const previous = processLicensing(undefined, before, t0);
        const { after, patch } = applyChanges(before, changes);
        const users = new Set<string>(patch.users.keys());
        const was = new Map(before.users.map((u) => [u.id as string, u]));
        const skus = new Set(directSkus([...users].flatMap((id) => [was.get(id), patch.users.get(id as never)])));

        const keep = untouchedGroups(previous, after, { users, groups: new Set(patch.groups.keys()), skus }, defaultServicePlanRules);

        expect(processLicensing(previous, after, t1, defaultServicePlanRules, keep)).toEqual(processLicensing(previous, after, t1));
      }),
      { numRuns: 400 },
    );
  });

  it('keeps the record of a pool nobody touched as it was, and recomputes the one a join touched', () => {
    const base = snapshot({ skus: [E5, E3, VISIO], users: ['u1', 'u2', 'u3', 'u4'].map((id) => user(id)), groups: [group('g-e5', [E5], ['u1']), group('g-e3', [E3], ['u1', 'u2']), group('g-visio', [VISIO], ['u3'])] });
    const previous = processLicensing(undefined, base, t0);
    const joined = withMembers(base, 'g-visio', ['u3', 'u4']);

    const keep = untouchedGroups(previous, joined, { users: new Set(['u4']), groups: new Set(), skus: new Set() }, defaultServicePlanRules);
    const next = processLicensing(previous, joined, t1, defaultServicePlanRules, keep);

    expect([...keep].sort()).toEqual(['g-e3', 'g-e5']);
    expect(next.groups['g-e5']).toBe(previous.groups['g-e5']);
    expect(next.groups['g-e3']).toBe(previous.groups['g-e3']);
    // Visio's one seat is u3's: u4 waits for it.
    expect(next.groups['g-visio']!.failing['u4']?.failures.map((f) => f.error)).toEqual(['CountViolation']);
  });

  it('ties pools together through a person in two groups whose plans a rule names', () => {
    // Workplace Analytics needs an Exchange plan, which E1 has; E1's one seat is u1's, so u2 waits for
    // it in one group and lacks the prerequisite in the other. u1 leaves: u2 gets E1, and then Analytics.
    const e1 = { ...E1, prepaidUnits: { enabled: 1 } };
    const base = snapshot({ skus: [e1, ANALYTICS, VISIO], users: ['u1', 'u2', 'u3'].map((id) => user(id)), groups: [group('g-e1', [e1], ['u1', 'u2']), group('g-wa', [ANALYTICS], ['u2']), group('g-visio', [VISIO], ['u3'])] });
    const previous = processLicensing(undefined, base, t0);
    const left = withMembers(base, 'g-e1', ['u2']);

    const keep = untouchedGroups(previous, left, { users: new Set(['u1']), groups: new Set(), skus: new Set() }, defaultServicePlanRules);
    const next = processLicensing(previous, left, t1, defaultServicePlanRules, keep);

    expect([...keep]).toEqual(['g-visio']);
    expect(Object.keys(next.groups['g-wa']!.active)).toEqual(['u2']);
  });
});
