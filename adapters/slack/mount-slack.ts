import { once } from 'node:events';
import type { MountedSurface, SurfaceContext } from '../../bot/surface.js';
import { refuseLargeBodies } from '../http/refuse-large-bodies.js';
import { createSlackApp, maxSlackBodyBytes, slackEventsPath } from './create-slack-app.js';
import { readSlackBody } from './read-slack-body.js';
import { registerClickHandlers } from './register-click-handlers.js';
import { registerConversationHandlers, slashCommand } from './register-conversation-handlers.js';
import { SlackChatChannel } from './slack-chat-channel.js';
import { slackRequestRefusal, unhandledSlackAnswer } from './slack-request-authenticity.js';
import { SlackSurface } from './slack-surface.js';

/**
 * Mounts Slack on the shared server at POST /slack/events (slash commands, events and
 * interactivity at one URL) when SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET are set. The body is
 * read here (bounded, and only a body Bolt can parse goes on) and handed to Bolt's receiver as the
 * raw bytes whose signature it checks, so this route has no body parser.
 */
export async function mountSlack(context: SurfaceContext): Promise<MountedSurface | undefined> {
  const { config, gate, logger, server } = context;
  if (!config.SLACK_BOT_TOKEN || !config.SLACK_SIGNING_SECRET) return undefined;
  const { app, receiver, botUserId } = await createSlackApp(config, config.SLACK_BOT_TOKEN, config.SLACK_SIGNING_SECRET, logger);
  const surface = new SlackSurface(gate, app.client, botUserId);
  registerConversationHandlers(app, surface);
  registerClickHandlers(app, surface);
  gate.messenger.addChannel(new SlackChatChannel(app.client, surface.identity, logger));

  const rules = { signingSecret: config.SLACK_SIGNING_SECRET, teamId: config.SLACK_TEAM_ID, appId: config.SLACK_APP_ID };
  server.post(slackEventsPath, refuseLargeBodies(maxSlackBodyBytes), async (req, res) => {
    const body = await readSlackBody(req, maxSlackBodyBytes);
    if (!body.ok) {
      // Past the limit the rest is never read, so the connection can't carry another request.
      if (body.error.status === 413) res.setHeader('connection', 'close');
      res.send(body.error.status, { code: body.error.status === 413 ? 'PayloadTooLarge' : 'BadRequest', message: body.error.message });
      return;
    }
    const refused = slackRequestRefusal(body.value.raw, req.headers, body.value.envelope, rules);
    if (refused) {
      logger.warn({ path: req.path(), reason: refused.reason }, 'slack: request refused');
      res.send(401, { code: 'Unauthorized', message: refused.message });
      return;
    }
    const unhandled = unhandledSlackAnswer(body.value.envelope);
    if (unhandled) {
      logger.debug({ type: body.value.envelope['type'] }, 'slack: acknowledged a payload GroupGate does not handle');
      res.send(200, unhandled);
      return;
    }
    // Bolt checks the signature of these bytes and parses them itself (it reuses a Buffer `rawBody`).
    Object.assign(req, { rawBody: body.value.raw });
    try {
      // Bolt verifies the signature and timestamp (401), parses, dispatches, and writes the response at ack().
      receiver.requestListener(req, res);
    } catch (error) {
      logger.warn({ err: error, path: req.path() }, 'slack: request not for the Slack receiver');
      res.send(404);
      return;
    }
    await once(res, 'close');
  });

  const where = config.PUBLIC_URL ? `${config.PUBLIC_URL.replace(/\/$/, '')}${slackEventsPath}` : `${slackEventsPath} (give Slack the public https address: set PUBLIC_URL)`;
  return { name: 'slack', startupLines: [`Slack: ${slashCommand}, events and interactivity at ${where}; bot user ${botUserId}`] };
}
