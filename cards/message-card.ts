import { adaptiveCard } from './adaptive-card.js';
import type { SlackMessage } from './adaptive-card.js';
import { adaptiveActionSet, slackActions } from './card-buttons.js';
import { plainText, type MessageView } from './card-view.js';
import { adaptiveHeading, adaptiveRichText, clip, escapeMrkdwn, slackRichText } from './rich-text.js';

// Non-breaking spaces keep the caret under the right column in renderers that fold spaces.
const keepSpaces = (text: string) => text.replace(/ /g, '\u00a0');

/** A reply in words, as an Adaptive Card. */
export function messageCard(view: MessageView) {
  return adaptiveCard([
    ...(view.title ? [adaptiveHeading(view.title, view.tone)] : []),
    ...(view.preformatted ? [{ type: 'RichTextBlock', inlines: [{ type: 'TextRun', text: keepSpaces(view.preformatted), fontType: 'Monospace' }] }] : []),
    ...view.lines.map((line) => ({ ...adaptiveRichText(line, view.title ? {} : { tone: view.tone ?? 'default' }), spacing: 'Small' })),
    ...adaptiveActionSet(view.buttons),
  ]);
}

/** A reply in words, as Slack Block Kit. */
export function messageBlocks(view: MessageView): SlackMessage {
  const blocks = [
    ...(view.title ? [{ type: 'header', text: { type: 'plain_text', text: clip(view.title, 150), emoji: true } }] : []),
    ...(view.preformatted ? [{ type: 'rich_text', elements: [{ type: 'rich_text_preformatted', elements: [{ type: 'text', text: clip(view.preformatted, 2900) }] }] }] : []),
    ...(view.lines.length > 0 ? [slackRichText(view.lines)] : []),
    ...slackActions(view.buttons, 'buttons'),
  ];
  return { text: escapeMrkdwn(clip([view.title, ...view.lines.map(plainText)].filter(Boolean).join('\n'), 3000)), blocks };
}
