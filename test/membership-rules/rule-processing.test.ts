import { afterEach, describe, expect, it } from 'vitest';
import { EmbeddedDirectory } from '../../adapters/directory/embedded/embedded-directory.js';
import { createStore } from '../../adapters/store/create-store.js';
import type { Directory } from '../../domain/ports/directory.js';
import type { Store } from '../../domain/ports/store.js';
import { days } from '../support/manual-clock.js';
import { person, sampleGroup, sampleTenantPath } from '../support/sample-tenant.js';
import { tempSqliteUrl } from '../support/temp-store-url.js';
import { startRuleHarness, type RuleHarness } from './rule-harness.js';

let harness: RuleHarness | undefined;
let ownStore: Store | undefined;
afterEach(async () => {
  await harness?.running.stop();
  await ownStore?.close();
  harness = ownStore = undefined;
});

describe('set <person> <attribute> <value>', () => {
  it('puts Rowan Pike in Research New Zealand, evaluating only the groups whose rules read country', async () => {
    harness = await startRuleHarness();
    const rules = harness.running.gate.membershipRules;
    const before = rules.groupsEvaluated;
    const { text } = await harness.say('Alex Morgan', 'set Rowan Pike country NZ');

    expect(text).toBe([
      "Rowan Pike's country is now NZ (was AU).",
      'Checked the 2 dynamic groups whose rules read country: Research New Zealand and Sales US.',
      'Added to Research New Zealand.',
    ].join('\n'));
    expect(rules.groupsEvaluated - before).toBe(2);
    expect((await rules.rules.current()).index.groupsReading(['country']).sort()).toEqual([sampleGroup('Research New Zealand').id, sampleGroup('Sales US').id].sort());
    expect(await harness.members('Research New Zealand')).toEqual(['Liam Walker', 'Mere Tane', 'Rowan Pike']);
    expect(harness.changes).toEqual([{ groupId: sampleGroup('Research New Zealand').id, userId: person('Rowan Pike').id, change: 'added', cause: 'membershipRule' }]);
  });

  it("takes a person out of groups whose rules stop matching, and leaves paused groups untouched", async () => {
    harness = await startRuleHarness();
    const { text } = await harness.say('Jordan Blake', 'set Rowan Pike userType Guest');
    // External Collaborators (user.userType -eq "Guest") reads userType too, but its processing is paused.
    expect(text).toContain('Checked the one dynamic group whose rule reads userType: All Employees.');
    expect(text).toContain('Removed from All Employees.');
    expect(await harness.members('External Collaborators')).not.toContain('Rowan Pike');
    expect(harness.changes).toEqual([{ groupId: sampleGroup('All Employees').id, userId: person('Rowan Pike').id, change: 'removed', cause: 'membershipRule' }]);
  });

  it('sets extension attributes inside onPremisesExtensionAttributes, and clears values', async () => {
    harness = await startRuleHarness();
    expect((await harness.say('Alex Morgan', 'set Rowan Pike extensionAttribute3 Contractor')).text).toMatch(/^Rowan Pike's extensionAttribute3 is now Contractor \(was empty\)\.\nNo dynamic group's rule reads extensionAttribute3/);
    const rowan = await harness.running.gate.directory.getUser(person('Rowan Pike').id);
    expect(rowan?.onPremisesExtensionAttributes).toMatchObject({ extensionAttribute1: person('Rowan Pike').onPremisesExtensionAttributes && (person('Rowan Pike').onPremisesExtensionAttributes as Record<string, unknown>).extensionAttribute1, extensionAttribute3: 'Contractor' });
    expect((await harness.say('Alex Morgan', 'set Rowan Pike department clear')).text).toMatch(/department is now empty \(was Research\)/);
  });

  it('is for User, Groups and Global Administrators only, and changes nothing otherwise', async () => {
    harness = await startRuleHarness();
    for (const name of ['Rowan Pike', 'Riley Chen', 'Ines Duarte']) {
      expect((await harness.say(name, 'set Rowan Pike country NZ')).text).toMatch(/Only a User, Groups or Global Administrator/);
    }
    expect((await harness.running.gate.directory.getUser(person('Rowan Pike').id))?.country).toBe('AU');
    expect(harness.changes).toEqual([]);
  });

  it('says which values an attribute takes', async () => {
    harness = await startRuleHarness();
    expect((await harness.say('Alex Morgan', 'set Rowan Pike usageLocation New Zealand')).text).toBe('usageLocation takes a two-letter country code such as NZ.');
    expect((await harness.say('Alex Morgan', 'set Rowan Pike shoeSize 44')).text).toMatch(/Attributes: department, country, jobTitle/);
  });
});

