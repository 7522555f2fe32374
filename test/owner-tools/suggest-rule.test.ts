import { afterEach, describe, expect, it } from 'vitest';
import { userId } from '../../domain/model/ids.js';
import { startOwnerHarness, type OwnerHarness } from './owner-harness.js';

let h: OwnerHarness | undefined;
afterEach(async () => h?.running.stop());

/** A static group holding exactly the users `pick` chooses, owned by Ines Duarte. */
async function staticCopy(harness: OwnerHarness, name: string, pick: (user: Record<string, unknown>) => boolean): Promise<string[]> {
  await harness.say('Ines Duarte', `create group ${name}`);
  const group = await harness.group(name);
  const chosen = (await harness.gate.directory.listUsers()).filter(pick);
  for (const user of chosen) await harness.gate.directory.addMember(group.id, user.id);
  if (!chosen.some((u) => u.displayName === 'Ines Duarte')) await harness.gate.directory.removeMember(group.id, userId(chosen[0]!.id));
  return chosen.map((u) => u.displayName);
}

describe('suggest rule for <group>', () => {
  it('finds the rule behind a static copy of "everyone in Research", and previews it as an exact fit', async () => {
    h = await startOwnerHarness();
    const members = await staticCopy(h, 'Research Copy', (u) => u['department'] === 'Research');
    const reply = await h.say('Ines Duarte', 'suggest rule for Research Copy');

    expect(reply.cards[0]).toMatchObject({ kind: 'rulePreview', title: 'Suggested rule · Research Copy', rule: 'user.department -eq "Research"' });
    expect(reply.text).toContain('For Research Copy: would add 0 · would remove 0 · unchanged ' + members.length);
    expect(reply.text).toContain(`This rule reproduces its ${members.length} members exactly.`);
  });

  it('offers the closest rule for a group no rule reproduces, naming who it would leave out and take in', async () => {
    h = await startOwnerHarness();
    await staticCopy(h, 'Mostly Research', (u) => (u['department'] === 'Research' && u['displayName'] !== 'Liam Walker') || u['displayName'] === 'Isabel Costa');
    const reply = await h.say('Ines Duarte', 'suggest a rule for Mostly Research');

    expect(reply.text).toMatch(/No rule over common attributes reproduces it exactly; this is the closest/);
    expect(reply.cards[0]).toMatchObject({ rule: 'user.department -eq "Research"' });
    expect(reply.text).toContain('For Mostly Research: would add 1 · would remove 1 · unchanged 5');
    expect(reply.text).toContain('it keeps 83% of the members, and 83% of the people it selects are members now.');
    expect(reply.text).toContain('It would leave out Isabel Costa.');
    expect(reply.text).toContain('It would take in Liam Walker.');
  });

  it('says so when the members share no pattern a simple rule could use', async () => {
    h = await startOwnerHarness();
    expect((await h.say('Kai Moreno', 'suggest rule for Lunch Club')).text).toBe(
      "Lunch Club's members share no department, country, job title or other common attribute that a simple rule could use, so it's best kept as an assigned group.",
    );
  });

  it('is for owners and admins of static groups', async () => {
    h = await startOwnerHarness();
    expect((await h.say('Rowan Pike', 'suggest rule for Atlas Project')).text).toBe('Only the owners of Atlas Project and admins can ask for a rule suggestion.');
    expect((await h.say('Ines Duarte', 'suggest rule for Research New Zealand')).text).toBe('Research New Zealand already fills itself from a rule: (user.department -eq "Research") -and (user.country -eq "NZ")');
    expect((await h.say('Priya Raman', 'suggest rule for Finance Vault')).text).toMatch(/managed in your on-premises Active Directory/);
    expect((await h.say('Jordan Blake', 'suggest rule for Atlas Project')).cards[0]).toMatchObject({ kind: 'rulePreview' });
  });
});
