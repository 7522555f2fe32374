import { adaptiveCard, type SlackMessage } from './adaptive-card.js';
import { adaptiveActionSet, slackActions } from './card-buttons.js';
import type { ListView } from './card-view.js';
import { adaptiveHeading, adaptiveRichText, adaptiveSubtle, clip, escapeMrkdwn, slackRichText } from './rich-text.js';

// Slack allows 50 blocks a message; a row takes up to two, and the frame up to four.
const maxSlackRows = 22;

/** A list (groups, requests, licenses) as an Adaptive Card. */
export function listCard(view: ListView) {
  return adaptiveCard([
    adaptiveHeading(view.title),
    ...(view.intro ?? []).map((line) => adaptiveRichText(line)),
    ...view.rows.map((row) => ({
      type: 'Container',
      separator: true,
      items: [adaptiveRichText(row.title), ...(row.detail ? [{ ...adaptiveRichText(row.detail), spacing: 'None' }] : []), ...adaptiveActionSet(row.buttons)],
    })),
    ...(view.more ? [adaptiveSubtle(view.more)] : []),
    ...(view.footer ?? []).map((line) => adaptiveRichText(line)),
  ]);
}

/** A list as Slack Block Kit, cut to Slack's 50-block limit with a count of what was left out. */
export function listBlocks(view: ListView): SlackMessage {
  const rows = view.rows.slice(0, maxSlackRows);
  const cut = view.rows.length - rows.length;
  const more = [view.more, cut > 0 ? `${cut} more not shown here` : undefined].filter(Boolean).join(' · ');
  const blocks = [
    { type: 'header', text: { type: 'plain_text', text: clip(view.title, 150), emoji: true } },
    ...(view.intro?.length ? [slackRichText(view.intro)] : []),
    ...rows.flatMap((row, i) => [slackRichText([row.title, ...(row.detail ? [row.detail] : [])]), ...slackActions(row.buttons, `row:${i}`)]),
    ...(more ? [{ type: 'context', elements: [{ type: 'plain_text', text: clip(more, 2000) }] }] : []),
    ...(view.footer?.length ? [slackRichText(view.footer)] : []),
  ];
  return { text: escapeMrkdwn(view.title), blocks };
}
