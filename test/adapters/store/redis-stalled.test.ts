import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStore, type OpenedStore } from '../../../adapters/store/create-store.js';
import { StoreUnavailableError } from '../../../domain/ports/store.js';
import { listJoinRequests } from '../../../domain/join-requests/join-request-records.js';
import { person } from '../../support/sample-tenant.js';
import { expectNothingChanged, snapshotState } from '../../support/state-snapshot.js';
import { webChatHarness } from '../web/web-chat-client.js';
import { sleep } from './groupgate-process.js';
import { PrivateRedis, privateRedisMissing } from './private-redis.js';

const timed = async <T>(work: Promise<T>) => {
  const started = performance.now();
  const outcome = await work.then((value) => ({ value }), (error: unknown) => ({ error }));
  return { ...outcome, ms: performance.now() - started };
};

describe.skipIf(privateRedisMissing !== undefined)('a Redis that stops answering (SIGSTOP)', () => {
  let redis: PrivateRedis;
  let store: OpenedStore;
  beforeAll(async () => {
    redis = await PrivateRedis.start();
    store = await createStore(`${redis.url}?namespace=stalled`);
  });
  afterAll(async () => {
    redis?.thaw();
    await store?.close();
    await redis?.stop();
  });

  it('fails each store call within a few seconds as unavailable, and a write it runs once it wakes changes nothing', async () => {
    await store.put('join-request:R-1', { status: 'pending' });
    redis.freeze();
    try {
      const [put, update, batch, read] = await Promise.all([
        timed(store.put('join-request:R-1', { status: 'approved' })),
        timed(store.update<{ status: string }, void>('join-request:R-2', () => ({ next: { status: 'pending' }, result: undefined }))),
        timed(store.write([{ put: 'join-request:R-3', value: { status: 'pending' } }])),
        timed(store.get('join-request:R-1')),
      ]);
      for (const [what, outcome] of Object.entries({ put, update, batch, read })) {
        expect('error' in outcome && outcome.error instanceof StoreUnavailableError, what).toBe(true);
        expect(outcome.ms, what).toBeLessThan(6_000);
      }
    } finally {
      redis.thaw();
    }
    // Redis now runs what it was sent while paused: past their deadlines, the writes do nothing.
    await sleep(300);
    expect(await store.get('join-request:R-1')).toEqual({ status: 'pending' });
    expect(await store.get('join-request:R-2')).toBeUndefined();
    expect(await store.get('join-request:R-3')).toBeUndefined();
    // And it works again, without reopening.
    await store.put('join-request:R-1', { status: 'approved' });
    expect(await store.get('join-request:R-1')).toEqual({ status: 'approved' });
  }, 20_000);
});

describe.skipIf(privateRedisMissing !== undefined)('GroupGate on a Redis that stops answering', () => {
  const web = webChatHarness();
  let redis: PrivateRedis;
  beforeAll(async () => {
    redis = await PrivateRedis.start();
  });
  afterAll(async () => {
    redis?.thaw();
    await redis?.stop();
  });

  it('answers "try again" within seconds and, once Redis wakes, has changed nothing (store, directory, audit)', async () => {
    const running = await web.start({ STORE_URL: `${redis.url}?namespace=stalled-bot` });
    // Start-up work (the first licensing run) settles first: only what the stalled request did may differ.
    await running.gate.background.idle();
    const licensingSettled = async () => (await running.gate.store.get<{ done: number }>('licensing:meta'))?.done === (await running.gate.store.get<number>('licensing:wanted'));
    // Start-up asks for licensing runs more than once; all have finished when none is wanted for a while.
    for (let quiet = 0; quiet < 10; quiet = (await licensingSettled()) ? quiet + 1 : 0) await sleep(100);
    const before = await snapshotState(running.gate);
    redis.freeze();
    let answer, health;
    try {
      [answer, health] = await Promise.all([
        timed(web.say(person('Rowan Pike').id, 'join Atlas Project because I moved teams')),
        timed(fetch(`${running.url}/healthz`).then(async (response) => ({ status: response.status, body: await response.json() }))),
      ]);
    } finally {
      redis.thaw();
    }
    expect('value' in health && health.value).toEqual({ status: 503, body: { status: 'degraded', store: 'unreachable', directory: 'unknown' } });
    expect(health.ms).toBeLessThan(2_000);
    expect('value' in answer && answer.value).toMatchObject({ status: 503, body: { code: 'StoreUnavailable' } });
    expect(answer.ms).toBeLessThan(6_000);
    await sleep(500);
    await running.gate.background.idle();
    expect(await listJoinRequests(running.gate.store)).toEqual([]);
    await expectNothingChanged(running.gate, before);
  }, 30_000);
});
