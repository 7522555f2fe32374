import { afterAll, describe, expect, it } from 'vitest';
import { createStore } from '../../../adapters/store/create-store.js';
import type { Store } from '../../../domain/ports/store.js';
import { explainStoreSkips, storeBackends } from './store-backends.js';

explainStoreSkips('store sets and batches');

describe.each(storeBackends('sets'))('sets and atomic batches on the %s store', (_, makeUrl) => {
  const opened: Store[] = [];
  const open = async (url = makeUrl()) => {
    const store = await createStore(url);
    opened.push(store);
    return store;
  };
  afterAll(async () => Promise.all(opened.map((s) => s.close())));

  it('counts what each write changed, and counts nothing the second time', async () => {
    const store = await open();
    const batch = [
      { addTo: 'graph:members:g1', members: ['u2', 'u1', 'u1'] },
      { put: 'graph:group:g1', value: { name: 'Atlas', size: 2 } },
      { removeFrom: 'graph:members:g1', members: ['u9'] },
      { delete: 'graph:group:gone' },
    ];
    expect(await store.write(batch)).toEqual([2, 1, 0, 0]);
    expect(await store.write(batch)).toEqual([0, 1, 0, 0]);
    expect(await store.setMembers('graph:members:g1')).toEqual(['u1', 'u2']);
    expect(await store.setSize('graph:members:g1')).toBe(2);
    expect(await store.inSet('graph:members:g1', 'u1')).toBe(true);
    expect(await store.inSet('graph:members:g1', 'u9')).toBe(false);
    expect(await store.get('graph:group:g1')).toEqual({ name: 'Atlas', size: 2 });

    expect(await store.write([{ removeFrom: 'graph:members:g1', members: ['u1', 'u9'] }, { delete: 'graph:group:g1' }])).toEqual([1, 1]);
    expect(await store.write([{ deleteSet: 'graph:members:g1' }, { deleteSet: 'graph:members:g1' }])).toEqual([1, 0]);
    expect(await store.setMembers('graph:members:g1')).toEqual([]);
    expect(await store.setSize('graph:members:g1')).toBe(0);
    expect(await store.get('graph:group:g1')).toBeUndefined();
  });

  it('keeps sets apart from values: a set and a value may share a key, and lists show values only', async () => {
    const store = await open();
    await store.put('graph:x', 'a value');
    await store.write([{ addTo: 'graph:x', members: ['m'] }, { addTo: 'graph:y', members: ['m'] }]);
    expect(await store.get('graph:x')).toBe('a value');
    expect(await store.list('graph:')).toEqual([['graph:x', 'a value']]);
    expect(await store.setMembers('graph:x')).toEqual(['m']);
    await store.delete('graph:x');
    expect(await store.setMembers('graph:x')).toEqual(['m']);
  });

  it('reads a value written by a batch exactly like one put, time to live and listing included', async () => {
    // Long enough that the reads before the listing finish inside it on a loaded CI machine (2 s ran out there).
    const ttlMs = 6_000;
    const store = await open();
    const written = Date.now();
    await store.write([{ put: 'cache:a', value: { n: 1, text: ':colon first' } }, { put: 'cache:b', value: 'short', ttlMs: ttlMs }]);
    await store.put('cache:c', { n: 1, text: ':colon first' });
    expect(await store.get('cache:a')).toEqual(await store.get('cache:c'));
    expect((await store.list('cache:')).map(([key]) => key)).toEqual(['cache:a', 'cache:b', 'cache:c']);
    expect(await store.update<{ n: number }, number>('cache:a', (v) => ({ next: { n: (v?.n ?? 0) + 1 }, result: v?.n ?? 0 }))).toBe(1);
    // Wait out the time to live, counted from the write (400 ms ran out before the listing under a loaded CI run).
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, written + ttlMs + 50 - Date.now())));
    expect(await store.get('cache:b')).toBeUndefined();
    expect((await store.list('cache:')).map(([key]) => key)).toEqual(['cache:a', 'cache:c']);
  });

  it('creates a value only where there is none, and then writes nothing else of the batch either', async () => {
    const store = await open();
    expect(await store.write([{ create: 'audit:e-1', value: { n: 1 } }, { addTo: 'audit:group:g', members: ['e-1'] }])).toEqual([1, 1]);
    expect(await store.write([{ create: 'audit:e-2', value: { n: 2 } }, { create: 'audit:e-1', value: { n: 9 } }, { addTo: 'audit:group:g', members: ['e-9'] }])).toEqual([0, 0, 0]);
    expect(await store.list('audit:')).toEqual([['audit:e-1', { n: 1 }]]);
    expect(await store.setMembers('audit:group:g')).toEqual(['e-1']);
    // A created value reads, updates and lists like a put one.
    expect(await store.update<{ n: number }, number>('audit:e-1', (v) => ({ next: { n: v!.n + 1 }, result: v!.n }))).toBe(1);
    expect(await store.get('audit:e-1')).toEqual({ n: 2 });
  });

  it('reads a set of 100,000 members in one call', async () => {
    const store = await open();
    const members = Array.from({ length: 100_000 }, (_, i) => `user-${String(i).padStart(6, '0')}`);
    expect(await store.write([{ addTo: 'graph:members:big', members }])).toEqual([100_000]);
    expect(await store.setSize('graph:members:big')).toBe(100_000);
    expect(await store.setMembers('graph:members:big')).toEqual(members);
    expect(await store.inSet('graph:members:big', 'user-099999')).toBe(true);
  }, 60_000);

  it('refuses a batch that mixes key families, and writes none of it', async () => {
    const store = await open();
    await expect(store.write([{ put: 'graph:a', value: 1 }, { addTo: 'audit:b', members: ['x'] }])).rejects.toThrow(/one key family.*audit, graph/);
    expect(await store.get('graph:a')).toBeUndefined();
    expect(await store.setSize('audit:b')).toBe(0);
  });

  it('shares sets between two connections to the same store', async () => {
    const url = makeUrl();
    const [one, two] = [await open(url), await open(url)];
    await one.write([{ addTo: 'graph:owners:g1', members: ['dana'] }]);
    expect(await two.inSet('graph:owners:g1', 'dana')).toBe(true);
  });
});
