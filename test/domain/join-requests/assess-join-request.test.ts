import { describe, expect, it } from 'vitest';
import { assessJoinRequest, type JoinAsk } from '../../../domain/join-requests/assess-join-request.js';
import { defaultJoinPolicy } from '../../../domain/join-requests/join-policy.js';
import { pendingRequest, securityGroup } from '../../support/domain-fixtures.js';

const ask = (overrides: Partial<JoinAsk> = {}): JoinAsk => ({
  group: securityGroup(),
  settings: { joinPolicy: 'approval', reasonRequired: false },
  isMember: false,
  pendingOfRequester: [],
  approverCount: 2,
  maxPendingPerRequester: 5,
  ...overrides,
});

describe('assessJoinRequest', () => {
  it('sends a request for an approval group to its approvers', () => {
    expect(assessJoinRequest(ask())).toEqual({ ok: true, value: 'askApprovers' });
  });

  it('adds the requester at once to an open group', () => {
    expect(assessJoinRequest(ask({ settings: { joinPolicy: 'open', reasonRequired: false } }))).toEqual({ ok: true, value: 'joinNow' });
  });

  it.each([
    ['closed', ask({ settings: { joinPolicy: 'closed', reasonRequired: false } })],
    ['syncedFromOnPremises', ask({ group: securityGroup({ onPremisesSyncEnabled: true }) })],
    ['mailEnabledOrDistributionList', ask({ group: securityGroup({ mailEnabled: true }) })],
    ['mailEnabledOrDistributionList', ask({ group: securityGroup({ mailEnabled: true, securityEnabled: false }) })],
    ['roleAssignable', ask({ group: securityGroup({ isAssignableToRole: true }) })],
    ['dynamicGroup', ask({ group: securityGroup({ groupTypes: ['DynamicMembership'], membershipRule: 'user.country -eq "NZ"' }) })],
    ['alreadyMember', ask({ isMember: true })],
    ['alreadyPending', ask({ pendingOfRequester: [pendingRequest({ groupId: securityGroup().id })] })],
    ['reasonRequired', ask({ settings: { joinPolicy: 'approval', reasonRequired: true }, reason: '   ' })],
    ['tooManyPendingRequests', ask({ maxPendingPerRequester: 1, pendingOfRequester: [pendingRequest({ groupId: 'other' as never })] })],
    ['noApprovers', ask({ approverCount: 0 })],
  ])('refuses with %s', (reason, situation) => {
    const outcome = assessJoinRequest(situation);
    expect(outcome.ok).toBe(false);
    expect(!outcome.ok && outcome.error.reason).toBe(reason);
  });

  it('tells a member they are already in before explaining how the group is managed', () => {
    const outcome = assessJoinRequest(ask({ isMember: true, group: securityGroup({ onPremisesSyncEnabled: true }) }));
    expect(!outcome.ok && outcome.error.reason).toBe('alreadyMember');
  });

  it('lets a Microsoft 365 group with mail through: only security groups with mail are managed in Exchange', () => {
    const m365 = securityGroup({ groupTypes: ['Unified'], mailEnabled: true, securityEnabled: false, visibility: 'Private' });
    expect(assessJoinRequest(ask({ group: m365 }))).toEqual({ ok: true, value: 'askApprovers' });
  });

  it('carries the rule of a dynamic group in the refusal, for the explanation', () => {
    const outcome = assessJoinRequest(ask({ group: securityGroup({ groupTypes: ['DynamicMembership'], membershipRule: 'user.country -eq "NZ"' }) }));
    expect(outcome).toEqual({ ok: false, error: { reason: 'dynamicGroup', membershipRule: 'user.country -eq "NZ"' } });
  });

  it('does not count pending requests against joining an open group', () => {
    const busy = Array.from({ length: 5 }, (_, i) => pendingRequest({ groupId: `g-${i + 10}` as never }));
    expect(assessJoinRequest(ask({ settings: { joinPolicy: 'open', reasonRequired: false }, pendingOfRequester: busy }))).toEqual({ ok: true, value: 'joinNow' });
  });
});

describe('defaultJoinPolicy', () => {
  it.each([
    ['a public Microsoft 365 group is open', securityGroup({ groupTypes: ['Unified'], mailEnabled: true, visibility: 'Public' }), 'open'],
    ['a private Microsoft 365 group needs approval', securityGroup({ groupTypes: ['Unified'], mailEnabled: true, visibility: 'Private' }), 'approval'],
    ['a security group needs approval', securityGroup(), 'approval'],
  ])('%s', (_, group, policy) => {
    expect(defaultJoinPolicy(group)).toBe(policy);
  });
});
