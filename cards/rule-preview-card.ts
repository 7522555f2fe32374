import { adaptiveCard, type SlackMessage } from './adaptive-card.js';
import type { Line, NameSample, RulePreviewView, Tone } from './card-view.js';
import { adaptiveHeading, adaptiveRichText, clip, escapeMrkdwn, slackRichText } from './rich-text.js';

// Names are cut at the card, too: a view built elsewhere may carry more than a chat card should show.
const maxNames = 10;
const maxWarnings = 5;
// A rule may be 3,072 characters; Slack's preformatted text stays well within a block's 3,000.
const maxRuleShown = 2_900;

/** "Would add: Ada Ito, Ben Ortiz and 27 more" (counts with thousands separators). */
export function sampleLine(sample: NameSample): Line {
  const names = sample.names.slice(0, maxNames);
  const more = sample.more + sample.names.length - names.length;
  const tail = more > 0 ? `${names.length > 0 ? ' and ' : ''}${more.toLocaleString('en-US')} more` : '';
  return [{ bold: `${sample.label}: ` }, `${names.join(', ')}${tail}`];
}

/** A preview's lines under its rule, each with the tone it is shown in. */
export function previewLines(view: Omit<RulePreviewView, 'kind'>): { readonly line: Line; readonly tone: Tone }[] {
  const warnings = view.warnings.slice(0, maxWarnings);
  const moreWarnings = view.warnings.length - warnings.length;
  return [
    { line: [view.summary], tone: 'default' },
    ...(view.change ? [{ line: [{ bold: view.change }], tone: 'default' as const }] : []),
    ...view.samples.map((sample) => ({ line: sampleLine(sample), tone: 'default' as const })),
    ...(view.license ? [{ line: [`License: ${view.license.text}`], tone: view.license.tone }] : []),
    ...view.notes.map((line) => ({ line, tone: 'default' as const })),
    ...warnings.map((warning) => ({ line: [`⚠ ${warning}`], tone: 'warning' as const })),
    ...(moreWarnings > 0 ? [{ line: [`⚠ and ${moreWarnings} more warnings`], tone: 'warning' as const }] : []),
  ];
}

/** The rule itself, monospaced, as Adaptive Card body elements. */
export const adaptiveRule = (rule: string) => ({ type: 'RichTextBlock', inlines: [{ type: 'TextRun', text: clip(rule, maxRuleShown), fontType: 'Monospace' }] });

/** The rule itself, monospaced, as a Slack block. */
export const slackRule = (rule: string) => ({ type: 'rich_text', elements: [{ type: 'rich_text_preformatted', elements: [{ type: 'text', text: clip(rule, maxRuleShown) }] }] });

/** The preview's body (rule and lines) as Adaptive Card elements, shared with the proposal card. */
export const adaptivePreviewBody = (view: Omit<RulePreviewView, 'kind'>) => [
  adaptiveRule(view.rule),
  ...previewLines(view).map(({ line, tone }) => ({ ...adaptiveRichText(line, { tone }), spacing: 'Small' })),
];

/** The preview's body as Slack blocks, shared with the proposal card. */
export const slackPreviewBody = (view: Omit<RulePreviewView, 'kind'>) => [slackRule(view.rule), slackRichText(previewLines(view).map(({ line }) => line))];

/** A rule preview as an Adaptive Card (Teams, web chat). */
export function rulePreviewCard(view: RulePreviewView) {
  return adaptiveCard([adaptiveHeading(view.title), ...adaptivePreviewBody(view)]);
}

/** A rule preview as Slack Block Kit. */
export function rulePreviewBlocks(view: RulePreviewView): SlackMessage {
  const blocks = [{ type: 'header', text: { type: 'plain_text', text: clip(view.title, 150), emoji: true } }, ...slackPreviewBody(view)];
  return { text: escapeMrkdwn(clip(`${view.title}: ${view.summary}${view.change ? ` — ${view.change}` : ''}`, 3000)), blocks };
}
