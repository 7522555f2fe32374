import { afterEach, describe, expect, it } from 'vitest';
import { groupId, userId } from '../../domain/model/ids.js';
import { sampleGroup } from '../support/sample-tenant.js';
import { startOwnerHarness, type OwnerHarness } from './owner-harness.js';

let h: OwnerHarness | undefined;
afterEach(async () => h?.running.stop());

describe('owners of a group', () => {
  it('lists them for anyone; only owners and admins get the buttons to manage them', async () => {
    h = await startOwnerHarness();
    const asOwner = await h.say('Ines Duarte', 'who owns Atlas Project?');
    expect(asOwner.text).toBe('Owners of Atlas Project\n2 of at most 100 owners.\nInes Duarte — Research Lead · ines.duarte@contoso.example\nTomas Berg — Principal Scientist · tomas.berg@contoso.example');
    const rows = (cards: typeof asOwner.cards) => (cards[0]!.kind === 'list' ? cards[0]!.rows : []);
    expect(rows(asOwner.cards)[0]!.buttons).toEqual([{ action: 'run', title: 'Remove as owner', command: 'remove owner ines.duarte@contoso.example from Atlas Project' }]);
    expect(rows((await h.say('Rowan Pike', 'owners Atlas Project')).cards).every((row) => row.buttons?.length === 0)).toBe(true);
  });

  it('an owner adds an owner, who is told; a dynamic group takes owners too', async () => {
    h = await startOwnerHarness();
    expect((await h.say('Ines Duarte', 'add owner Rowan Pike to Atlas Project')).text).toBe('Rowan Pike now owns Atlas Project.');
    await h.gate.background.idle();
    expect((await h.state('Atlas Project')).owners).toEqual(['Ines Duarte', 'Rowan Pike', 'Tomas Berg']);
    expect(h.sentTo('Rowan Pike')).toContain('Ines Duarte made you an owner of Atlas Project');

    expect((await h.say('Ines Duarte', 'make Mere Tane an owner of Research New Zealand')).text).toBe('Mere Tane now owns Research New Zealand.');
    expect((await h.say('Priya Raman', 'add owner Ada Ito to Finance Vault')).text).toMatch(/managed in your on-premises Active Directory/);
  });

  it('refuses someone who does not own the group, and nothing changes', async () => {
    h = await startOwnerHarness();
    const before = await h.state('Atlas Project');
    expect((await h.say('Rowan Pike', 'add owner Rowan Pike to Atlas Project')).text).toBe('Only the owners of Atlas Project or an admin can change its owners.');
    expect((await h.say('Rowan Pike', 'remove owner Tomas Berg from Atlas Project')).text).toBe('Only the owners of Atlas Project or an admin can change its owners.');
    expect(await h.state('Atlas Project')).toEqual(before);
  });

  it('never leaves a group without owners unless an admin does it', async () => {
    h = await startOwnerHarness();
    const before = await h.state('Lunch Club');
    expect((await h.say('Kai Moreno', 'remove owner Kai Moreno from Lunch Club')).text).toBe(
      'Kai Moreno is the last owner of Lunch Club. Add another owner first — only an admin can leave a group without owners.',
    );
    expect(await h.state('Lunch Club')).toEqual(before);

    expect((await h.say('Ines Duarte', 'remove Tomas Berg as owner of Atlas Project')).text).toBe('Tomas Berg no longer owns Atlas Project.');
    expect((await h.say('Ines Duarte', 'remove owner me from Atlas Project')).text).toMatch(/Ines Duarte is the last owner of Atlas Project/);

    expect((await h.say('Alex Morgan', 'remove owner Kai Moreno from Lunch Club')).text).toBe(
      'Kai Moreno no longer owns Lunch Club.\nLunch Club has no owners now: join requests go to the admins.',
    );
    expect((await h.state('Lunch Club')).owners).toEqual([]);
  });

  it('puts back an owner when two owners removing each other at once would leave none', async () => {
    h = await startOwnerHarness();
    const replies = await Promise.all([h.say('Ines Duarte', 'remove owner Tomas Berg from Atlas Project'), h.say('Tomas Berg', 'remove owner Ines Duarte from Atlas Project')]);
    expect((await h.state('Atlas Project')).owners.length).toBeGreaterThan(0);
    expect(replies.some((reply) => /is the last owner of Atlas Project/.test(reply.text))).toBe(true);
  });

  it('stops at 100 owners, Entra\'s limit', async () => {
    h = await startOwnerHarness();
    const atlas = groupId(sampleGroup('Atlas Project').id);
    for (let i = 0; i < 98; i++) await h.gate.directory.addOwner(atlas, userId(`00000000-0000-4000-8000-${String(i).padStart(12, '0')}`));
    expect((await h.gate.directory.listOwners(atlas)).length).toBe(100);

    expect((await h.say('Ines Duarte', 'add owner Rowan Pike to Atlas Project')).text).toBe('Atlas Project already has 100 owners, the most a group can have. Remove one first.');
    expect((await h.gate.directory.listOwners(atlas)).length).toBe(100);
    await h.say('Ines Duarte', 'remove owner Tomas Berg from Atlas Project');
    expect((await h.say('Ines Duarte', 'add owner Rowan Pike to Atlas Project')).text).toBe('Rowan Pike now owns Atlas Project.');
  });
});
