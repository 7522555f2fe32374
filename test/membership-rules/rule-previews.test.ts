import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DirectoryUser } from '../../domain/model/directory-user.js';
import type { MessageView, RulePreviewView } from '../../cards/card-view.js';
import { sampleGroup, sampleTenantPath } from '../support/sample-tenant.js';
import { startRuleHarness, type RuleHarness } from './rule-harness.js';

const users = (JSON.parse(readFileSync(sampleTenantPath, 'utf8')) as { users: DirectoryUser[] }).users;
const byName = (a: string, b: string) => a.toLowerCase().localeCompare(b.toLowerCase());

let harness: RuleHarness;
beforeEach(async () => (harness = await startRuleHarness()));
afterEach(async () => harness.running.stop());

describe('preview rule', () => {
  it("compares Sales US's rule with its members: the counts a hand count over the sample tenant gives", async () => {
    const salesUs = users.filter((u) => u.department === 'Sales' && u.country === 'US');
    const members = new Set(sampleGroup('Sales US').members);
    const { cards, text } = await harness.say('Grace Kim', 'preview rule for Sales US');

    expect(cards[0]).toMatchObject({ kind: 'rulePreview', title: 'Rule preview · Sales US', rule: '(user.department -eq "Sales") -and (user.country -eq "US")' });
    expect(text).toMatch(new RegExp(`Matches ${salesUs.length} of ${users.length} users · checked in [\\d.]+ ms`));
    const adds = salesUs.filter((u) => !members.has(u.id)).length;
    const removes = [...members].filter((id) => !salesUs.some((u) => u.id === id)).length;
    expect(text).toContain(`For Sales US: would add ${adds} · would remove ${removes} · unchanged ${salesUs.length - adds}`);
  });

  it('previews a new rule over the whole directory, with the first names in display-name order', async () => {
    const expected = users.filter((u) => u.department === 'Research' || u.country === 'NZ').map((u) => u.displayName).sort(byName);
    const { cards, text } = await harness.say('Jordan Blake', 'preview rule (user.department -eq "Research") -or (user.country -eq "NZ")');

    expect(text).toContain(`Matches ${expected.length} of ${users.length} users`);
    expect((cards[0] as RulePreviewView).samples).toEqual([{ label: 'Matches', names: expected.slice(0, 10), more: Math.max(0, expected.length - 10) }]);
  });

  it('cuts long lists with a count, and shows the license impact of a group that assigns licenses', async () => {
    const research = users.filter((u) => u.department === 'Research');
    const allEmployees = new Set(sampleGroup('All Employees').members);
    const removed = [...allEmployees].filter((id) => !research.some((u) => u.id === id));
    const { text } = await harness.say('Alex Morgan', 'preview rule for All Employees');
    expect(text).toContain('For All Employees: would add 0 · would remove 0');

    const proposal = await harness.say('Alex Morgan', 'propose rule for All Employees: user.department -eq "Research"');
    expect(proposal.text).toContain(`would remove ${removed.length}`);
    expect(proposal.text).toMatch(new RegExp(`Would remove: (?:[^,]+, ){9}[^,]+ and ${removed.length - 10} more`));
    expect(proposal.text).toMatch(/License: All Employees assigns Office 365 E3 — .*\d+ seats freed\./);
  });

  it("shows the engine's warnings, and counts users the rule can't decide for apart", async () => {
    const { cards } = await harness.say('Alex Morgan', 'preview rule user.jobTitle -contains "Manager"');
    const view = cards[0] as RulePreviewView;
    expect(view.warnings.join(' ')).toMatch(/-contains/);
    const missing = await harness.say('Alex Morgan', 'preview rule user.extensionAttribute2 -startsWith "CC"');
    const without = users.filter((u) => (u.onPremisesExtensionAttributes as Record<string, unknown> | undefined)?.extensionAttribute2 == null).length;
    expect(without).toBeGreaterThan(0);
    expect(missing.text).toContain(`The rule can't decide for ${without} users: a value it reads is missing.`);
  });

  it('points at the part of a rule that does not parse, with a caret under it', async () => {
    const { cards } = await harness.say('Alex Morgan', 'preview rule user.department -equals "Sales"');
    const card = cards[0] as MessageView;
    expect(card.preformatted).toBe('user.department -equals "Sales"\n                ^^^^^^^');
    expect(card.lines.flat()).toContain('Unknown operator -equals — did you mean -eq?');
  });

  it('keeps the caret under the error on a long line by cutting around it', async () => {
    const rule = `${Array.from({ length: 8 }, (_, i) => `(user.extensionAttribute${i + 1} -eq "x")`).join(' -or ')} -or (user.departmnet -eq "Sales")`;
    const { cards } = await harness.say('Alex Morgan', `preview rule ${rule}`);
    const [line, carets] = (cards[0] as MessageView).preformatted!.split('\n') as [string, string];
    expect(line.length).toBeLessThanOrEqual(74);
    expect(line.slice(carets.indexOf('^'), carets.length)).toBe('user.departmnet');
  });

  it('is for admins and owners of dynamic groups; a group preview for that group’s owners and admins', async () => {
    expect((await harness.say('Rowan Pike', 'preview rule user.department -eq "Sales"')).text).toMatch(/Rule previews are for admins and owners of dynamic groups/);
    expect((await harness.say('Ines Duarte', 'preview rule user.department -eq "Sales"')).text).toContain('Matches');
    expect((await harness.say('Ines Duarte', 'preview rule for Sales US')).text).toMatch(/Only the owners of Sales US and admins can preview its rule/);
    expect((await harness.say('Riley Chen', 'preview rule for Sales US')).text).toContain('For Sales US');
  });

  it('says so for a group without a rule, and reads the snapshot again after an attribute changes', async () => {
    expect((await harness.say('Alex Morgan', 'preview rule for Atlas Project')).text).toMatch(/isn't a dynamic group/);
    const before = (await harness.say('Alex Morgan', 'preview rule user.country -eq "NZ"')).text;
    await harness.say('Alex Morgan', 'set Rowan Pike country NZ');
    const after = (await harness.say('Alex Morgan', 'preview rule user.country -eq "NZ"')).text;
    const count = (text: string) => Number(/Matches (\d+)/.exec(text)![1]);
    expect(count(after)).toBe(count(before) + 1);
  });
});
