import { CardActions } from './card-actions.js';
import type { CardButton } from './card-view.js';
import { clip } from './rich-text.js';

/** Longest reason a card's input takes (bot/commands/join-command.ts keeps the same). */
export const maxReasonLength = 500;

/** The action id and data a button carries: only an id (request or rule proposal) or a command, never state to trust. */
export function buttonPayload(button: CardButton): { readonly actionId: string; readonly data: Record<string, string> } {
  switch (button.action) {
    case 'run':
      return { actionId: CardActions.run, data: { command: button.command } };
    case 'approve':
      return { actionId: CardActions.approve, data: { requestId: button.requestId } };
    case 'deny':
      return { actionId: CardActions.deny, data: { requestId: button.requestId } };
    case 'cancel':
      return { actionId: CardActions.cancel, data: { requestId: button.requestId } };
    case 'applyRule':
      return { actionId: CardActions.applyRule, data: { proposalId: button.proposalId } };
    case 'cancelRule':
      return { actionId: CardActions.cancelRule, data: { proposalId: button.proposalId } };
    case 'confirmChange':
      return { actionId: CardActions.confirmChange, data: { changeId: button.changeId } };
    case 'cancelChange':
      return { actionId: CardActions.cancelChange, data: { changeId: button.changeId } };
    case 'reviewKeep':
      return { actionId: CardActions.reviewKeep, data: { reviewId: button.reviewId, memberId: button.memberId } };
    case 'reviewRemove':
      return { actionId: CardActions.reviewRemove, data: { reviewId: button.reviewId, memberId: button.memberId } };
    case 'reviewKeepRest':
      return { actionId: CardActions.reviewKeepRest, data: { reviewId: button.reviewId } };
    case 'reviewPage':
      return { actionId: CardActions.reviewPage, data: { reviewId: button.reviewId, page: String(button.page) } };
  }
}

/** An Adaptive Card Action.Execute for a button. */
export function adaptiveAction(button: CardButton, extra: Record<string, unknown> = {}) {
  const { actionId, data } = buttonPayload(button);
  return {
    type: 'Action.Execute',
    title: clip(button.title, 75),
    verb: actionId,
    data,
    ...(button.style ? { style: button.style === 'primary' ? 'positive' : 'destructive' } : {}),
    ...extra,
  };
}

/** A Slack button element; `index` keeps action ids unique within a block, as Slack requires. */
export function slackButton(button: CardButton, index: number) {
  const { actionId, data } = buttonPayload(button);
  // A message holds no text input in Slack: a button that asks why says so, and the click opens a modal for it.
  const asks = button.action === 'run' && button.asksReason ? { asksReason: button.asksReason.required ? 'required' : 'optional' } : button.action === 'approve' && button.asksNote ? { asksNote: true } : {};
  return {
    type: 'button',
    action_id: `${actionId}:${index}`,
    text: { type: 'plain_text', text: clip(button.title, 75), emoji: true },
    value: clip(JSON.stringify({ ...data, ...asks }), 2000),
    ...(button.style ? { style: button.style } : {}),
  };
}

/** An Adaptive Card ActionSet, or nothing when there are no buttons. */
export const adaptiveActionSet = (buttons: readonly CardButton[] | undefined) =>
  buttons && buttons.length > 0 ? [{ type: 'ActionSet', actions: buttons.slice(0, 6).map(adaptiveButton) }] : [];

/** A button as an Adaptive Card action: one that asks for a reason opens an input and its Send button in place. */
function adaptiveButton(button: CardButton) {
  if (button.action !== 'run' || !button.asksReason) return adaptiveAction(button);
  const { required } = button.asksReason;
  return {
    type: 'Action.ShowCard',
    title: clip(button.title, 75),
    card: {
      type: 'AdaptiveCard',
      body: [{
        type: 'Input.Text', id: 'reason', maxLength: maxReasonLength, isMultiline: false, isRequired: required,
        placeholder: required ? 'Why do you want to join? (its owners ask for a reason)' : 'Why do you want to join? (optional, the owners read it)',
        ...(required ? { errorMessage: 'Its owners ask for a reason.' } : {}),
      }],
      actions: [adaptiveAction({ action: 'run', title: 'Send request', command: button.command, style: 'primary' }, { associatedInputs: 'auto' })],
    },
  };
}

/** A Slack actions block, or nothing when there are no buttons. */
export const slackActions = (buttons: readonly CardButton[] | undefined, blockId?: string) =>
  buttons && buttons.length > 0
    ? [{ type: 'actions', ...(blockId ? { block_id: blockId } : {}), elements: buttons.slice(0, 25).map((b, i) => slackButton(b, i)) }]
    : [];