describe('the rule index', () => {
  it('is built once for many changes, and a changed rule is patched in without listing every group', async () => {
    harness = await startRuleHarness();
    const rules = harness.running.gate.membershipRules.rules;
    await harness.say('Alex Morgan', 'set Rowan Pike country NZ');
    await harness.say('Alex Morgan', 'set Mere Tane country AU');
    expect(rules.builds).toBe(1);
    const { cards } = await harness.say('Ines Duarte', 'propose rule for Research New Zealand: user.country -eq "AU"');
    await harness.click('Ines Duarte', harness.proposal(cards).proposalId, 'apply');
    await harness.say('Alex Morgan', 'set Ava Wilson department Research');
    expect(rules).toMatchObject({ builds: 1, patches: 1 });
    // Country AU now: Ava Wilson, and Mere Tane since her change; Rowan Pike moved to NZ.
    expect(await harness.members('Research New Zealand')).toEqual(['Ava Wilson', 'Mere Tane']);
  });
});

describe('rules that read the clock', () => {
  it('change membership with time alone, on the scheduled sweep', async () => {
    harness = await startRuleHarness();
    await harness.say('Alex Morgan', 'set Rowan Pike employeeHireDate 2026-12-10');
    const { cards } = await harness.say('Ines Duarte', 'propose rule for Research New Zealand: user.employeeHireDate -ge system.now');
    expect(harness.proposal(cards).preview.notes.flat().join(' ')).toContain('system.now stood for 2026-11-30 09:00 UTC.');
    await harness.click('Ines Duarte', harness.proposal(cards).proposalId, 'apply');
    expect(await harness.members('Research New Zealand')).toEqual(['Rowan Pike']);

    harness.clock.advance(days(9));
    await harness.running.gate.membershipRules.sweep();
    expect(await harness.members('Research New Zealand')).toEqual(['Rowan Pike']);
    harness.clock.advance(days(2));
    await harness.running.gate.membershipRules.sweep();
    expect(await harness.members('Research New Zealand')).toEqual([]);
    expect(harness.changes.at(-1)).toMatchObject({ userId: person('Rowan Pike').id, change: 'removed', cause: 'membershipRule' });
  });
});

describe('under a directory that processes rules itself (Entra)', () => {
  it('writes no membership, but keeps previews and explanations current with the change feed', async () => {
    ownStore = await createStore(tempSqliteUrl());
    const embedded = await EmbeddedDirectory.open(ownStore, sampleTenantPath);
    const entraLike: Directory = Object.assign(Object.create(embedded) as Directory, { processesMembershipRules: true });
    harness = await startRuleHarness({ directory: entraLike });
    const { gate } = harness.running;
    const before = await harness.say('Alex Morgan', 'preview rule for Research New Zealand');
    expect(before.text).toContain('would add 0');
    expect(before.text).toContain('Entra ID processes this group');

    await embedded.updateUser(person('Rowan Pike').id, { country: 'NZ' });
    await gate.membershipRules.directoryChanged({ users: [{ userId: person('Rowan Pike').id, change: 'updated', fields: ['country'] }], groups: [] });

    expect(gate.membershipRules.groupsEvaluated).toBe(2);
    expect(await harness.members('Research New Zealand')).toEqual(['Liam Walker', 'Mere Tane']);
    expect(harness.changes).toEqual([]);
    expect((await harness.say('Alex Morgan', 'preview rule for Research New Zealand')).text).toContain('Would add: Rowan Pike');
    expect((await harness.say('Alex Morgan', 'check Rowan Pike against Research New Zealand')).text).toMatch(/^The rule matches Rowan Pike, who isn't in Research New Zealand yet/);
  });
});
