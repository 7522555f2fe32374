import * as AC from 'adaptivecards';
import { describe, expect, it } from 'vitest';
import { findBlockKitProblems } from '../../adapters/slack/find-block-kit-problems.js';
import type { CardView, RuleExplanationView, RulePreviewView, RuleProposalView } from '../../cards/card-view.js';
import { toAdaptiveCard, toBlockKit } from '../../cards/render-card.js';

const hostile = '<!channel> *Ada* <https://evil.example|Ito>';
const names = (n: number) => Array.from({ length: n }, (_, i) => `Person ${i + 1}`);

const preview: RulePreviewView = {
  kind: 'rulePreview',
  title: 'Rule preview · Sales US',
  rule: '(user.department -eq "Sales") -and (user.country -eq "US")',
  summary: 'Matches 1,284 of 52,310 users · checked in 38 ms',
  change: 'For Sales US: would add 37 · would remove 5 · unchanged 1,247',
  samples: [
    { label: 'Would add', names: [hostile, ...names(30)], more: 1_204 },
    { label: 'Would remove', names: ['Cara Diaz'], more: 4 },
  ],
  license: { text: 'Sales US assigns Office 365 E3 — 32 more seats needed, 20 free → 12 short.', tone: 'warning' },
  notes: [['The rule can’t decide for 3 users: a value it reads is missing.']],
  warnings: Array.from({ length: 7 }, (_, i) => `Warning ${i + 1}`),
};
const { kind: _kind, ...previewFields } = preview;
const proposal: RuleProposalView = {
  kind: 'ruleProposal', title: 'Rule proposal P-7F3A · Sales US', proposalId: 'P-7F3A', groupName: 'Sales US', proposedBy: 'Grace Kim',
  currentRule: 'user.department -eq "Sales"', preview: previewFields, state: { status: 'pending' },
};
const explanation: RuleExplanationView = {
  kind: 'ruleExplanation', title: 'Rowan Pike is not in Research New Zealand', tone: 'default',
  clauses: [
    { depth: 0, result: true, expression: 'user.department -eq "Research"', words: 'department is "Research"' },
    { depth: 0, result: null, expression: '(a -or b)', words: 'at least one of these must hold:' },
    { depth: 1, result: false, expression: 'user.country -eq "NZ"', words: 'country is "AU", not "NZ"' },
    { depth: 1, result: 'undetermined', expression: 'user.city -startsWith "Auck"', words: 'city has no value' },
  ],
  moreClauses: 2,
  footer: [['All conditions joined by -and must hold.']],
};

const texts = (value: unknown): string[] =>
  Array.isArray(value) ? value.flatMap(texts) : value && typeof value === 'object' ? Object.entries(value).flatMap(([k, v]) => (k === 'text' && typeof v === 'string' ? [v] : texts(v))) : [];
const adaptive = (view: CardView) => {
  const card = toAdaptiveCard(view);
  const context = new AC.SerializationContext();
  new AC.AdaptiveCard().parse(card, context);
  expect(context.eventCount).toBe(0);
  return { card, shown: texts(card).join('') };
};
const slack = (view: CardView) => {
  const message = toBlockKit(view);
  expect(findBlockKitProblems(message, 'message')).toEqual([]);
  expect(message.text).not.toMatch(/<!channel>|<https/);
  return { message, shown: texts(message.blocks).join('') };
};

describe('the rule preview card', () => {
  it('shows the rule, counts, the first ten names of each change and how many more, license impact and warnings', () => {
    for (const { shown } of [adaptive(preview), slack(preview)]) {
      expect(shown).toContain(preview.rule);
      expect(shown).toContain('Matches 1,284 of 52,310 users · checked in 38 ms');
      expect(shown).toContain('For Sales US: would add 37 · would remove 5 · unchanged 1,247');
      expect(shown).toContain(`Would add: ${[hostile, ...names(9)].join(', ')} and 1,225 more`);
      expect(shown).toContain('Would remove: Cara Diaz and 4 more');
      expect(shown).toContain('License: Sales US assigns Office 365 E3 — 32 more seats needed, 20 free → 12 short.');
      expect(shown).toContain('⚠ Warning 5');
      expect(shown).not.toContain('Warning 6');
      expect(shown).toContain('⚠ and 2 more warnings');
    }
  });
});

describe('the rule proposal card', () => {
  it('has Apply and Cancel carrying only the proposal id while pending', () => {
    const { card } = adaptive(proposal);
    expect(JSON.stringify(card)).toContain('"verb":"rule-proposal.apply","data":{"proposalId":"P-7F3A"}');
    expect(JSON.stringify(card)).toContain('"verb":"rule-proposal.cancel","data":{"proposalId":"P-7F3A"}');
    const { message, shown } = slack(proposal);
    expect(shown).toContain('Grace Kim proposes this rule for Sales US:');
    expect(shown).toContain('It replaces:user.department -eq "Sales"');
    expect(JSON.stringify(message.blocks)).toContain('"action_id":"rule-proposal.apply:0"');
  });

  it('shows who applied it and no buttons afterwards', () => {
    const applied: RuleProposalView = { ...proposal, state: { status: 'applied', by: 'Grace Kim', at: '14:02 UTC', detail: 'added 37 · removed 5' }, notice: ['Already applied by Grace Kim at 14:02 UTC.'] };
    const { card, shown } = adaptive(applied);
    expect(shown).toContain('✅ Applied by Grace Kim · 14:02 UTC — added 37 · removed 5');
    expect(JSON.stringify(card)).not.toContain('Action.Execute');
    expect(JSON.stringify(slack(applied).message.blocks)).not.toContain('"actions"');
  });
});

describe('the rule explanation card', () => {
  it('marks each clause with its result, indents nested clauses and counts the ones left out', () => {
    for (const { shown } of [adaptive(explanation), slack(explanation)]) {
      expect(shown).toContain('✅ user.department -eq "Research" — department is "Research"');
      expect(shown).toContain('\u00a0\u00a0\u00a0\u00a0❌ user.country -eq "NZ" — country is "AU", not "NZ"');
      expect(shown).toContain('❔ user.city -startsWith "Auck" — city has no value');
      expect(shown).toContain('… and 2 more clauses');
      expect(shown).toContain('All conditions joined by -and must hold.');
    }
  });
});
