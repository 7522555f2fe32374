import { afterEach, describe, expect, it } from 'vitest';
import { startOwnerHarness, type OwnerHarness } from './owner-harness.js';

let h: OwnerHarness | undefined;
afterEach(async () => h?.running.stop());

describe("owners setting their group's join settings", () => {
  it('`policy <group>` shows all of them: the join policy, who approves and escalation, the reason, the longest stay', async () => {
    h = await startOwnerHarness();
    expect((await h.say('Rowan Pike', 'policy Atlas Project')).text).toBe(
      [
        'Atlas Project is approval — an owner approves each request.',
        'Requests are approved by one of the owners, or an admin when there are none (policy Atlas Project stages: manager, owners, policy Atlas Project quorum 2).',
        'An unanswered stage waits for its own approvers, with no escalation (policy Atlas Project escalate after 3d to admins).',
        'Nobody is auto-approved (policy Atlas Project approval unless user.department -eq "Research").',
        'A reason is optional (require reason Atlas Project on).',
        'No limit on how long members stay (max duration Atlas Project 90d).',
        'Owners can change it: policy Atlas Project open, approval or closed.',
      ].join('\n'),
    );
  });

  it('an owner requires a reason, and join requests without one are refused until it is off again', async () => {
    h = await startOwnerHarness();
    expect((await h.say('Ines Duarte', 'require reason Atlas Project on')).text).toBe('Atlas Project now asks everyone who wants to join for a reason.');
    expect((await h.say('Rowan Pike', 'join Atlas Project')).text).toMatch(/Atlas Project's owners ask for a reason/);
    expect((await h.say('Rowan Pike', 'require reason Atlas Project')).text).toMatch(/^Atlas Project asks everyone who wants to join for a reason\./);

    expect((await h.say('Tomas Berg', 'require reason for Atlas Project off')).text).toBe('Atlas Project no longer asks for a reason.');
    expect((await h.say('Rowan Pike', 'join Atlas Project')).text).toMatch(/I've asked the 2 owners/);
  });

  it('an owner sets the longest membership, stored as ISO 8601 for time-bound membership, and clears it', async () => {
    h = await startOwnerHarness();
    expect((await h.say('Ines Duarte', 'max duration Atlas Project 90d')).text).toMatch(/^Atlas Project now lets members stay at most 90 days \(P90D\)\./);
    expect((await h.state('Atlas Project')).settings.maxMembershipDuration).toBe('P90D');
    expect((await h.say('Ines Duarte', 'maximum membership duration for Atlas Project PT8H')).text).toMatch(/at most 8 hours \(PT8H\)/);
    expect((await h.say('Rowan Pike', 'policy Atlas Project')).text).toContain('Members stay at most 8 hours (max duration Atlas Project off).');

    expect((await h.say('Ines Duarte', 'max duration Atlas Project 90x')).text).toMatch(/I didn't understand that length of time/);
    expect((await h.say('Ines Duarte', 'max duration Atlas Project 1m')).text).toBe('The maximum must be at least 5 minutes.');
    expect((await h.state('Atlas Project')).settings.maxMembershipDuration).toBe('PT8H');

    expect((await h.say('Ines Duarte', 'max duration Atlas Project off')).text).toBe('Atlas Project has no limit on how long members stay now.');
    expect((await h.state('Atlas Project')).settings.maxMembershipDuration).toBeUndefined();
  });

  it('refuses someone who does not own the group, and no setting changes', async () => {
    h = await startOwnerHarness();
    const before = await h.state('Atlas Project');
    for (const command of ['require reason Atlas Project on', 'max duration Atlas Project 30d', 'policy Atlas Project open']) {
      expect((await h.say('Rowan Pike', command)).text).toMatch(/^Only the owners of Atlas Project or an admin can change its (settings|policy)\.$/);
    }
    expect(await h.state('Atlas Project')).toEqual(before);
  });

  it('lets an admin change them, and refuses groups that take no join requests', async () => {
    h = await startOwnerHarness();
    expect((await h.say('Jordan Blake', 'require reason Atlas Project on')).text).toMatch(/now asks/);
    const before = await h.state('Research New Zealand');
    expect((await h.say('Ines Duarte', 'require reason Research New Zealand on')).text).toBe("Research New Zealand fills itself from a rule, so join requests don't apply to it.");
    expect((await h.say('Priya Raman', 'max duration Finance Vault 30d')).text).toMatch(/managed in your on-premises Active Directory/);
    expect(await h.state('Research New Zealand')).toEqual(before);
  });
});
