import { createServer } from 'node:net';
import { Writable } from 'node:stream';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { EmbeddedDirectory } from '../../adapters/directory/embedded/embedded-directory.js';
import { createPinoLogger } from '../../adapters/logging/pino-logger.js';
import { createStore } from '../../adapters/store/create-store.js';
import type { Directory } from '../../domain/ports/directory.js';
import { GraphStandIn } from '../adapters/directory/graph/graph-stand-in.js';
import { StandInTenant } from '../adapters/directory/graph/stand-in-tenant.js';
import { postForm, postSigned, signingSecret, slashCommand } from '../adapters/slack/signed-slack-request.js';
import { eventually, GroupGateProcess } from '../adapters/store/groupgate-process.js';
import { postActivity, teamsPerson } from '../adapters/teams/teams-activities.js';
import { postJson } from '../adapters/web/web-chat-client.js';
import { person, sampleGroup, sampleTenantPath } from '../support/sample-tenant.js';
import { expectNothingChanged } from '../support/state-snapshot.js';
import { tempSqliteUrl } from '../support/temp-store-url.js';
import { AttackBed, slackToken, stackTraceSigns } from './attack-bed.js';

/** A pino logger writing to memory: what an operator would read, line by line. */
function capturedLogger(secrets: readonly string[] = []) {
  const lines: string[] = [];
  const destination = new Writable({ write: (chunk: Buffer, _encoding, done) => void (lines.push(...chunk.toString('utf8').split('\n').filter(Boolean)), done()) });
  return { logger: createPinoLogger('trace', destination, secrets), lines };
}

/** A loopback port nothing listens on: calls to it fail at once. */
async function closedPort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const appPassword = 'teams-app-password~Xq8';
const jwt = 'eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJhdWQiOiJodHRwczovL2FwaS5ib3RmcmFtZXdvcmsuY29tIn0.c2lnbmF0dXJlLW5vdC1yZWFs';

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('secrets and logs', () => {
  it('redacts secrets logged by mistake, by name at any depth and by value anywhere, one JSON object per line', () => {
    const graphSecret = 'graph-client-secret "quoted" \\ value';
    const { logger, lines } = capturedLogger([slackToken, signingSecret, appPassword, graphSecret]);
    // The certificate password is left out of the values above: its field name alone must hide it.
    const certificatePassword = 'pfx-password-Zr4';
    logger.info({ config: { SLACK_BOT_TOKEN: slackToken, SLACK_SIGNING_SECRET: signingSecret, MicrosoftAppPassword: appPassword, AZURE_CLIENT_SECRET: graphSecret, AZURE_CLIENT_CERTIFICATE_PASSWORD: certificatePassword } }, 'settings');
    const httpError = Object.assign(new Error(`POST https://slack.com/api/chat.postMessage failed for ${slackToken}`), {
      original: { config: { headers: { Authorization: `Bearer ${jwt}` }, data: `client_secret=${encodeURIComponent(graphSecret)}` } },
      request: { headers: { authorization: `Bearer ${jwt}` } },
    });
    logger.error({ err: httpError }, 'a call failed');
    logger.warn({ response: { body: { access_token: jwt, token_type: 'Bearer' } } }, `token was ${slackToken}`);
    logger.debug({ attempt: { options: { password: appPassword, note: `secret ${graphSecret}` } } }, 'retrying');

    const all = lines.join('\n');
    for (const secret of [slackToken, signingSecret, appPassword, graphSecret, certificatePassword, JSON.stringify(graphSecret).slice(1, -1), encodeURIComponent(graphSecret), jwt]) {
      expect(all, secret).not.toContain(secret);
    }
    expect(all).toContain('[redacted]');
    expect(lines).toHaveLength(4);
    for (const line of lines) expect(JSON.parse(line)).toMatchObject({ app: 'groupgate' });
    // What is not a secret stays readable.
    expect(all).toContain('POST https://slack.com/api/chat.postMessage failed for [redacted]');
  });

  it('never logs the Slack token, signing secret, app password, client secret, an Authorization header or a Graph token, even when calls fail', async () => {
    const graph = await new GraphStandIn(StandInTenant.sample()).start();
    cleanups.push(() => graph.stop());
    const dead = `http://127.0.0.1:${await closedPort()}`;
    const env = {
      ...graph.env(), STORE_URL: tempSqliteUrl(), LOG_LEVEL: 'trace',
      SLACK_BOT_TOKEN: slackToken, SLACK_SIGNING_SECRET: signingSecret, SLACK_API_URL: `${dead}/api/`, SLACK_BOT_ID: 'BBOT', SLACK_BOT_USER_ID: 'UBOT', SLACK_API_RETRIES: '0',
      TEAMS: 'on', MicrosoftAppId: '11111111-2222-4333-8444-555555555555', MicrosoftAppPassword: appPassword, MicrosoftAppType: 'MultiTenant',
    };
    const instance = await GroupGateProcess.start('secrets', env);
    cleanups.push(() => instance.kill());
    // Graph refuses the membership write; Slack's Web API and response_url are unreachable.
    const lunchClub = sampleGroup('Lunch Club').id;
    graph.answerNext('POST', `/groups/${lunchClub}/members`, ...Array.from({ length: 5 }, () => ({ status: 500, body: { error: { code: 'InternalServerError', message: 'stand-in failure' } } })));
    expect((await postForm(instance.url, slashCommand('U0ROWAN', 'join Lunch Club', `${dead}/respond/1`))).status).toBe(200);
    expect((await postForm(instance.url, slashCommand('U0ROWAN', 'join Atlas Project because audit', `${dead}/respond/2`))).status).toBe(200);
    // Teams with a bearer token GroupGate can't verify, and Slack with a bad signature.
    const teams = await postActivity(instance.url, { type: 'message', text: 'hi', from: { id: '29:x' }, conversation: { id: 'c' }, serviceUrl: dead, channelId: 'msteams' }, { authorization: `Bearer ${jwt}` });
    expect(teams.status).toBe(401);
    expect((await postSigned(instance.url, 'command=%2Fgroups&text=help', 'application/x-www-form-urlencoded', { secret: 'not-the-secret' })).status).toBe(401);

    await eventually('the failures to be logged', () => instance.logs().filter((line) => line.level >= 40).length >= 3, 20_000).catch((error: Error) => {
      throw new Error(`${error.message}\n${instance.lines.join('\n')}`);
    });
    await instance.stop();
    const all = instance.lines.join('\n');
    for (const secret of [slackToken, signingSecret, appPassword, graph.authority.clientSecret, jwt, 'stand-in-token-']) expect(all, secret).not.toContain(secret);
    expect(graph.requests.some((r) => r.headers.authorization === 'Bearer stand-in-token-1')).toBe(true); // the token was in use
  }, 60_000);

  it('keeps a wrong client secret out of what a failed first load prints and shows', async () => {
    const graph = await new GraphStandIn(StandInTenant.sample()).start();
    cleanups.push(() => graph.stop());
    const wrong = 'wrong-client-secret~Zk3';
    // A first Graph load that fails no longer ends the process: it stays up, says why in /readyz and retries.
    const instance = await GroupGateProcess.start('wrong secret', { ...graph.env(), AZURE_CLIENT_SECRET: wrong, STORE_URL: tempSqliteUrl(), LOG_LEVEL: 'trace', TEAMS: 'off' });
    cleanups.push(() => instance.kill());
    const readiness = await eventually('readiness to name the sign-in failure', async () => {
      const response = await fetch(`${instance.url}/readyz`, { signal: AbortSignal.timeout(5_000) });
      const text = await response.text();
      return response.status === 503 && /failed to load/.test(text) ? text : undefined;
    });
    expect(readiness).toMatch(/invalid_client|Invalid client secret|sign/i);
    await instance.stop();
    const all = instance.lines.join('\n');
    expect(all).toMatch(/invalid_client|Invalid client secret|sign/i);
    expect(all).not.toContain(wrong);
    expect(readiness).not.toContain(wrong);
  }, 60_000);
});

