import { z } from 'zod';
import { cardActionSchema, type CardAction } from '../../bot/handle-card-action.js';
import { inputsWithoutBidiControls } from '../../domain/group-management/normalise-group-name.js';

/**
 * The `value` of an `adaptiveCard/action` invoke, as far as GroupGate reads it. Teams merges the
 * card's inputs (the Deny note) into `action.data`; `trigger` is `manual` for a click and
 * `automatic` for a card refresh.
 */
const invokeValueSchema = z.object({
  action: z.object({
    type: z.literal('Action.Execute', { message: 'expected an Action.Execute' }),
    verb: z.string().min(1).max(100),
    data: z.record(z.string(), z.unknown()).optional(),
  }),
  trigger: z.enum(['manual', 'automatic']).optional(),
});

/** What a Teams card invoke asks for. */
export type InvokeReading =
  /** A person clicked a button GroupGate issued: the same payload a Slack or web-chat click makes. */
  | { readonly kind: 'click'; readonly action: CardAction }
  /** Teams refreshing a card by itself; never a decision. */
  | { readonly kind: 'refresh' }
  /** Not a click GroupGate can act on; `payload` is what it claimed to be, for the usual refusal. */
  | { readonly kind: 'refused'; readonly problem: string; readonly payload: unknown };

/**
 * Translates an invoke's `value` (`action.verb` + `action.data`) into GroupGate's card-action
 * payload. The verb is the action id (cards/card-actions.ts) and wins over any `action` key the
 * data might carry; nothing about the clicker is read from here.
 */
export function cardActionFromInvoke(activityValue: unknown): InvokeReading {
  const value = invokeValueSchema.safeParse(activityValue);
  if (!value.success) {
    return { kind: 'refused', problem: z.prettifyError(value.error), payload: undefined };
  }
  // A refresh fires without anyone clicking, so it must never approve or deny.
  if (value.data.trigger === 'automatic') return { kind: 'refresh' };
  // Inputs without bidi controls: a note must read in the order it is stored.
  const payload = { ...inputsWithoutBidiControls(value.data.action.data ?? {}), action: value.data.action.verb };
  const action = cardActionSchema.safeParse(payload);
  return action.success
    ? { kind: 'click', action: action.data }
    : { kind: 'refused', problem: `unknown or malformed verb "${value.data.action.verb}"`, payload };
}
