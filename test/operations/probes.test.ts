import { afterEach, describe, expect, it } from 'vitest';
import type { RunningGroupGate } from '../../bot/start-groupgate.js';
import { PrivateRedis, privateRedisMissing } from '../adapters/store/private-redis.js';
import { startTestGroupGate } from '../support/start-test-groupgate.js';

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
});
