import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createPinoLogger } from '../../adapters/logging/pino-logger.js';
import type { RunningGroupGate } from '../../bot/start-groupgate.js';
import { postForm, signingSecret, slashCommand } from '../adapters/slack/signed-slack-request.js';
import { SlackStandIn } from '../adapters/slack/slack-stand-in.js';
import { ConnectorStandIn } from '../adapters/teams/connector-stand-in.js';
import { personalMessage, postActivity, teamsPerson } from '../adapters/teams/teams-activities.js';
import { person } from '../support/sample-tenant.js';
import { startTestGroupGate } from '../support/start-test-groupgate.js';
import { webChatFetch } from '../adapters/web/web-chat-session.js';

const slackToken = 'xoxb-test-token-do-not-log-0123';

/** Every JSON line GroupGate logs, at trace level, parsed. */
function capturedLogs() {
  const raw: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      raw.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  return { logger: createPinoLogger('trace', stream), raw, lines: () => raw.map((line) => JSON.parse(line) as Record<string, unknown>) };
}

let running: RunningGroupGate | undefined;
let slack: SlackStandIn | undefined;
afterEach(async () => {
  await running?.stop();
  await slack?.stop();
});

async function start() {
  const logs = capturedLogs();
  slack = await new SlackStandIn().start();
  running = await startTestGroupGate(
    { WEB_CHAT: 'on', SLACK_BOT_TOKEN: slackToken, SLACK_SIGNING_SECRET: signingSecret, SLACK_API_URL: slack.apiUrl, SLACK_BOT_ID: 'BBOT', SLACK_BOT_USER_ID: 'UBOT', SLACK_API_RETRIES: '0' },
    { logger: logs.logger },
  );
  return logs;
}

const webSay = (text: string, headers: Record<string, string> = {}) =>
  webChatFetch(running!.url, '/web/api/messages', {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: running!.url, ...headers },
    body: JSON.stringify({ as: person('Rowan Pike').id, where: 'direct', text }),
  });

describe('structured logs', () => {
  it('gives every request an id, returns it, and stamps it on every line the turn logs — and never the reason typed', async () => {
    const logs = await start();
    const answer = await webSay('join Atlas Project because my confidential project codename', { 'x-request-id': 'lb-7f3a9c21e0' });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('x-request-id')).toBe('lb-7f3a9c21e0');
    const mine = logs.lines().filter((line) => line['requestId'] === 'lb-7f3a9c21e0');
    expect(mine).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ msg: 'turn', command: 'join', platform: 'web', app: 'groupgate' }),
        expect.objectContaining({ msg: 'request', method: 'POST', path: '/web/api/messages', status: 200 }),
      ]),
    );

    const other = await webSay('groups', { 'x-request-id': 'not a valid id; DROP TABLE' });
    const generated = other.headers.get('x-request-id')!;
    expect(generated).toMatch(/^[0-9a-f-]{36}$/);
    expect(logs.lines().filter((line) => line['requestId'] === generated).map((line) => line['msg'])).toEqual(['turn', 'request']);
    expect(logs.raw.join('\n')).not.toContain('confidential project codename');
  });

  it('keeps the id on work a Slack request does after its ack, and logs no token, secret or signature', async () => {
    const logs = await start();
    const acked = await postForm(running!.url, slashCommand('U0ROWAN', 'join Lunch Club', slack!.responseUrl('rowan')), { headers: { authorization: 'Bearer should-never-be-logged' } });
    expect(acked.status).toBe(200);
    const requestId = acked.headers.get('x-request-id')!;
    await new Promise((resolve) => setImmediate(resolve));
    await running!.gate.background.idle();
    // The turn and the membership change run after the ack, still under the request's id.
    const mine = logs.lines().filter((line) => line['requestId'] === requestId).map((line) => line['msg']);
    expect(mine).toEqual(expect.arrayContaining(['request', 'turn', 'membership changed']));

    const everything = logs.raw.join('\n');
    for (const secret of [slackToken, signingSecret, 'should-never-be-logged']) expect(everything).not.toContain(secret);
    expect(everything).not.toMatch(/v0=[0-9a-f]{64}/); // a request signature
  });

  it('stamps the id on the lines of a Teams activity too', async () => {
    const logs = await start();
    const connector = await new ConnectorStandIn().start();
    try {
      await postActivity(running!.url, personalMessage(connector.url, teamsPerson('Rowan Pike'), 'groups'), { 'x-request-id': 'teams-0000000001' });
      await running!.gate.background.idle();
      const requestId = 'teams-0000000001';
      expect(logs.lines().filter((line) => line['requestId'] === requestId).map((line) => line['msg'])).toEqual(expect.arrayContaining(['turn', 'request']));
    } finally {
      await connector.stop();
    }
  });

  it('gives each scheduled run an id of its own', async () => {
    const logs = await start();
    await running!.scheduler.runOnce('probe', 60_000, async () => running!.gate.logger.info({}, 'probe ran'));
    const probe = logs.lines().find((line) => line['msg'] === 'probe ran');
    expect(probe?.['requestId']).toMatch(/^probe:[0-9a-f-]{36}$/);
  });
});
