import { z } from 'zod';

/**
 * The parts of Slack's inbound payloads GroupGate reads, checked once here. Bolt has already
 * verified the signature and parsed the body; these schemas make the shape a fact.
 */

const slackUserId = z.string().regex(/^[UW][A-Z0-9]{2,}$/, 'expected a Slack user id (U… or W…)');
const conversationId = z.string().regex(/^[CDG][A-Z0-9]{2,}$/, 'expected a Slack conversation id (C…, D… or G…)');

/** A slash command (form-encoded). */
export const slashCommandSchema = z.object({
  command: z.string(),
  text: z.string().max(40_000),
  user_id: slackUserId,
  channel_id: conversationId,
  team_id: z.string().optional(),
  response_url: z.url(),
});
export type SlashCommand = z.infer<typeof slashCommandSchema>;

/** A button click (`payload` form field holding JSON). Only the first action counts; Slack sends one. */
export const blockActionsSchema = z.object({
  type: z.literal('block_actions'),
  user: z.object({ id: slackUserId }),
  trigger_id: z.string().min(1),
  response_url: z.url().optional(),
  container: z.object({
    type: z.string(),
    channel_id: conversationId.optional(),
    message_ts: z.string().optional(),
    is_ephemeral: z.boolean().optional(),
  }),
  actions: z.array(z.unknown()).min(1),
});
export type BlockActions = z.infer<typeof blockActionsSchema>;

/** A modal's submission. */
export const viewSubmissionSchema = z.object({
  type: z.literal('view_submission'),
  user: z.object({ id: slackUserId }),
  view: z.object({
    callback_id: z.string(),
    private_metadata: z.string().max(3000),
    state: z.object({ values: z.record(z.string(), z.record(z.string(), z.object({ value: z.string().nullable().optional() }).loose())) }),
  }),
});

/** An Events API envelope; `event_id` identifies a delivery across Slack's retries. */
export const eventEnvelopeSchema = z.object({ type: z.literal('event_callback'), event_id: z.string().min(1) });

/** A message typed to GroupGate: a DM (message.im) or an @mention in a channel (app_mention). */
export const typedMessageSchema = z.object({
  type: z.enum(['message', 'app_mention']),
  user: slackUserId,
  text: z.string().max(40_000),
  channel: conversationId,
  ts: z.string(),
  thread_ts: z.string().optional(),
  channel_type: z.string().optional(),
});
export type TypedMessage = z.infer<typeof typedMessageSchema>;

/** The App Home was opened. */
export const homeOpenedSchema = z.object({ type: z.literal('app_home_opened'), user: slackUserId, tab: z.string().optional() });
