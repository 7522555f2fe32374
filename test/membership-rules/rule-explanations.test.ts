import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MessageView, RuleExplanationView } from '../../cards/card-view.js';
import { person } from '../support/sample-tenant.js';
import { startRuleHarness, type RuleHarness } from './rule-harness.js';

let harness: RuleHarness;
beforeEach(async () => (harness = await startRuleHarness()));
afterEach(async () => harness.running.stop());

const explanationOfRowan = [
  'Rowan Pike is not in Research New Zealand',
  '✅ user.department -eq "Research" — department is "Research"',
  '❌ user.country -eq "NZ" — country is "AU", not "NZ"',
  'All conditions joined by -and must hold.',
].join('\n');

describe('check <person> against <group>', () => {
  it('shows each clause with its result and the value it read', async () => {
    const { cards, text } = await harness.say('Ines Duarte', 'check Rowan Pike against Research New Zealand');
    expect(text).toBe(explanationOfRowan);
    expect(cards[0]).toMatchObject({ kind: 'ruleExplanation', tone: 'default', moreClauses: 0 });
  });

  it('understands "why isn\'t <person> in <group>", and names people by mail, UPN or mail nickname', async () => {
    expect((await harness.say('Alex Morgan', "why isn't Rowan Pike in Research New Zealand?")).text).toBe(explanationOfRowan);
    expect((await harness.say('Alex Morgan', 'check rowan.pike@contoso.example against Research New Zealand')).text).toBe(explanationOfRowan);
    expect((await harness.say('Alex Morgan', 'check rowanpike against research new zealand')).text).toBe(explanationOfRowan);
  });

  it('lets anyone check themselves, and only owners and admins check others', async () => {
    // Said to the person it is about (issue 18): "You're not in …", not their own name.
    const toRowan = explanationOfRowan.replace('Rowan Pike is not in', "You're not in");
    expect((await harness.say('Rowan Pike', 'check me against Research New Zealand')).text).toBe(toRowan);
    expect((await harness.say('Rowan Pike', 'why am I not in Research New Zealand')).text).toBe(toRowan);
    expect((await harness.say('Rowan Pike', 'check me against Atlas Project')).text).toMatch(/Atlas Project isn't a dynamic group.* You're not a member\./);
    expect((await harness.say('Rowan Pike', 'check Mere Tane against Research New Zealand')).text).toMatch(/You can check yourself/);
  });

  it('says who matches, nested clauses indented, and -or joins', async () => {
    const { cards } = await harness.say('Alex Morgan', 'check Omar Haddad against Engineering Managers');
    const view = cards[0] as RuleExplanationView;
    expect(view.title).toBe('Omar Haddad is in Engineering Managers');
    expect(((await harness.say('Omar Haddad', 'check Omar Haddad against Engineering Managers')).cards[0] as RuleExplanationView).title).toBe("You're in Engineering Managers");
    expect(view.clauses.map((c) => c.result)).toEqual([true, true]);
    expect(view.clauses[1]!.words).toBe('jobTitle is "Engineering Manager", which contains "Manager"');
  });

  it('offers a pick list when a name fits several people, and the nearest names when none does', async () => {
    const several = await harness.say('Alex Morgan', 'check Tanaka against Research New Zealand');
    expect(several.text).toMatch(/Several people match "Tanaka"/);
    expect((several.cards[0] as MessageView).buttons).toEqual([
      expect.objectContaining({ action: 'run', command: 'check yuki.tanaka@contoso.example against Research New Zealand' }),
      expect.objectContaining({ action: 'run', command: `check ${person('Rui Tanaka').mail} against Research New Zealand` }),
    ]);
    expect((await harness.say('Alex Morgan', 'check Rowan Pyke against Research New Zealand')).text).toMatch(/I couldn't find anyone called "Rowan Pyke". Did you mean Rowan Pike\?/);
  });

  it("says a group that isn't dynamic has no rule", async () => {
    expect((await harness.say('Alex Morgan', 'check Rowan Pike against Atlas Project')).text).toMatch(/Atlas Project isn't a dynamic group.*Rowan Pike isn't a member/);
  });
});

describe('the join refusal for a dynamic group', () => {
  it('says in words which clause the person fails', async () => {
    const { text } = await harness.say('Rowan Pike', 'join Research New Zealand');
    expect(text).toBe("Research New Zealand fills itself from a rule, so nobody can be added by hand.\nYou're not in it because your country is AU, and the rule needs NZ.");
  });

  it('names every failing clause', async () => {
    const { cards } = await harness.say('Rowan Pike', 'join Sales US');
    expect((cards[0] as MessageView).lines[1]).toEqual([
      "You're not in it because ", 'your department is ', { italic: 'Research' }, ', and the rule needs ', { italic: 'Sales' },
      '; and ', 'your country is ', { italic: 'AU' }, ', and the rule needs ', { italic: 'US' }, '.',
    ]);
  });
});
