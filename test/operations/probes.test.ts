import { afterEach, describe, expect, it } from 'vitest';
import type { RunningGroupGate } from '../../bot/start-groupgate.js';
import { PrivateRedis, privateRedisMissing } from '../adapters/store/private-redis.js';
import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { handleMessage } from '../../bot/handle-message.js';
import { RecordingLogger } from '../adapters/directory/graph/graph-harness.js';
import { GraphStandIn } from '../adapters/directory/graph/graph-stand-in.js';
import { StandInTenant } from '../adapters/directory/graph/stand-in-tenant.js';
import { replyText } from '../support/reply-text.js';
import { person } from '../support/sample-tenant.js';
import { startTestGroupGate } from '../support/start-test-groupgate.js';

/** A proxy in front of the Graph stand-in that holds every request until `release()`: a first load that takes its time. */
async function holdingProxy(target: string) {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    void released.then(() => {
      const upstream = request(new URL(req.url!, target), { method: req.method, headers: req.headers }, (answer) => {
        res.writeHead(answer.statusCode!, answer.headers);
        answer.pipe(res);
      });
      req.pipe(upstream);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, release, close: () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))) };
}

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const probe = async (running: RunningGroupGate, path: string) => {
  const answer = await fetch(`${running.url}${path}`);
  return { status: answer.status, body: await answer.json() };
};

describe('/livez and /readyz', () => {
  it('are both 200 when the store answers and the directory is loaded; /healthz is as it was', async () => {
    const running = await startTestGroupGate();
    cleanups.push(() => running.stop());
    expect(await probe(running, '/livez')).toEqual({ status: 200, body: { status: 'ok' } });
    expect(await probe(running, '/readyz')).toEqual({ status: 200, body: { status: 'ready' } });
    expect(await probe(running, '/healthz')).toEqual({ status: 200, body: { status: 'ok', store: 'reachable', directory: 'loaded' } });
  });

  it.skipIf(privateRedisMissing)('keep /livez at 200 while Redis is gone, and /readyz at 503 saying so, until it is back', async () => {
    const redis = await PrivateRedis.start();
    cleanups.push(() => redis.stop());
    const running = await startTestGroupGate({ STORE_URL: `${redis.url}?namespace=probes` });
    cleanups.push(() => running.stop());

    await redis.stop();
    expect(await probe(running, '/livez')).toEqual({ status: 200, body: { status: 'ok' } });
    expect(await probe(running, '/readyz')).toEqual({ status: 503, body: { status: 'not ready', reasons: ['store unreachable'] } });

    await redis.resume();
    await expect.poll(async () => (await probe(running, '/readyz')).status, { timeout: 10_000 }).toBe(200);
  });

  it('say why the directory is not ready: still loading, or failed to load', async () => {
    const running = await startTestGroupGate();
    cleanups.push(() => running.stop());
    const { directory } = running.gate;
    const ready = directory.ready.bind(directory);
    directory.ready = async () => false;
    expect(await probe(running, '/readyz')).toEqual({ status: 503, body: { status: 'not ready', reasons: ['directory still loading'] } });
    directory.ready = async () => Promise.reject(new Error('could not sign in to Microsoft Entra'));
    expect(await probe(running, '/readyz')).toEqual({ status: 503, body: { status: 'not ready', reasons: ['directory failed to load: could not sign in to Microsoft Entra'] } });
    // A directory that never answers does not hold the probe past its budget.
    directory.ready = () => new Promise<boolean>(() => undefined);
    expect(await probe(running, '/readyz')).toEqual({ status: 503, body: { status: 'not ready', reasons: ['directory did not answer in time'] } });
    directory.ready = ready;
    expect((await probe(running, '/livez')).status).toBe(200);
  });

  it('listens before the first Graph load: not ready and "still loading" in chat while it loads, then ready', async () => {
    const stand = await new GraphStandIn(StandInTenant.sample()).start();
    cleanups.push(() => stand.stop());
    const proxy = await holdingProxy(stand.url);
    cleanups.push(() => proxy.close());
    const running = await startTestGroupGate({ ...stand.env(), GRAPH_BASE_URL: proxy.url }, { waitForLoad: false });
    cleanups.push(() => running.stop());

    expect(await probe(running, '/livez')).toEqual({ status: 200, body: { status: 'ok' } });
    expect(await probe(running, '/readyz')).toEqual({ status: 503, body: { status: 'not ready', reasons: ['directory still loading'] } });
    const asked = await handleMessage(running.gate, { actor: person('Rowan Pike'), platform: 'teams' }, 'join Atlas Project');
    expect(replyText(asked)).toBe('GroupGate is still loading the directory from Microsoft Graph; please try again in a minute.');

    proxy.release();
    await running.loaded;
    expect(await probe(running, '/readyz')).toEqual({ status: 200, body: { status: 'ready' } });
    expect(replyText(await handleMessage(running.gate, { actor: person('Rowan Pike'), platform: 'teams' }, 'groups'))).not.toMatch(/still loading/);
  });

  it('stays up when the first Graph load fails: /readyz says why, each failure is logged once, and a later try loads it', async () => {
    const stand = await new GraphStandIn(StandInTenant.sample()).start();
    cleanups.push(() => stand.stop());
    const denied = { status: 403, body: { error: { code: 'Authorization_RequestDenied', message: 'Insufficient privileges to complete the operation.' } } };
    stand.answerNext('GET', '/users/delta', denied, denied);
    const logger = new RecordingLogger();
    const running = await startTestGroupGate({ ...stand.env(), DIRECTORY_LOAD_RETRY: '0.3s' }, { waitForLoad: false, logger });
    cleanups.push(() => running.stop());

    await expect(running.loaded).rejects.toThrow(/Insufficient privileges/);
    const readiness = await probe(running, '/readyz');
    expect(readiness.status).toBe(503);
    expect(readiness.body.reasons).toEqual([expect.stringMatching(/^directory failed to load: Microsoft Graph answered 403 Authorization_RequestDenied .*Insufficient privileges/)]);
    expect((await probe(running, '/livez')).status).toBe(200);

    await expect.poll(async () => (await probe(running, '/readyz')).status, { timeout: 10_000 }).toBe(200);
    const failures = logger.lines.filter((line) => /could not load the directory from Microsoft Graph/.test(line.message));
    expect(failures.map((line) => line.message)).toEqual([
      expect.stringMatching(/403 Authorization_RequestDenied.*; trying again in 0\.3 s$/),
      expect.stringMatching(/; trying again in 0\.6 s$/),
    ]);
    expect(logger.lines.filter((line) => line.message === 'scheduled job failed')).toEqual([]);
  });
});
