import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LicensingSnapshot } from '../../../domain/licensing/licensing-snapshot.js';
import { patchLicensingSnapshot } from '../../../domain/licensing/patch-licensing-snapshot.js';
import { processLicensing } from '../../../domain/licensing/process-licensing.js';
import { summarizeLicensing } from '../../../domain/licensing/summarize-licensing.js';
import type { DirectoryUser } from '../../../domain/model/directory-user.js';
import { groupId, userId } from '../../../domain/model/ids.js';
import { E5, group, user } from './licensing-fixtures.js';
import { applyChanges, change, sorted } from './random-changes.js';
import { tenant } from './random-tenant.js';

const byId = (users: readonly DirectoryUser[]) => [...users].sort((a, b) => (a.id < b.id ? -1 : 1));
const withSortedMembers = (snap: LicensingSnapshot) => snap.groups.map((g) => ({ ...g, members: sorted(g.members) }));

describe('patching the licensing snapshot with the records a change named', () => {
  it('gives the snapshot, the state and the seats a full read would, for any changes on any small tenant', () => {
    fc.assert(
      fc.property(tenant, fc.array(change, { minLength: 1, maxLength: 6 }), (start, changes) => {
        const before = { ...start, groups: withSortedMembers(start) };
        const previous = processLicensing(undefined, before, new Date('2026-12-01T09:00:00Z'));
        const { after, patch } = applyChanges(before, changes);

        const patched = patchLicensingSnapshot(before, patch);

        expect(byId(patched.users)).toEqual(byId(after.users));
        expect([...patched.groups].sort((a, b) => (a.id < b.id ? -1 : 1))).toEqual([...after.groups].sort((a, b) => (a.id < b.id ? -1 : 1)));
        const now = new Date('2026-12-01T10:00:00Z');
        const [fromPatch, fromFull] = [processLicensing(previous, patched, now), processLicensing(previous, after, now)];
        expect(fromPatch).toEqual(fromFull);
        expect(summarizeLicensing(fromPatch, patched).pools.map((p) => [p.used, p.free, p.waiting])).toEqual(summarizeLicensing(fromFull, after).pools.map((p) => [p.used, p.free, p.waiting]));
      }),
      { numRuns: 300 },
    );
  });

  it('leaves the snapshot it was given as it was: views of the last run still read it', () => {
    const before: LicensingSnapshot = { skus: [E5], users: [user('u1'), user('u2')], groups: [group('g1', [E5], ['u1'])] };
    const frozen = structuredClone(before);

    patchLicensingSnapshot(before, { skus: [E5], users: new Map([[userId('u2'), undefined]]), groups: new Map(), memberships: [{ groupId: groupId('g1'), userId: userId('u2'), member: true }] });

    expect(before).toEqual(frozen);
  });
});
