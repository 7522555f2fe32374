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
  if (state.status === 'movedOn') return [{ bold: `✅ Stage ${state.stage + 1} approved by ${state.by.join(', ')}` }, ` · ${state.at} — now waiting at stage ${state.next + 1} of ${state.of}`];
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
    // Asked for them by their manager: neither may approve it, and the approver should know who wants it.
    ...(view.askedBy ? [[`Asked by `, { bold: view.askedBy }, ` for ${view.requester.name}.`]] : []),
    ...(view.reason ? [[{ italic: `"${view.reason}"` }]] : []),
  ];
}

const licenseLine = (license: { readonly text: string }): Line => [`License: ${license.text}`];

/** The approver's card as an Adaptive Card: Approve and Deny, each with an optional note for the requester. */
export function approvalCard(view: ApprovalView) {
  const state = stateLine(view.state);
  const pending = view.state.status === 'pending';
  return adaptiveCard([
    ...(view.notice ? [adaptiveRichText(view.notice, { tone: 'warning', bold: true })] : []),
    adaptiveRichText([`${view.heading} · `, view.groupName], { size: 'Medium', bold: true }),
    ...summary(view).map((line) => adaptiveRichText(line)),
    adaptiveSubtle(view.facts.join(' · ')),
    ...(view.progress ? [adaptiveRichText(view.progress, { bold: true })] : []),
    // Pending: the license line is what approving would do; closed: what it did, under who decided.
    ...(state ? [adaptiveRichText(state, { tone: view.state.status === 'approved' ? 'good' : 'default' })] : []),
    ...(view.license ? [adaptiveRichText(licenseLine(view.license), { tone: view.license.tone })] : []),
    ...(pending
      ? [
          ...durationInput(view),
          { type: 'Input.Text', id: 'note', placeholder: 'Optional note for the requester', maxLength: 500, isMultiline: false },
          {
            type: 'ActionSet',
            actions: decisionButtons(view).map((button) =>
              adaptiveAction(button, { associatedInputs: 'auto' }),
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
  const lines: Line[] = [...(view.notice ? [view.notice] : []), ...summary(view), ...(view.progress ? [view.progress] : []), ...(state ? [state] : []), ...(view.license ? [licenseLine(view.license)] : [])];
  const blocks = [
    { type: 'header', text: { type: 'plain_text', text: clip(`${view.heading} · ${view.groupName}`, 150), emoji: true } },
    slackRichText(lines),
    { type: 'context', elements: [{ type: 'plain_text', text: clip(view.facts.join(' · '), 2000), emoji: true }] },
    // A message holds no text input in Slack: a third button opens a box for a note to send with the approval.
    ...(view.state.status === 'pending' ? slackActions([...decisionButtons(view), { action: 'approve', title: 'Approve with note…', requestId: view.requestId, asksNote: true }], `decision:${view.requestId}`) : []),
  ];
  const text = state ? `${view.groupName}: ${state.map((s) => (typeof s === 'string' ? s : 'bold' in s ? s.bold : '')).join('')}` : `${view.requester.name} asks to join ${view.groupName}`;
  return { text: escapeMrkdwn(text), blocks };
}
