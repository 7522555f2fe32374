import { adaptiveCard, type SlackMessage } from './adaptive-card.js';
import { adaptiveActionSet, slackActions } from './card-buttons.js';
import type { CardButton, Line, RuleProposalState, RuleProposalView } from './card-view.js';
import { adaptiveHeading, adaptiveRichText, clip, escapeMrkdwn, slackRichText } from './rich-text.js';
import { adaptivePreviewBody, adaptiveRule, slackPreviewBody, slackRule } from './rule-preview-card.js';

const proposalButtons = (view: RuleProposalView): CardButton[] => [
  { action: 'applyRule', title: 'Apply rule', proposalId: view.proposalId, style: 'primary' },
  { action: 'cancelRule', title: 'Cancel', proposalId: view.proposalId },
];

/** "✅ Applied by Ines Duarte · 14:02 UTC — added 4, removed 1" and its siblings; nothing while pending. */
export function proposalStateLine(state: RuleProposalState): Line | undefined {
  if (state.status === 'pending') return undefined;
  const by = state.by ? ` by ${state.by}` : '';
  const detail = state.detail ? ` — ${state.detail}` : '';
  switch (state.status) {
    case 'applied':
      return [{ bold: `✅ Applied${by}` }, ` · ${state.at}${detail}`];
    case 'cancelled':
      return [{ bold: `↩️ Cancelled${by}` }, ` · ${state.at}${detail}`];
    case 'stale':
      return [{ bold: '⌛ Out of date' }, ` · ${state.at}${detail}`];
  }
}

const intro = (view: RuleProposalView): Line => [{ bold: view.proposedBy }, ' proposes this rule for ', { bold: view.groupName }, ':'];
const current = (view: RuleProposalView): Line => [view.currentRule === null ? 'It has no rule yet.' : 'It replaces:'];

/** A rule proposal as an Adaptive Card: the preview of the change, then Apply and Cancel while it is pending. */
export function ruleProposalCard(view: RuleProposalView) {
  const state = proposalStateLine(view.state);
  return adaptiveCard([
    ...(view.notice ? [adaptiveRichText(view.notice, { tone: 'warning', bold: true })] : []),
    adaptiveHeading(view.title),
    adaptiveRichText(intro(view)),
    ...adaptivePreviewBody(view.preview),
    { ...adaptiveRichText(current(view), { subtle: true }), spacing: 'Medium' },
    ...(view.currentRule === null ? [] : [adaptiveRule(view.currentRule)]),
    ...(state ? [adaptiveRichText(state, { tone: view.state.status === 'applied' ? 'good' : 'default' })] : []),
    ...(view.state.status === 'pending' ? adaptiveActionSet(proposalButtons(view)) : []),
  ]);
}

/** A rule proposal as Slack Block Kit. */
export function ruleProposalBlocks(view: RuleProposalView): SlackMessage {
  const state = proposalStateLine(view.state);
  const blocks = [
    { type: 'header', text: { type: 'plain_text', text: clip(view.title, 150), emoji: true } },
    slackRichText([...(view.notice ? [view.notice] : []), intro(view)]),
    ...slackPreviewBody(view.preview),
    slackRichText([current(view)]),
    ...(view.currentRule === null ? [] : [slackRule(view.currentRule)]),
    ...(state ? [slackRichText([state])] : []),
    ...(view.state.status === 'pending' ? slackActions(proposalButtons(view), `proposal:${view.proposalId}`) : []),
  ];
  const text = state ? `${view.title}: ${state.map((s) => (typeof s === 'string' ? s : 'bold' in s ? s.bold : '')).join('')}` : `${view.proposedBy} proposes a new rule for ${view.groupName}`;
  return { text: escapeMrkdwn(clip(text, 3000)), blocks };
}
