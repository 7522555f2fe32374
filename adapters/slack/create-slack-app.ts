import { App, HTTPReceiver, webApi } from '@slack/bolt';
import { z } from 'zod';
import { ConfigError, type Config } from '../../bot/config.js';
import type { Logger } from '../../domain/ports/logger.js';
import { boltLogger } from './bolt-logger.js';
import { slackErrorCode } from './slack-error-code.js';

/** The one URL Slack posts slash commands, events and interactivity to. */
export const slackEventsPath = '/slack/events';

/**
 * The largest request Slack's receiver reads (Bolt's default is 4 MB). Slack's biggest payloads
 * are interactivity on a full App Home tab: tens of KB, form-encoded.
 */
export const maxSlackBodyBytes = 512 * 1024;

/**
 * Web API client options: the base URL (SLACK_API_URL, so tests and curious people can run
 * against a local stand-in) and bounded retries — the SDK's default retries for ~30 minutes.
 */
export function slackClientOptions(config: Config, logger: Logger): webApi.WebClientOptions {
  return {
    slackApiUrl: config.SLACK_API_URL.endsWith('/') ? config.SLACK_API_URL : `${config.SLACK_API_URL}/`,
    retryConfig: { retries: config.SLACK_API_RETRIES, factor: 2, minTimeout: 500, maxTimeout: 4_000, randomize: true },
    timeout: 10_000,
    logger: boltLogger(logger),
  };
}

const authTestSchema = z.object({ user_id: z.string().min(1), bot_id: z.string().min(1) });

/**
 * The bot's own ids. With SLACK_BOT_ID and SLACK_BOT_USER_ID set, Bolt never calls auth.test;
 * otherwise it is called once here, so a bad token stops the start with a clear message.
 */
async function botIdentity(config: Config, token: string, options: webApi.WebClientOptions): Promise<{ botId: string; botUserId: string }> {
  if (config.SLACK_BOT_ID && config.SLACK_BOT_USER_ID) return { botId: config.SLACK_BOT_ID, botUserId: config.SLACK_BOT_USER_ID };
  try {
    const found = authTestSchema.parse(await new webApi.WebClient(token, options).auth.test());
    return { botId: found.bot_id, botUserId: found.user_id };
  } catch (error) {
    const why = slackErrorCode(error) ?? (error instanceof Error ? error.message : String(error));
    throw new ConfigError([`SLACK_BOT_TOKEN: Slack's auth.test at ${options.slackApiUrl} failed (${why}); check the token, or set SLACK_BOT_ID and SLACK_BOT_USER_ID`]);
  }
}

/** A Bolt app whose receiver is mounted on GroupGate's server (never `app.start()`, which would open a second one). */
export interface SlackApp {
  readonly app: App;
  readonly receiver: HTTPReceiver;
  readonly botUserId: string;
}

/** Builds the Bolt app for a configuration that has SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET. */
export async function createSlackApp(config: Config, token: string, signingSecret: string, logger: Logger): Promise<SlackApp> {
  const clientOptions = slackClientOptions(config, logger);
  const { botId, botUserId } = await botIdentity(config, token, clientOptions);
  const receiver = new HTTPReceiver({
    signingSecret,
    endpoints: [slackEventsPath],
    // The response goes out at ack(); the work runs after it (Slack's 3-second rule).
    processBeforeResponse: false,
    // Checked already, once, before the body reaches the receiver (slack-request-authenticity.ts); the
    // receiver is only ever called from that route (mount-slack.ts).
    signatureVerification: false,
    bodyLimit: maxSlackBodyBytes,
    logger: boltLogger(logger),
  });
  // convoStore off: no conversation state may live only in one instance's memory.
  const app = new App({ receiver, token, botId, botUserId, clientOptions, logger: boltLogger(logger), convoStore: false });
  app.error(async (error) => {
    logger.error({ err: error, code: error.code }, 'slack: a handler failed');
  });
  return { app, receiver, botUserId };
}
