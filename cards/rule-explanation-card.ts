import { adaptiveCard, type SlackMessage } from './adaptive-card.js';
import { adaptiveHeading, adaptiveRichText, clip, escapeMrkdwn, slackRichText } from './rich-text.js';
import type { Line, RuleClauseLine, RuleExplanationView } from './card-view.js';

const marks = { true: '✅', false: '❌', undetermined: '❔' } as const;
// Non-breaking spaces: both platforms fold ordinary leading spaces, which would flatten the nesting.
const indent = (depth: number) => '\u00a0\u00a0\u00a0\u00a0'.repeat(depth);

/** `✅ user.department -eq "Research" — department is "Research"`, indented by nesting. */
export function clauseLine(clause: RuleClauseLine): Line {
  if (clause.result === null) return [indent(clause.depth), clause.words];
  return [`${indent(clause.depth)}${marks[String(clause.result) as keyof typeof marks]} `, { code: clip(clause.expression, 300) }, ` — ${clause.words}`];
}

const lines = (view: RuleExplanationView): Line[] => [
  ...view.clauses.map(clauseLine),
  ...(view.moreClauses > 0 ? [[`… and ${view.moreClauses.toLocaleString('en-US')} more clauses`]] : []),
  ...view.footer,
];

/** An explanation as an Adaptive Card: the verdict, then every clause with its result and the value read. */
export function ruleExplanationCard(view: RuleExplanationView) {
  return adaptiveCard([
    adaptiveHeading(view.title, view.tone),
    ...lines(view).map((line) => ({ ...adaptiveRichText(line), spacing: 'Small' })),
  ]);
}

/** An explanation as Slack Block Kit. */
export function ruleExplanationBlocks(view: RuleExplanationView): SlackMessage {
  const blocks = [{ type: 'header', text: { type: 'plain_text', text: clip(view.title, 150), emoji: true } }, slackRichText(lines(view))];
  return { text: escapeMrkdwn(clip(view.title, 3000)), blocks };
}
