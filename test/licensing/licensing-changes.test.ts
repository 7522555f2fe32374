import { describe, expect, it } from 'vitest';
import { affectsLicensing, groupsToCheck, type ReportedDirectoryChanges } from '../../domain/licensing/licensing-changes.js';

const none: ReportedDirectoryChanges = { users: [], groups: [], licenseStates: [] };
const user = (change: 'added' | 'updated' | 'removed', ...fields: string[]) => ({ ...none, users: [{ userId: 'u1', change, fields }] });
const group = (change: 'added' | 'updated' | 'removed', ...fields: string[]) => ({ ...none, groups: [{ groupId: 'g1', change, fields }] });

describe('which change feed rounds licensing reads its snapshot again for', () => {
  it('reads again for what an alert or a seat count shows', () => {
    expect(affectsLicensing({ ...none, licenseStates: ['u1'] }, new Set())).toBe(true);
    expect(affectsLicensing(user('updated', 'usageLocation'), new Set())).toBe(true);
    expect(affectsLicensing(user('updated', 'assignedLicenses.0.disabledPlans'), new Set())).toBe(true);
    expect(affectsLicensing(user('updated', 'accountEnabled', 'jobTitle'), new Set())).toBe(true);
    expect(affectsLicensing(user('removed'), new Set())).toBe(true);
    expect(affectsLicensing(group('updated', 'securityEnabled'), new Set())).toBe(true);
    expect(affectsLicensing(group('removed'), new Set())).toBe(true);
    expect(affectsLicensing(group('added', 'displayName', 'assignedLicenses'), new Set(['g1']))).toBe(true);
  });

  it('leaves it alone for everyday edits that are not licensing business', () => {
    expect(affectsLicensing(none, new Set())).toBe(false);
    expect(affectsLicensing(user('updated', 'jobTitle', 'department', 'onPremisesExtensionAttributes.extensionAttribute3'), new Set())).toBe(false);
    // A new user counts once they hold a license or join a licensing group, which the round reports on its own.
    expect(affectsLicensing(user('added', 'displayName', 'jobTitle'), new Set())).toBe(false);
    expect(affectsLicensing(group('updated', 'description'), new Set())).toBe(false);
    expect(affectsLicensing(group('added', 'displayName'), new Set())).toBe(false);
  });

  it('looks up only the groups added or renamed in the round', () => {
    const changes = { ...none, groups: [{ groupId: 'a', change: 'added' as const, fields: ['displayName'] }, { groupId: 'b', change: 'updated' as const, fields: ['displayName'] }, { groupId: 'c', change: 'updated' as const, fields: ['description'] }] };
    expect(groupsToCheck(changes)).toEqual(['a', 'b']);
    expect(affectsLicensing(changes, new Set(['b']))).toBe(true);
    expect(affectsLicensing(changes, new Set())).toBe(false);
  });
});
