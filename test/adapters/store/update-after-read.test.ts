import { afterAll, describe, expect, it } from 'vitest';
import { createStore } from '../../../adapters/store/create-store.js';
import type { Store } from '../../../domain/ports/store.js';
import { explainStoreSkips, storeBackends } from './store-backends.js';

// An atomic update swaps against the value this instance last saw at the key, without reading it
// again (adapters/store/last-seen-values.ts): one round trip instead of two for a read-then-decide
// (a click reads the request, then decides it) and for a key this instance wrote last (a rate-limit
// bucket, a lease). What was seen may be stale — another instance wrote since — and the update must
// then land on the newest value all the same.
explainStoreSkips('update after read');

/** Opens two stores on one backend (two instances), the first with its round trips counted. */
async function twoInstances(url: string): Promise<{ mine: Store; other: Store; trips: () => number }> {
  let trips = 0;
  const mine = await createStore(url, { onRoundTrip: () => trips++ });
  const other = await createStore(url);
  opened.push(mine, other);
  return { mine, other, trips: () => trips };
}
const opened: Store[] = [];
afterAll(async () => Promise.all(opened.map((s) => s.close())));

const add = (n: number) => (current: number | undefined) => ({ next: (current ?? 0) + n, result: (current ?? 0) + n });
const settled = () => new Promise((resolve) => setImmediate(resolve));

describe.each(storeBackends('update-after-read'))('an update after a read on %s', (_, makeUrl) => {
  it('costs one round trip when nobody wrote in between', async () => {
    const { mine, other, trips } = await twoInstances(makeUrl());
    await other.put('counter', 1);
    expect(await mine.get<number>('counter')).toBe(1);
    await settled();
    const before = trips();
    expect(await mine.update('counter', add(1))).toBe(2);
    expect(trips() - before).toBe(1);
    // Its own write is what it saw last: the next update is one round trip too.
    await settled();
    const again = trips();
    expect(await mine.update('counter', add(1))).toBe(3);
    expect(trips() - again).toBe(1);
    expect(await other.get<number>('counter')).toBe(3);
  });

  it('lands on the newest value when another instance wrote since it was seen', async () => {
    const { mine, other } = await twoInstances(makeUrl());
    await mine.put('counter', 1);
    await other.update('counter', add(10));
    // `mine` last saw 1; the swap against it fails, and the update reads 11 and goes on from there.
    expect(await mine.update('counter', add(1))).toBe(12);
    expect(await other.get<number>('counter')).toBe(12);
  });

  it('answers a no-op decision from a fresh read, never from what it saw', async () => {
    const { mine, other } = await twoInstances(makeUrl());
    await mine.put('status', 'pending');
    await other.put('status', 'approved');
    // Deciding on the stale "pending" would write; deciding on "approved" writes nothing: the answer must be the store's.
    const outcome = await mine.update<string, string>('status', (current) => (current === 'pending' ? { next: 'denied', result: 'denied' } : { result: `already ${current}` }));
    expect(outcome).toBe('already approved');
    expect(await other.get('status')).toBe('approved');
    const stale = await mine.update<string, string>('status', (current) => ({ result: `still ${current}` }));
    expect(stale).toBe('still approved');
  });

  it('keeps first-writer-wins when two instances race from the same seen value', async () => {
    const { mine, other } = await twoInstances(makeUrl());
    await mine.put('request', 'pending');
    await other.get('request');
    const decide = (who: string) => (current: string | undefined) => (current === 'pending' ? { next: `decided by ${who}`, result: `won: ${who}` } : { result: `lost: ${who}` });
    const outcomes = await Promise.all([mine.update('request', decide('mine')), other.update('request', decide('other'))]);
    expect(outcomes.filter((o) => o.startsWith('won'))).toHaveLength(1);
    expect(outcomes.filter((o) => o.startsWith('lost'))).toHaveLength(1);
  });

  it('updates several keys in one round trip, creating the absent ones, results in order; another instance writing one makes every decision run again', async () => {
    const { mine, other, trips } = await twoInstances(makeUrl());
    await other.put('card:a', 1);
    await other.put('card:b', 10);
    expect(await mine.getMany<number>(['card:a', 'card:b', 'card:c'])).toEqual([1, 10, undefined]);
    await settled();
    const before = trips();
    expect(await mine.updateEach(['card:a', 'card:b', 'card:c'], add(1))).toEqual([2, 11, 1]);
    expect(trips() - before, 'seen a moment ago: one batch, no read').toBe(1);
    expect(await other.getMany(['card:a', 'card:b', 'card:c'])).toEqual([2, 11, 1]);

    // `mine` last saw b at 11; another instance moves it to 111. All or none: nothing of the first try lands.
    await other.update('card:b', add(100));
    expect(await mine.updateEach(['card:a', 'card:b'], add(1))).toEqual([3, 112]);
    expect(await other.getMany(['card:a', 'card:b'])).toEqual([3, 112]);
  });

  it('answers a decision that writes nothing from a fresh read, and keeps first-writer-wins against a single-key update', async () => {
    const { mine, other } = await twoInstances(makeUrl());
    await mine.write([{ put: 'ticket:1', value: 'pending' }, { put: 'ticket:2', value: 'pending' }]);
    await other.put('ticket:2', 'approved');
    const seen: Array<string | undefined> = [];
    const outcomes = await mine.updateEach<string, string>(['ticket:1', 'ticket:2'], (current, key) => {
      seen.push(current);
      return current === 'pending' && key === 'ticket:2' ? { next: 'denied', result: 'denied' } : { result: `left ${current}` };
    });
    expect(outcomes).toEqual(['left pending', 'left approved']);
    expect(seen.slice(-2), 'the last decisions saw the store, not memory').toEqual(['pending', 'approved']);

    const decide = (who: string) => (current: string | undefined) => (current === 'pending' ? { next: `decided by ${who}`, result: `won: ${who}` } : { result: `lost: ${who}` });
    const [many, one] = await Promise.all([mine.updateEach(['ticket:1'], decide('mine')), other.update('ticket:1', decide('other'))]);
    expect([many[0], one].filter((o) => o!.startsWith('won'))).toHaveLength(1);
    await expect(mine.updateEach(['ticket:1', 'web:x'], decide('mine'))).rejects.toThrow(/one key family/);
    await expect(mine.updateEach(['ticket:1'], () => ({ next: null, result: undefined }))).rejects.toThrow(/may not delete/);
  });
});