describe('errors people see', () => {
  /** A real directory that fails, like a bug would, for one call. */
  async function bedWithBrokenDirectory(): Promise<{ bed: AttackBed; lines: string[]; breaking: { on: boolean } }> {
    const storeUrl = tempSqliteUrl();
    const store = await createStore(storeUrl);
    cleanups.push(() => store.close());
    const real = await EmbeddedDirectory.open(store, sampleTenantPath);
    const breaking = { on: false };
    const broken = new Proxy(real, {
      get(target, property, receiver) {
        // groupsOf: what `groups` reads first (the caller's own groups).
        if (property === 'groupsOf' && breaking.on) return async () => Promise.reject(new TypeError("Cannot read properties of undefined (reading 'displayName')"));
        const value: unknown = Reflect.get(target, property, receiver);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    }) as Directory;
    const { logger, lines } = capturedLogger();
    const bed = await new AttackBed().start({ STORE_URL: storeUrl }, { directory: broken, logger });
    cleanups.push(() => bed.stop());
    return { bed, lines, breaking };
  }

  it('says something went wrong, with a reference and no stack trace, on every surface; the log keeps the details', async () => {
    const { bed, lines, breaking } = await bedWithBrokenDirectory();
    const before = await bed.snapshot();
    breaking.on = true;
    const answers = [
      await bed.teamsSays('Rowan Pike', 'groups'),
      (await bed.teamsClicks('Rowan Pike', 'command.run', { command: 'groups' })).text,
      await bed.slackSays('U0ROWAN', 'groups'),
      await bed.slackClicks('U0ROWAN', { action_id: 'command.run:0', value: JSON.stringify({ command: 'groups' }) }),
      (await bed.webSays('Rowan Pike', 'groups')).text,
    ];
    breaking.on = false;
    for (const answer of answers) {
      expect(answer).toMatch(/Something went wrong on my side, and nothing was changed\. .* reference [A-Z0-9]{4,6}\./);
      expect(answer).not.toMatch(stackTraceSigns);
      expect(answer).not.toContain('displayName');
    }
    const reference = /reference ([A-Z0-9]+)/.exec(answers[0]!)![1]!;
    const logged = lines.map((line) => JSON.parse(line) as { msg: string; reference?: string; err?: { stack?: string } }).find((line) => line.reference === reference);
    expect(logged?.msg).toBe('turn failed');
    expect(logged?.err?.stack).toMatch(/TypeError: Cannot read properties of undefined/);
    await expectNothingChanged(bed.gate, before);
  });
});

describe('errors from the server itself', () => {
  it('answers a failing route with a 500 that says nothing of the failure, and logs it in full', async () => {
    const { logger, lines } = capturedLogger();
    const bed = await new AttackBed().start({}, { logger });
    cleanups.push(() => bed.stop());
    // A handler that throws, as a bug in any route would; restify's own answer would carry the error's words.
    bed.running.server.get('/test/fails', async () => {
      throw new Error('could not read /work/main/adapters/internal.ts:12 for the store');
    });
    const answer = await fetch(`${bed.url}/test/fails`);
    expect(answer.status).toBe(500);
    const body = await answer.text();
    expect(JSON.parse(body)).toEqual({ code: 'Internal', message: "Something went wrong on GroupGate's side; nothing more was changed." });
    expect(body).not.toMatch(stackTraceSigns);
    const logged = lines.map((line) => JSON.parse(line) as { msg: string; err?: { message?: string; stack?: string } }).find((line) => line.msg === 'request failed');
    expect(logged?.err?.message).toContain('could not read /work/main/adapters/internal.ts:12');
    expect(logged?.err?.stack).toMatch(/\n\s+at /);
  });
});

describe('broken payloads', () => {
  it('answers whatever arrives on every surface without a stack trace or a file path, and keeps serving', async () => {
    const bed = await new AttackBed().start();
    cleanups.push(() => bed.stop());
    const before = await bed.snapshot();
    const rowan = teamsPerson('Rowan Pike');
    const anything = fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.string({ maxLength: 200 }));
    const activity = fc.record(
      {
        type: fc.oneof(fc.constantFrom('message', 'invoke', 'conversationUpdate', 'installationUpdate'), anything),
        name: fc.oneof(fc.constant('adaptiveCard/action'), anything),
        text: anything,
        value: fc.oneof(fc.record({ action: fc.record({ type: fc.constantFrom('Action.Execute', 'Action.Submit'), verb: fc.oneof(fc.constantFrom('join-request.approve', 'command.run'), fc.string()), data: anything }, { requiredKeys: [] }), trigger: anything }, { requiredKeys: [] }), anything),
        from: fc.oneof(fc.constant({ id: rowan.mri, aadObjectId: rowan.aadObjectId }), anything),
        conversation: fc.oneof(fc.constant({ id: rowan.chatId, conversationType: 'personal' }), anything),
        recipient: anything,
        entities: anything,
        channelData: anything,
      },
      { requiredKeys: [] },
    );
    const clean = (text: string) => expect(text).not.toMatch(stackTraceSigns);

    await fc.assert(
      fc.asyncProperty(activity, async (fields) => {
        const response = await postActivity(bed.url, { channelId: 'msteams', serviceUrl: bed.connector.url, id: '1', ...fields });
        expect([200, 400, 401, 404, 415, 500, 501]).toContain(response.status);
        clean(JSON.stringify(response.body ?? ''));
      }),
      { numRuns: 60 },
    );
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.dictionary(fc.string({ maxLength: 12 }), fc.string({ maxLength: 80 })), fc.jsonValue().map((payload) => ({ payload: JSON.stringify(payload) }))), async (fields) => {
        const response = await postForm(bed.url, fields);
        expect([200, 400, 401, 404]).toContain(response.status);
        clean(await response.text());
      }),
      { numRuns: 60 },
    );
    await fc.assert(
      fc.asyncProperty(fc.jsonValue({ maxDepth: 3 }), fc.constantFrom('/web/api/messages', '/web/api/actions'), async (body, path) => {
        const answer = await postJson(bed.url, path, body === undefined ? 'null' : JSON.stringify(body));
        expect([200, 400, 404]).toContain(answer.status);
        clean(JSON.stringify(answer.body));
      }),
      { numRuns: 60 },
    );
    await bed.settle();
    // Fuzzed Teams activities may carry Rowan's identity: any reply to him is fine, a change is not.
    expect((await fetch(`${bed.url}/healthz`)).status).toBe(200);
    await expectNothingChanged(bed.gate, before);
  }, 120_000);
});
