import { afterEach, describe, expect, it } from 'vitest';
import type { Directory } from '../../domain/ports/directory.js';
import { tempSqliteUrl } from '../support/temp-store-url.js';
import { startRuleHarness, type RuleHarness } from './rule-harness.js';

const harnesses: RuleHarness[] = [];
afterEach(async () => {
  for (const h of harnesses.splice(0)) await h.running.stop();
});

/** Counts the whole-directory listings an instance makes. */
function countListings(directory: Directory) {
  const counts = { users: 0, groups: 0 };
  const [listUsers, listGroups] = [directory.listUsers.bind(directory), directory.listGroups.bind(directory)];
  directory.listUsers = () => (counts.users++, listUsers());
  directory.listGroups = () => (counts.groups++, listGroups());
  return counts;
}

describe("another instance's rule caches", () => {
  it('take in a user attribute and a rule changed on one instance by reading just that user and that group, not the whole directory', async () => {
    const storeUrl = tempSqliteUrl();
    const a = await startRuleHarness({}, { STORE_URL: storeUrl });
    const b = await startRuleHarness({}, { STORE_URL: storeUrl });
    harnesses.push(a, b);
    const bRules = b.running.gate.membershipRules;
    // B has its snapshot and rule index, as after its first preview.
    expect((await b.say('Alex Morgan', 'preview rule user.country -eq "NZ"')).text).not.toMatch(/Rowan Pike/);
    await bRules.rules.current();
    const listings = countListings(b.running.gate.directory);

    await a.say('Alex Morgan', 'set Rowan Pike country NZ');
    expect((await b.say('Alex Morgan', 'preview rule user.country -eq "NZ"')).text).toMatch(/Rowan Pike/);

    const { cards } = await a.say('Ines Duarte', 'propose rule for Research New Zealand: user.country -eq "AU"');
    await a.click('Ines Duarte', a.proposal(cards).proposalId, 'apply');
    const rules = await bRules.rules.current();
    const group = [...rules.groups.values()].find((entry) => entry.group.displayName === 'Research New Zealand');
    expect(group?.group.membershipRule).toBe('user.country -eq "AU"');

    expect(listings).toEqual({ users: 0, groups: 0 });
    expect(bRules.rules).toMatchObject({ builds: 1, patches: 1 });
  });
});
