import { afterEach, describe, expect, it } from 'vitest';
import { startOwnerHarness, type OwnerHarness } from './owner-harness.js';

let h: OwnerHarness | undefined;
afterEach(async () => h?.running.stop());

describe('owners adding and removing members directly', () => {
  it.each([
    ['a security group', 'Atlas Project', 'Ines Duarte', 'Tomas Berg'],
    ['a Microsoft 365 group', 'Lunch Club', 'Kai Moreno', undefined],
  ])('works on %s: the member changes, licensing hears of it, and the person is told', async (_, group, owner, existingMember) => {
    h = await startOwnerHarness();
    const added = await h.say(owner, `add Rowan Pike to ${group}`);
    await h.gate.background.idle();

    expect(added.text).toBe(`Done — Rowan Pike is now a member of ${group}.`);
    expect((await h.state(group)).members).toContain('Rowan Pike');
    expect(h.changes).toContainEqual(expect.objectContaining({ change: 'added', cause: 'ownerAction', userId: expect.any(String) }));
    expect(h.sentTo('Rowan Pike')).toContain(`${owner} added you to ${group}.`);

    const removed = await h.say(owner, `remove rowan.pike@contoso.example from ${group}`);
    await h.gate.background.idle();
    expect(removed.text).toBe(`Done — Rowan Pike is no longer a member of ${group}.`);
    expect((await h.state(group)).members).not.toContain('Rowan Pike');
    expect(h.changes.map((c) => `${c.change}/${c.cause}`)).toEqual(['added/ownerAction', 'removed/ownerAction']);
    expect(h.sentTo('Rowan Pike')).toContain(`${owner} removed you from ${group}.`);
    if (existingMember) expect((await h.state(group)).members).toContain(existingMember);
  });

  it.each([
    ['a dynamic group', 'Research New Zealand', 'Ines Duarte', /fills itself from a rule, so nobody can be added by hand/, /nobody can be removed by hand/],
    ['a group synced from AD DS', 'Finance Vault', 'Priya Raman', /managed in your on-premises Active Directory/, /managed in your on-premises Active Directory/],
    ['a mail-enabled security group', 'Payroll Approvers', 'Priya Raman', /mail-enabled security group managed in Exchange/, /managed in Exchange/],
    ['a distribution list', 'All Staff Announcements', 'Nora Fischer', /is a distribution list managed in Exchange/, /distribution list managed in Exchange/],
  ])('refuses %s with the reason, even for its owner, and changes nothing', async (_, group, owner, addWords, removeWords) => {
    h = await startOwnerHarness();
    const before = await h.state(group);
    const someMember = before.members.find((m) => m !== owner)!;

    expect((await h.say(owner, `add Rowan Pike to ${group}`)).text).toMatch(addWords);
    expect((await h.say(owner, `remove ${someMember} from ${group}`)).text).toMatch(removeWords);
    expect(await h.state(group)).toEqual(before);
    expect(h.changes).toEqual([]);
  });

  it('refuses someone who does not own the group, and nothing changes', async () => {
    h = await startOwnerHarness();
    const before = await h.state('Atlas Project');

    expect((await h.say('Rowan Pike', 'add Ada Ito to Atlas Project')).text).toBe('Only the owners of Atlas Project or an admin can add members.');
    expect((await h.say('Rowan Pike', 'remove Tomas Berg from Atlas Project')).text).toBe('Only the owners of Atlas Project or an admin can remove members.');
    expect(await h.state('Atlas Project')).toEqual(before);
    expect(h.changes).toEqual([]);
  });

  it('lets a Groups Administrator add to a group they do not own', async () => {
    h = await startOwnerHarness();
    expect((await h.say('Jordan Blake', 'add Rowan Pike to Atlas Project')).text).toMatch(/^Done/);
    expect((await h.state('Atlas Project')).members).toContain('Rowan Pike');
  });

  it('says so when there is nothing to do', async () => {
    h = await startOwnerHarness();
    const member = (await h.state('Atlas Project')).members.find((m) => m !== 'Ines Duarte')!;
    expect((await h.say('Ines Duarte', `add ${member} to Atlas Project`)).text).toBe(`${member} is already a member of Atlas Project.`);
    expect((await h.say('Ines Duarte', 'remove Ada Ito from Atlas Project')).text).toBe("Ada Ito isn't a member of Atlas Project, so there is nobody to remove.");
    expect(h.changes).toEqual([]);
  });

  it('finds the person by display name, mail, user principal name or mail nickname, and "me"', async () => {
    h = await startOwnerHarness();
    for (const typed of ['rowan pike', 'rowan.pike@contoso.example', 'rowanpike']) {
      expect((await h.say('Ines Duarte', `add ${typed} to Atlas Project`)).text).toMatch(/^Done — Rowan Pike is now a member/);
      await h.say('Ines Duarte', 'remove Rowan Pike from Atlas Project');
    }
    expect((await h.say('Ines Duarte', 'add Rowan Pyke to Atlas Project')).text).toMatch(/I couldn't find anyone called "Rowan Pyke". Did you mean Rowan Pike/);
  });

  it('still treats "add me to …" and "remove me from …" as asking to join and leaving', async () => {
    h = await startOwnerHarness();
    expect((await h.say('Rowan Pike', 'add me to Atlas Project')).text).toMatch(/I've asked the 2 owners of Atlas Project/);
    expect((await h.state('Atlas Project')).members).not.toContain('Rowan Pike');
    expect((await h.say('Kai Moreno', 'remove me from Lunch Club')).text).toBe("You've left Lunch Club.");
  });
});
