import type { AnyMiddlewareArgs, App, Middleware } from '@slack/bolt';
import { handleMessage } from '../../bot/handle-message.js';
import { rememberShownCards } from '../../bot/notify/remember-shown-cards.js';
import { claimSlackEvent } from './claim-slack-event.js';
import { commandTextFromSlack } from './command-text-from-slack.js';
import { mentionsAsPeople } from './mentions-as-people.js';
import { eventEnvelopeSchema, homeOpenedSchema, slashCommandSchema, typedMessageSchema } from './slack-payloads.js';
import type { SlackSurface } from './slack-surface.js';

/** The slash command people type; the manifest declares the same. */
export const slashCommand = '/groups';

/**
 * Where people talk to GroupGate in Slack: `/groups <command>`, direct messages, @mentions in
 * channels, and the App Home tab. Every one runs the same commands as Teams and the web chat.
 */
export function registerConversationHandlers(app: App, surface: SlackSurface): void {
  const { gate } = surface;

  app.use(handleEachEventOnce(surface));

  app.command(slashCommand, async ({ ack, body }) => {
    const command = slashCommandSchema.safeParse(body);
    if (!command.success) {
      await ack({ response_type: 'ephemeral', text: "I couldn't read that command, so I ignored it." });
      return;
    }
    await ack(); // the answer follows through response_url
    surface.afterAck('slack: /groups', async () => {
      const { user_id, channel_id, response_url, text } = command.data;
      const turn = await surface.turnFor(user_id, channel_id);
      if (!turn.ok) return surface.respondEphemeral(response_url, turn.error);
      const typed = commandTextFromSlack(await mentionsAsPeople(text, surface.identity, surface.botUserId), surface.botUserId) || 'help';
      await surface.respondEphemeral(response_url, await handleMessage(gate, turn.value, typed));
    });
  });

  app.event('message', async ({ event }) => {
    // Only what a person typed in GroupGate's DM: no edits, joins or bot posts (subtype / bot_id).
    if (event.channel_type !== 'im' || event.subtype !== undefined || 'bot_id' in event) return;
    surface.afterAck('slack: direct message', () => answerTypedMessage(surface, event));
  });

  app.event('app_mention', async ({ event }) => {
    if (event.subtype !== undefined || event.bot_id !== undefined) return;
    surface.afterAck('slack: mention', () => answerTypedMessage(surface, event));
  });

  app.event('app_home_opened', async ({ event }) => {
    const opened = homeOpenedSchema.safeParse(event);
    if (!opened.success || opened.data.tab !== 'home') return;
    const { user } = opened.data;
    surface.afterAck('slack: home tab', async () => surface.publishHome(user, await surface.turnFor(user)));
  });
}

/**
 * Global middleware: Slack redelivers events it thinks were missed (X-Slack-Retry-Num), so the
 * first delivery of an event_id wins, on any instance; copies are dropped. Bolt acks events before
 * middleware runs, so the handling is tracked from here for shutdown (and tests) to wait for.
 */
function handleEachEventOnce(surface: SlackSurface): Middleware<AnyMiddlewareArgs> {
  return async ({ body, context, next }) => {
    const envelope = eventEnvelopeSchema.safeParse(body);
    if (!envelope.success) return next();
    let handled = () => {};
    const handling = new Promise<void>((resolve) => (handled = resolve));
    surface.afterAck('slack: event', () => handling);
    try {
      if (await claimSlackEvent(surface.gate.store, envelope.data.event_id)) await next();
      else surface.gate.logger.info({ eventId: envelope.data.event_id, retryNum: context.retryNum, retryReason: context.retryReason }, 'slack: skipped a redelivered event');
    } finally {
      handled();
    }
  };
}

/** Answers a DM in the DM, and a mention in the thread it was made in. */
async function answerTypedMessage(surface: SlackSurface, event: unknown): Promise<void> {
  const typed = typedMessageSchema.safeParse(event);
  if (!typed.success) {
    surface.gate.logger.warn({ issues: typed.error.issues.map((i) => i.message) }, 'slack: ignored a message event of an unexpected shape');
    return;
  }
  const { user, channel, text, ts, thread_ts: threadTs, type } = typed.data;
  const turn = await surface.turnFor(user, channel);
  const reply = turn.ok ? await handleMessage(surface.gate, turn.value, commandTextFromSlack(await mentionsAsPeople(text, surface.identity, surface.botUserId), surface.botUserId)) : turn.error;
  const posted = await surface.post(channel, reply, type === 'app_mention' ? (threadTs ?? ts) : threadTs);
  // Answers in a DM or a thread can be edited later (a slash command's ephemeral answer cannot): the close edits those about a request.
  if (turn.ok) rememberShownCards(surface.gate, turn.value.actor.id, posted);
}
