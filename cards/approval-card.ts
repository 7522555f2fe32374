import { adaptiveCard, type SlackMessage } from './adaptive-card.js';
import { adaptiveAction, slackActions } from './card-buttons.js';
import type { ApprovalState, ApprovalView, CardButton, Line } from './card-view.js';
import { adaptiveRichText, adaptiveSubtle, clip, escapeMrkdwn, slackRichText } from './rich-text.js';

const decisionButtons = (view: ApprovalView): CardButton[] => [
  { action: 'approve', title: 'Approve', requestId: view.requestId, style: 'primary' },
  { action: 'deny', title: 'Deny', requestId: view.requestId, style: 'danger' },
];

/** "✅ Approved by Ines Duarte · 14:02 UTC" and its siblings. */
export function stateLine(state: ApprovalState): Line | undefined {
  if (state.status === 'pending') return undefined;
  const by = state.by ? ` by ${state.by}` : '';
  const note = state.note ? ` — "${state.note}"` : '';
  switch (state.status) {
    case 'approved':
      return [{ bold: `✅ Approved${by}` }, ` · ${state.at}${note}`];
    case 'denied':
      return [{ bold: `❌ Denied${by}` }, ` · ${state.at}${note}`];
    case 'cancelled':
      return [{ bold: '↩️ Cancelled by the requester' }, ` · ${state.at}`];
    case 'expired':
      return [{ bold: '⌛ Expired without an answer' }, ` · ${state.at}`];
  }
}

function summary(view: ApprovalView): Line[] {
  const details = view.requester.details.length ? ` (${view.requester.details.join(' · ')})` : '';
  return [
    [{ bold: view.requester.name }, `${details} asks to join `, { bold: view.groupName }, '.'],
    ...(view.reason ? [[{ italic: `"${view.reason}"` }]] : []),
  ];
}

const licenseLine = (license: { readonly text: string }): Line => [`License: ${license.text}`];

/** The approver's card as an Adaptive Card: Approve, and Deny with an optional note. */
export function approvalCard(view: ApprovalView) {
  const state = stateLine(view.state);
  const pending = view.state.status === 'pending';
  return adaptiveCard([
    ...(view.notice ? [adaptiveRichText(view.notice, { tone: 'warning', bold: true })] : []),
    adaptiveRichText([`${view.heading} · `, view.groupName], { size: 'Medium', bold: true }),
    ...summary(view).map((line) => adaptiveRichText(line)),
    adaptiveSubtle(view.facts.join(' · ')),
    // Pending: the license line is what approving would do; closed: what it did, under who decided.
    ...(state ? [adaptiveRichText(state, { tone: view.state.status === 'approved' ? 'good' : 'default' })] : []),
    ...(view.license ? [adaptiveRichText(licenseLine(view.license), { tone: view.license.tone })] : []),
    ...(pending
      ? [
          ...durationInput(view),
          { type: 'Input.Text', id: 'note', placeholder: 'Optional note for the requester (sent if you deny)', maxLength: 500, isMultiline: false },
          {
            type: 'ActionSet',
            actions: decisionButtons(view).map((button) =>
              adaptiveAction(button, { associatedInputs: button.action === 'deny' || (button.action === 'approve' && view.duration) ? 'auto' : 'none' }),
            ),
          },
        ]
      : []),
  ]);
}

/** For a time-bound request, the lengths an approver may grant: the one asked first, then shorter ones. Sent with Approve as `duration`. */
function durationInput(view: ApprovalView) {
  if (!view.duration) return [];
  const { choices } = view.duration;
  return [{ type: 'Input.ChoiceSet', id: 'duration', label: 'Grant membership for', style: 'compact', isMultiSelect: false, value: choices[0]!.value, choices: choices.map((c) => ({ title: clip(c.title, 75), value: c.value })) }];
}

/** The approver's card as Slack Block Kit; Deny opens a modal for the note, and Approve of a time-bound request one for its length. */
export function approvalBlocks(view: ApprovalView): SlackMessage {
  const state = stateLine(view.state);
  const lines: Line[] = [...(view.notice ? [view.notice] : []), ...summary(view), ...(state ? [state] : []), ...(view.license ? [licenseLine(view.license)] : [])];
  const blocks = [
    { type: 'header', text: { type: 'plain_text', text: clip(`${view.heading} · ${view.groupName}`, 150), emoji: true } },
    slackRichText(lines),
    { type: 'context', elements: [{ type: 'plain_text', text: clip(view.facts.join(' · '), 2000), emoji: true }] },
    ...(view.state.status === 'pending' ? slackActions(decisionButtons(view), `decision:${view.requestId}`) : []),
  ];
  const text = state ? `${view.groupName}: ${state.map((s) => (typeof s === 'string' ? s : 'bold' in s ? s.bold : '')).join('')}` : `${view.requester.name} asks to join ${view.groupName}`;
  return { text: escapeMrkdwn(text), blocks };
}
