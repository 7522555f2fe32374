import { adaptiveCard, type SlackMessage } from './adaptive-card.js';
import { adaptiveAction, slackActions } from './card-buttons.js';
import { maxReasonLength } from './card-buttons.js';
import type { CardButton, ReviewRowView, ReviewView } from './card-view.js';
import { adaptiveHeading, adaptiveRichText, adaptiveSubtle, clip, escapeMrkdwn, slackRichText } from './rich-text.js';

/**
 * Members shown per card page. Slack allows 50 blocks a message: a member takes two (facts, then
 * Keep / Remove) and the frame at most six, so ten members stay well inside; ten rows with their
 * inputs also keep a Teams card far below its 28 KB.
 */
export const reviewPageSize = 10;

/** A reviewer's access-review card as an Adaptive Card (Teams, the web chat). */
export function reviewCard(view: ReviewView) {
  return adaptiveCard([
    ...(view.notice ? [adaptiveRichText(view.notice, { tone: 'attention' })] : []),
    adaptiveHeading(view.title),
    ...view.intro.map((line) => ({ ...adaptiveRichText(line), spacing: 'Small' })),
    adaptiveRichText([view.summary.text], { bold: true, tone: view.summary.tone }),
    ...(view.pageLine ? [adaptiveSubtle(view.pageLine)] : []),
    ...view.rows.map((row) => ({ type: 'Container', separator: true, items: adaptiveRow(row) })),
    ...(view.buttons.length > 0 ? [{ type: 'ActionSet', actions: view.buttons.map((b) => adaptiveAction(b)) }] : []),
  ]);
}

function adaptiveRow(row: ReviewRowView) {
  return [
    adaptiveRichText([{ bold: row.name }]),
    ...(row.facts.length > 0 ? [adaptiveSubtle(row.facts.join(' · '))] : []),
    ...row.flags.map((flag) => ({ ...adaptiveRichText([`⚠ ${flag}`], { tone: 'warning' }), spacing: 'None' })),
    ...(row.state ? [adaptiveRichText([row.state.text], { tone: row.state.tone })] : []),
    ...(row.buttons.length > 0 ? [{ type: 'ActionSet', actions: row.buttons.map(adaptiveReviewButton) }] : []),
  ];
}

/** Remove opens an optional reason and its own Remove button in place; the reason goes with the click. */
function adaptiveReviewButton(button: CardButton) {
  if (button.action !== 'reviewRemove' || !button.asksReason) return adaptiveAction(button);
  return {
    type: 'Action.ShowCard',
    title: clip(button.title, 75),
    card: {
      type: 'AdaptiveCard',
      body: [{ type: 'Input.Text', id: 'reason', maxLength: maxReasonLength, isMultiline: false, isRequired: false, placeholder: 'Why? (optional, the member is told)' }],
      actions: [adaptiveAction({ ...button, asksReason: false, style: 'danger' }, { associatedInputs: 'auto' })],
    },
  };
}

// Slack's limit for one text in a block: a row's facts stay under it however long a reason was.
const slackTextLimit = 3000;

/** A reviewer's access-review card as Slack Block Kit (two blocks a member, inside Slack's 50). */
export function reviewBlocks(view: ReviewView): SlackMessage {
  const blocks = [
    ...(view.notice ? [slackRichText([view.notice])] : []),
    { type: 'header', text: { type: 'plain_text', text: clip(view.title, 150), emoji: true } },
    slackRichText([...view.intro, [{ bold: view.summary.text }]]),
    ...(view.pageLine ? [{ type: 'context', elements: [{ type: 'plain_text', text: clip(view.pageLine, 2000) }] }] : []),
    ...view.rows.slice(0, reviewPageSize).flatMap((row, i) => [
      slackRichText([
        [{ bold: clip(row.name, slackTextLimit) }],
        ...(row.facts.length > 0 ? [[clip(row.facts.join(' · '), slackTextLimit)]] : []),
        ...row.flags.map((flag) => [clip(`⚠ ${flag}`, slackTextLimit)]),
        ...(row.state ? [[clip(row.state.text, slackTextLimit)]] : []),
      ]),
      ...slackActions(row.buttons, `member:${i}`),
    ]),
    ...slackActions(view.buttons, 'review'),
  ];
  return { text: escapeMrkdwn(clip(`${view.title}: ${view.summary.text}`, 3000)), blocks };
}
