import { afterEach, describe, expect, it } from 'vitest';
import { startOwnerHarness, type OwnerHarness } from './owner-harness.js';

let h: OwnerHarness | undefined;
afterEach(async () => h?.running.stop());

const groupCount = async (harness: OwnerHarness) => (await harness.gate.directory.listGroups()).length;

describe('creating a group from chat', () => {
  it('makes the creator its first owner and member, with join requests needing their approval', async () => {
    h = await startOwnerHarness();
    const reply = await h.say('Rowan Pike', 'create group Hiking Club');
    expect(reply.text).toMatch(/^Created Hiking Club \(security group\)\. You're its owner and first member\./);

    const group = await h.group('Hiking Club');
    expect(group).toMatchObject({ mailNickname: 'hiking-club', groupTypes: [], securityEnabled: true, mailEnabled: false });
    expect(await h.state('Hiking Club')).toEqual({ members: ['Rowan Pike'], owners: ['Rowan Pike'], settings: { joinPolicy: 'approval', reasonRequired: false } });
    expect(h.changes).toEqual([{ groupId: group.id, userId: expect.any(String), change: 'added', cause: 'ownerAction' }]);

    expect((await h.say('Ada Ito', 'join Hiking Club')).text).toMatch(/I've asked the owner of Hiking Club \(Rowan Pike\)/);
  });

  it('creates a Microsoft 365 group with a description', async () => {
    h = await startOwnerHarness();
    expect((await h.say('Rowan Pike', 'create group Book Club microsoft365 We read one book a month')).text).toMatch(/^Created Book Club \(Microsoft 365 group\)/);
    expect(await h.group('Book Club')).toMatchObject({ groupTypes: ['Unified'], mailEnabled: true, description: 'We read one book a month', visibility: 'Private' });
    expect((await h.state('Book Club')).settings.joinPolicy).toBe('approval');
  });

  it("refuses another group's name, in any case", async () => {
    h = await startOwnerHarness();
    const before = await groupCount(h);
    expect((await h.say('Rowan Pike', 'create group atlas project')).text).toBe("There's already a group called Atlas Project. Pick another name, or type join Atlas Project to ask to join it.");
    expect(await groupCount(h)).toBe(before);
  });

  it("applies the tenant's naming policy that an admin set: the prefix, and blocked words", async () => {
    h = await startOwnerHarness();
    expect((await h.say('Jordan Blake', 'setting prefix GRP-')).text).toMatch(/^New groups' names get the prefix "GRP-"\./);
    expect((await h.say('Jordan Blake', 'setting blocked words Payroll, CEO')).text).toMatch(/^Group names may not contain 2 blocked words\./);

    expect((await h.say('Rowan Pike', 'create group Hiking')).text).toMatch(/^Created GRP-Hiking .*\nYour organisation's naming policy named it "GRP-Hiking"\./s);
    expect((await h.say('Rowan Pike', 'create group GRP-Hiking')).text).toMatch(/There's already a group called GRP-Hiking/);

    const before = await groupCount(h);
    expect((await h.say('Rowan Pike', 'create group Payroll Pals')).text).toBe('Group names can\'t contain "Payroll" here (your organisation\'s naming policy). Pick another name.');
    expect(await groupCount(h)).toBe(before);
  });

  it('follows the self-service switch: off stops everyone but admins, and only admins may flip it', async () => {
    h = await startOwnerHarness();
    expect((await h.say('Rowan Pike', 'setting self-service-groups off')).text).toBe('Only a Global or Groups Administrator can change these settings.');
    expect((await h.say('Alex Morgan', 'setting self-service-groups off')).text).toMatch(/^Self-service group creation is off\./);

    const before = await groupCount(h);
    expect((await h.say('Rowan Pike', 'create group Hiking Club')).text).toBe('Your admins have turned off creating groups in GroupGate. Ask your IT service desk for a new group.');
    expect(await groupCount(h)).toBe(before);
    expect((await h.say('Jordan Blake', 'create group Identity Team')).text).toMatch(/^Created Identity Team/);
    expect((await h.say('Rowan Pike', 'settings')).text).toMatch(/Self-service group creation: off/);
  });

  it('creates one group when the same name is asked for twice at once', async () => {
    h = await startOwnerHarness();
    const replies = await Promise.all([h.say('Rowan Pike', 'create group Hiking Club'), h.say('Ada Ito', 'create group hiking club')]);
    expect(replies.filter((r) => r.text.startsWith('Created')).length).toBe(1);
    expect((await h.gate.directory.listGroups()).filter((g) => g.displayName.toLowerCase() === 'hiking club')).toHaveLength(1);
  });
});
