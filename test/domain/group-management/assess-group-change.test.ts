import { describe, expect, it } from 'vitest';
import { assessMemberChange, assessOwnerChange, assessSettingsChange, maxOwners } from '../../../domain/group-management/assess-group-change.js';
import { securityGroup } from '../../support/domain-fixtures.js';

const owner = { isOwner: true, isAdmin: false };
const stranger = { isOwner: false, isAdmin: false };
const admin = { isOwner: false, isAdmin: true };

const kinds = {
  security: securityGroup(),
  microsoft365: securityGroup({ groupTypes: ['Unified'], mailEnabled: true, securityEnabled: false }),
  dynamic: securityGroup({ groupTypes: ['DynamicMembership'], membershipRule: 'user.country -eq "NZ"' }),
  synced: securityGroup({ onPremisesSyncEnabled: true }),
  mailEnabledSecurity: securityGroup({ mailEnabled: true }),
  distribution: securityGroup({ mailEnabled: true, securityEnabled: false }),
};

describe('assessMemberChange', () => {
  it.each([
    ['security', 'add', true], ['security', 'remove', true], ['microsoft365', 'add', true], ['microsoft365', 'remove', true],
    ['dynamic', 'add', 'dynamicGroup'], ['dynamic', 'remove', 'dynamicGroup'], ['synced', 'add', 'syncedFromOnPremises'], ['synced', 'remove', 'syncedFromOnPremises'],
    ['mailEnabledSecurity', 'add', 'mailEnabledOrDistributionList'], ['distribution', 'remove', 'mailEnabledOrDistributionList'],
  ] as const)('an owner of a %s group: %s → %s', (kind, change, expected) => {
    const outcome = assessMemberChange(kinds[kind], change, owner, change === 'remove');
    expect(outcome.ok ? true : outcome.error.reason).toBe(expected);
  });

  it('refuses someone who neither owns the group nor administers groups; an admin may', () => {
    expect(assessMemberChange(kinds.security, 'add', stranger, false)).toEqual({ ok: false, error: { reason: 'notAnOwner' } });
    expect(assessMemberChange(kinds.security, 'add', admin, false)).toEqual({ ok: true, value: 'add' });
  });

  it('says when nothing would change', () => {
    expect(assessMemberChange(kinds.security, 'add', owner, true)).toEqual({ ok: false, error: { reason: 'alreadyMember' } });
    expect(assessMemberChange(kinds.security, 'remove', owner, false)).toEqual({ ok: false, error: { reason: 'notMember' } });
  });
});

describe('assessOwnerChange', () => {
  const two = ['u-a', 'u-b'];

  it("changes a dynamic group's owners (the rule fills members, not owners), but not a synced or Exchange-managed group's", () => {
    expect(assessOwnerChange(kinds.dynamic, 'add', owner, two, 'u-c').ok).toBe(true);
    expect(assessOwnerChange(kinds.synced, 'add', owner, two, 'u-c')).toEqual({ ok: false, error: { reason: 'syncedFromOnPremises' } });
    expect(assessOwnerChange(kinds.distribution, 'remove', owner, two, 'u-b')).toEqual({ ok: false, error: { reason: 'mailEnabledOrDistributionList' } });
  });

  it('never takes a group below one owner unless an admin does it', () => {
    expect(assessOwnerChange(kinds.security, 'remove', owner, ['u-a'], 'u-a')).toEqual({ ok: false, error: { reason: 'lastOwner' } });
    expect(assessOwnerChange(kinds.security, 'remove', owner, two, 'u-a')).toEqual({ ok: true, value: 'remove' });
    expect(assessOwnerChange(kinds.security, 'remove', admin, ['u-a'], 'u-a')).toEqual({ ok: true, value: 'remove' });
  });

  it(`allows at most ${maxOwners} owners (Entra's limit), for admins too`, () => {
    const full = Array.from({ length: maxOwners }, (_, i) => `u-${i}`);
    expect(assessOwnerChange(kinds.security, 'add', owner, full, 'u-new')).toEqual({ ok: false, error: { reason: 'ownerLimit', limit: 100 } });
    expect(assessOwnerChange(kinds.security, 'add', admin, full, 'u-new')).toEqual({ ok: false, error: { reason: 'ownerLimit', limit: 100 } });
    expect(assessOwnerChange(kinds.security, 'add', owner, full.slice(1), 'u-new').ok).toBe(true);
  });

  it('refuses a stranger, and says when nothing would change', () => {
    expect(assessOwnerChange(kinds.security, 'add', stranger, two, 'u-c')).toEqual({ ok: false, error: { reason: 'notAnOwner' } });
    expect(assessOwnerChange(kinds.security, 'add', owner, two, 'u-a')).toEqual({ ok: false, error: { reason: 'alreadyOwner' } });
    expect(assessOwnerChange(kinds.security, 'remove', owner, two, 'u-c')).toEqual({ ok: false, error: { reason: 'notOwner' } });
  });
});

describe('assessSettingsChange', () => {
  it('lets owners and admins change the settings of groups that take requests, nobody else', () => {
    expect(assessSettingsChange(kinds.security, owner).ok).toBe(true);
    expect(assessSettingsChange(kinds.microsoft365, admin).ok).toBe(true);
    expect(assessSettingsChange(kinds.security, stranger)).toEqual({ ok: false, error: { reason: 'notAnOwner' } });
    expect(assessSettingsChange(kinds.dynamic, owner).ok).toBe(false);
  });
});
