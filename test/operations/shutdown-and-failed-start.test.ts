import { existsSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { EmbeddedDirectory } from '../../adapters/directory/embedded/embedded-directory.js';
import { createStore } from '../../adapters/store/create-store.js';
import type { RunningGroupGate } from '../../bot/start-groupgate.js';
import { groupId, userId, type GroupId, type UserId } from '../../domain/model/ids.js';
import type { Store } from '../../domain/ports/store.js';
import { postForm, signingSecret, slashCommand } from '../adapters/slack/signed-slack-request.js';
import { SlackStandIn } from '../adapters/slack/slack-stand-in.js';
import { openWebEvents } from '../adapters/web/web-events-reader.js';
import { person, sampleGroup, sampleTenantPath } from '../support/sample-tenant.js';
import { startTestGroupGate } from '../support/start-test-groupgate.js';
import { tempSqliteUrl } from '../support/temp-store-url.js';
import { webChatFetch } from '../adapters/web/web-chat-session.js';

const lunchClub = groupId(sampleGroup('Lunch Club').id);
const engineeringGuild = groupId(sampleGroup('Engineering Guild').id);
const rowan = userId(person('Rowan Pike').id);

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** The sample tenant on its own store, with a directory whose membership writes take `delayMs`, and a signal when one starts. */
async function slowDirectory(storeUrl: string, delayMs: number) {
  const store = await createStore(storeUrl);
  cleanups.push(() => store.close());
  const directory = await EmbeddedDirectory.open(store, sampleTenantPath);
  let started!: () => void;
  const writing = new Promise<void>((resolve) => (started = resolve));
  const written: number[] = [];
  const addMember = directory.addMember.bind(directory);
  directory.addMember = async (group: GroupId, user: UserId) => {
    started();
    await new Promise((resolve) => setTimeout(resolve, delayMs));
    const write = await addMember(group, user);
    written.push(Date.now());
    return write;
  };
  return { directory, writing, written };
}

async function membersAfterStop(storeUrl: string, group: GroupId) {
  const store: Store = await createStore(storeUrl);
  try {
    return await (await EmbeddedDirectory.open(store, sampleTenantPath)).listMembers(group);
  } finally {
    await store.close();
  }
}

describe('graceful shutdown', () => {
  it('finishes an HTTP request in flight, answers it, then refuses new connections and closes the store', async () => {
    const storeUrl = tempSqliteUrl();
    const { directory, writing, written } = await slowDirectory(storeUrl, 400);
    const running: RunningGroupGate = await startTestGroupGate({ STORE_URL: storeUrl, WEB_CHAT: 'on' }, { directory });
    const inFlight = webChatFetch(running.url, '/web/api/messages', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: running.url },
      body: JSON.stringify({ as: rowan, where: 'direct', text: 'join Lunch Club' }),
    });
    await writing;
    const stopped = running.stop().then(() => Date.now());

    const answer = await inFlight;
    expect(answer.status).toBe(200);
    expect(JSON.stringify(await answer.json())).toContain("Done — you're now a member of ");
    const stoppedAt = await stopped;
    expect(stoppedAt).toBeGreaterThanOrEqual(written[0]!);
    expect(stoppedAt - written[0]!).toBeLessThan(1_000); // not held open by the client's idle keep-alive connection
    await expect(fetch(`${running.url}/healthz`)).rejects.toThrow();
    expect(await membersAfterStop(storeUrl, lunchClub)).toContain(rowan);
  });

  it('is not held up by a web chat page that keeps its event stream open', async () => {
    const running = await startTestGroupGate({ WEB_CHAT: 'on' });
    const events = await openWebEvents(running.url, rowan);
    cleanups.push(async () => events.close());
    const started = Date.now();
    await running.stop();
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('lets work a Slack request started after its ack finish before the store closes', async () => {
    const storeUrl = tempSqliteUrl();
    const slack = await new SlackStandIn().start();
    cleanups.push(() => slack.stop());
    const { directory, writing } = await slowDirectory(storeUrl, 400);
    const running = await startTestGroupGate(
      { STORE_URL: storeUrl, SLACK_BOT_TOKEN: 'xoxb-test', SLACK_SIGNING_SECRET: signingSecret, SLACK_API_URL: slack.apiUrl, SLACK_BOT_ID: 'BBOT', SLACK_BOT_USER_ID: 'UBOT', SLACK_API_RETRIES: '0' },
      { directory },
    );
    const acked = await postForm(running.url, slashCommand('U0ROWAN', 'join Engineering Guild', slack.responseUrl('rowan')));
    expect(acked.status).toBe(200); // acked at once; the join runs after
    await writing;
    await running.stop();

    expect(await membersAfterStop(storeUrl, engineeringGuild)).toContain(rowan);
    expect(JSON.stringify(slack.responses)).toContain("now a member of Engineering Guild");
  });
});

describe('/healthz', () => {
  it('answers 200 when the store and the directory answer, and 503 naming the part that does not', async () => {
    const running = await startTestGroupGate();
    cleanups.push(() => running.stop());
    const health = async () => {
      const answer = await fetch(`${running.url}/healthz`);
      return { status: answer.status, body: await answer.json() };
    };
    expect(await health()).toEqual({ status: 200, body: { status: 'ok', store: 'reachable', directory: 'loaded' } });
    const { store, directory } = running.gate;
    const [ping, ready] = [store.ping.bind(store), directory.ready.bind(directory)];
    store.ping = async () => false;
    expect(await health()).toEqual({ status: 503, body: { status: 'degraded', store: 'unreachable', directory: 'loaded' } });
    store.ping = ping;
    directory.ready = async () => Promise.reject(new Error('Graph sign-in failed'));
    expect(await health()).toEqual({ status: 503, body: { status: 'degraded', store: 'reachable', directory: 'not loaded' } });
    directory.ready = ready;
  });
});

describe('a start that fails part-way', () => {
  it('closes the store it opened when a surface refuses its configuration', async () => {
    const storeUrl = tempSqliteUrl();
    const path = storeUrl.replace('sqlite://', '');
    // Nothing listens on port 9 of this machine: Slack's auth.test fails, and so does the start.
    const failed = startTestGroupGate({ STORE_URL: storeUrl, SLACK_BOT_TOKEN: 'xoxb-test', SLACK_SIGNING_SECRET: signingSecret, SLACK_API_URL: 'http://127.0.0.1:9/api/', SLACK_API_RETRIES: '0' });
    await expect(failed).rejects.toThrow(/SLACK_BOT_TOKEN: Slack's auth.test/);
    expect(existsSync(path)).toBe(true);
    // SQLite removes the write-ahead log when its last connection closes.
    expect(existsSync(`${path}-wal`)).toBe(false);
  });

  it('closes its store, scheduler and directory when its port is taken', async () => {
    const first = await startTestGroupGate();
    cleanups.push(() => first.stop());
    const storeUrl = tempSqliteUrl();
    const port = new URL(first.url).port;
    await expect(startTestGroupGate({ STORE_URL: storeUrl, PORT: port })).rejects.toThrow(/already in use by another program/);
    expect(existsSync(`${storeUrl.replace('sqlite://', '')}-wal`)).toBe(false);
  });

  it('leaves the write-ahead log in place while a store is open (what the test above relies on)', async () => {
    const storeUrl = tempSqliteUrl();
    const running = await startTestGroupGate({ STORE_URL: storeUrl });
    expect(existsSync(`${storeUrl.replace('sqlite://', '')}-wal`)).toBe(true);
    await running.stop();
    expect(existsSync(`${storeUrl.replace('sqlite://', '')}-wal`)).toBe(false);
  });
});
