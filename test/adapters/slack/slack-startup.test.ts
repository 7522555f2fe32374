import { afterEach, describe, expect, it } from 'vitest';
import { slackClientOptions } from '../../../adapters/slack/create-slack-app.js';
import { ConfigError, loadConfig } from '../../../bot/config.js';
import type { RunningGroupGate } from '../../../bot/start-groupgate.js';
import { silentLogger } from '../../../domain/ports/logger.js';
import { startTestGroupGate } from '../../support/start-test-groupgate.js';
import { revokedToken, SlackStandIn } from './slack-stand-in.js';
import { startSlackGroupGate } from './slack-test-gate.js';

let running: RunningGroupGate | undefined;
let slack: SlackStandIn | undefined;
afterEach(async () => {
  await running?.stop();
  await slack?.stop();
  running = undefined;
});

describe('starting with Slack', () => {
  it('stays off without SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET', async () => {
    running = await startTestGroupGate();
    expect(running.surfaces.map((s) => s.name)).not.toContain('slack');
    expect((await fetch(`${running.url}/slack/events`, { method: 'POST', body: '{}' })).status).toBe(404);
  });

  it('asks Slack who the bot is (auth.test, with the token) when SLACK_BOT_ID and SLACK_BOT_USER_ID are not set', async () => {
    slack = await new SlackStandIn().start();
    running = await startSlackGroupGate(slack, { SLACK_BOT_ID: '', SLACK_BOT_USER_ID: '' });
    expect(slack.of('auth.test')).toEqual([expect.objectContaining({ token: 'xoxb-test-token' })]);
    expect(running.surfaces.find((s) => s.name === 'slack')?.startupLines).toEqual([expect.stringMatching(/\/groups, events and interactivity at \/slack\/events .*; bot user UBOT$/)]);
  });

  it('does not call auth.test when both bot ids are given', async () => {
    slack = await new SlackStandIn().start();
    running = await startSlackGroupGate(slack);
    expect(slack.of('auth.test')).toEqual([]);
  });

  it('stops the start with a message naming SLACK_BOT_TOKEN when Slack refuses the token', async () => {
    slack = await new SlackStandIn().start();
    const start = startSlackGroupGate(slack, { SLACK_BOT_TOKEN: revokedToken, SLACK_BOT_ID: '', SLACK_BOT_USER_ID: '' });
    await expect(start).rejects.toThrow(ConfigError);
    await expect(start).rejects.toThrow(/SLACK_BOT_TOKEN: Slack's auth\.test at http:\/\/127\.0\.0\.1:\d+\/api\/ failed \(invalid_auth\)/);
  });

  it('bounds Web API retries: 2 by default, each wait at most 4 s (the SDK default retries for ~30 minutes)', () => {
    const options = slackClientOptions(loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's' }), silentLogger);
    expect(options.retryConfig).toMatchObject({ retries: 2, maxTimeout: 4_000 });
    expect(options.slackApiUrl).toBe('https://slack.com/api/');
    expect(slackClientOptions(loadConfig({ SLACK_API_RETRIES: '0', SLACK_API_URL: 'http://127.0.0.1:9/api' }), silentLogger)).toMatchObject({ retryConfig: { retries: 0 }, slackApiUrl: 'http://127.0.0.1:9/api/' });
  });
});
