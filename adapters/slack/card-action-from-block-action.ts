import { z } from 'zod';
import { cardActionSchema, type CardAction } from '../../bot/handle-card-action.js';
import { CardActions, type CardActionId } from '../../cards/card-actions.js';
import { err, ok, type Result } from '../../domain/result.js';
import { readJson } from './read-json.js';

const knownActionIds: readonly string[] = Object.values(CardActions);

/** One element of a block_actions payload's `actions`, as GroupGate's buttons send it. */
const buttonActionSchema = z.object({
  type: z.literal('button', { message: 'expected a button' }),
  action_id: z.string().max(255),
  value: z.string().max(2000, 'button value longer than Slack allows'),
});

/** What a GroupGate button carries in its value (see cards/card-buttons.ts): an id or a command, nothing else. */
const buttonDataSchema = z.strictObject({
  requestId: z.string().optional(), proposalId: z.string().optional(), changeId: z.string().optional(), command: z.string().optional(),
  reviewId: z.string().optional(), memberId: z.string().optional(), page: z.string().optional(),
  /** A join button that asks why first: how the modal asks (the join checks the group's policy itself). */
  asksReason: z.enum(['required', 'optional']).optional(),
  /** An Approve that opens a box for a note first. */
  asksNote: z.literal(true).optional(),
});

/** A Slack click: the card action, and for a join button that asks why, how to ask. */
export interface SlackClick {
  readonly action: CardAction;
  readonly asksReason?: 'required' | 'optional';
  /** Approve with a note: the click opens a modal for it. */
  readonly asksNote?: true;
}

/**
 * Translates one Slack button click (`<action id>:<index>` plus JSON `{requestId}`, `{proposalId}` or `{command}`)
 * into the platform-neutral card action that handleCardAction takes — the same action a Teams
 * Action.Execute with that verb and data gives. Never trusts anything but the id and the data.
 */
export function cardActionFromBlockAction(action: unknown): Result<CardAction, string> {
  const click = slackClickFromBlockAction(action);
  return click.ok ? ok(click.value.action) : click;
}

/** Like cardActionFromBlockAction, with what the button says about asking for a reason. */
export function slackClickFromBlockAction(action: unknown): Result<SlackClick, string> {
  const button = buttonActionSchema.safeParse(action);
  if (!button.success) return err(`not a GroupGate button: ${button.error.issues[0]?.message ?? 'unexpected shape'}`);
  const actionId = /^(.+):\d{1,2}$/.exec(button.data.action_id)?.[1];
  if (!actionId || !knownActionIds.includes(actionId)) return err(`unknown action id "${button.data.action_id.slice(0, 64)}"`);
  const data = buttonDataSchema.safeParse(readJson(button.data.value));
  if (!data.success) return err('button value is not what GroupGate puts on its buttons');
  const { asksReason, asksNote, ...ids } = data.data;
  const payload = cardActionSchema.safeParse({ ...ids, action: actionId as CardActionId });
  if (!payload.success) return err(`button value does not fit ${actionId}`);
  return ok({ action: payload.data, ...(asksReason && payload.data.action === CardActions.run ? { asksReason } : {}), ...(asksNote && payload.data.action === CardActions.approve ? { asksNote } : {}) });
}
