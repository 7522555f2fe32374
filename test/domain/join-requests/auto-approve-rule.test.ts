import { describe, expect, it } from 'vitest';
import { assessJoinRequest, type JoinAsk } from '../../../domain/join-requests/assess-join-request.js';
import type { GroupSettings } from '../../../domain/join-requests/join-policy.js';
import { autoApproveRuleOf, matchAutoApproveRule } from '../../../domain/join-requests/match-auto-approve-rule.js';
import type { DirectoryUser } from '../../../domain/model/directory-user.js';
import { groupId, userId } from '../../../domain/model/ids.js';
import type { Directory } from '../../../domain/ports/directory.js';
import { securityGroup } from '../../support/domain-fixtures.js';

// Issue 19: a requester matching a group's auto-approve rule joins at once; everyone else asks the approvers.
const research = 'user.department -eq "Research"';
const approval = (rule?: string): GroupSettings => ({ joinPolicy: 'approval', reasonRequired: false, ...(rule ? { autoApproveRule: rule } : {}) });
const user = (fields: Partial<DirectoryUser> = {}): DirectoryUser => ({ id: userId('u-1'), displayName: 'Rowan Pike', department: 'Research', ...fields }) as DirectoryUser;
const now = new Date('2026-12-07T09:00:00Z');

/** A directory that answers only the one read a rule about memberOf needs, and counts it: anything else fails the test. */
function groupsOfOnly(groups: readonly string[]) {
  const reads: string[] = [];
  const directory = new Proxy({} as Directory, {
    get: (_, name) => {
      if (name !== 'groupsOf') throw new Error(`the rule read ${String(name)}: one person's match must not read the directory`);
      return async (id: string) => (reads.push(id), groups.map(groupId));
    },
  });
  return { directory, reads };
}

describe('matchAutoApproveRule', () => {
  it("matches a requester whose attributes satisfy the rule, reading nothing but them", async () => {
    const { directory, reads } = groupsOfOnly([]);
    expect(await matchAutoApproveRule(directory, securityGroup(), approval(research), user(), now)).toBe(research);
    expect(reads).toEqual([]);
  });

  it.each([
    ['another department', user({ department: 'Finance' })],
    ['no department at all (undetermined is no match)', user({ department: null } as never)],
  ])('does not match a requester with %s', async (_, requester) => {
    expect(await matchAutoApproveRule(groupsOfOnly([]).directory, securityGroup(), approval(research), requester, now)).toBeUndefined();
  });

  it("reads the requester's own groups when the rule reads memberOf, and only then", async () => {
    const { directory, reads } = groupsOfOnly(['g-readers']);
    const rule = 'user.memberOf -any (group.objectId -in ["g-readers"])';
    expect(await matchAutoApproveRule(directory, securityGroup(), approval(rule), user(), now)).toBe(rule);
    expect(reads).toEqual(['u-1']);
  });

  it.each([
    ['a role-assignable group', securityGroup({ isAssignableToRole: true }), approval(research)],
    ['a group synced from on-premises', securityGroup({ onPremisesSyncEnabled: true }), approval(research)],
    ['a dynamic group', securityGroup({ groupTypes: ['DynamicMembership'], membershipRule: research }), approval(research)],
    ['a mail-enabled security group', securityGroup({ mailEnabled: true }), approval(research)],
    ['an open group', securityGroup(), { ...approval(research), joinPolicy: 'open' } as GroupSettings],
    ['a group without a rule', securityGroup(), approval()],
    ['a stored rule that no longer parses', securityGroup(), approval('user.department -equals "Research"')],
    ['a device rule', securityGroup(), approval('device.deviceOSType -eq "Windows"')],
  ])('never matches for %s', async (_, group, settings) => {
    expect(await matchAutoApproveRule(groupsOfOnly([]).directory, group, settings, user(), now)).toBeUndefined();
  });

  it('parses a rule once per text', () => {
    expect(autoApproveRuleOf(research)).toBe(autoApproveRuleOf(research));
    expect(autoApproveRuleOf('user.department -equals "x"')).toBeNull();
  });
});

describe('assessJoinRequest with an auto-approve match', () => {
  const ask = (overrides: Partial<JoinAsk> = {}): JoinAsk => ({
    group: securityGroup(), settings: approval(research), isMember: false, pendingOfRequester: [], approverCount: 2, maxPendingPerRequester: 5, ...overrides,
  });

  it('joins a matching requester at once, even with no approvers or too many requests waiting', () => {
    expect(assessJoinRequest(ask({ autoApproveMatch: research }))).toEqual({ ok: true, value: 'autoApprove' });
    expect(assessJoinRequest(ask({ autoApproveMatch: research, approverCount: 0, maxPendingPerRequester: 0 }))).toEqual({ ok: true, value: 'autoApprove' });
  });

  it('sends a requester who does not match to the approvers', () => {
    expect(assessJoinRequest(ask())).toEqual({ ok: true, value: 'askApprovers' });
  });

  it('ignores a match for a role-assignable group: its requests are refused as before', () => {
    const outcome = assessJoinRequest(ask({ group: securityGroup({ isAssignableToRole: true }), autoApproveMatch: research }));
    expect(!outcome.ok && outcome.error.reason).toBe('roleAssignable');
  });

  it('still asks for a reason when the owners require one', () => {
    const outcome = assessJoinRequest(ask({ settings: { ...approval(research), reasonRequired: true }, autoApproveMatch: research }));
    expect(!outcome.ok && outcome.error.reason).toBe('reasonRequired');
  });
});
