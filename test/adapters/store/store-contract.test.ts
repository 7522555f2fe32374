import { describe, expect, it } from 'vitest';
import { createStore } from '../../../adapters/store/create-store.js';
import type { Store } from '../../../domain/ports/store.js';
import { tempSqliteUrl } from '../../support/temp-store-url.js';
import { explainStoreSkips, storeBackends, storeOpener } from './store-backends.js';

explainStoreSkips('store contract');
const backends = storeBackends('contract');

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(backends)('the %s store', (_, makeUrl) => {
  const open = storeOpener(makeUrl);

  it('keeps what was put, and forgets what was deleted', async () => {
    const store = await open();
    await store.put('request:1', { status: 'pending', reason: 'ünïcode & <tags>' });
    expect(await store.get('request:1')).toEqual({ status: 'pending', reason: 'ünïcode & <tags>' });
    await store.delete('request:1');
    expect(await store.get('request:1')).toBeUndefined();
    expect(await store.list('request:')).toEqual([]);
  });

  it('reads several keys of several families at once, in the order asked, with gaps and expired entries as undefined', async () => {
    const store = await open();
    await Promise.all([store.put('graph:user:u-1', { name: 'Ines' }), store.put('graph:roles', { 'u-1': ['Groups Administrator'] }), store.put('web:log:1', 'hello'), store.put('cache:x', 'gone', { ttlMs: 20 })]);
    await store.update<number, void>('counter', () => ({ next: 7, result: undefined }));
    await sleep(40);
    expect(await store.getMany(['web:log:1', 'graph:user:u-1', 'nothing:here', 'graph:roles', 'cache:x', 'counter'])).toEqual([
      'hello', { name: 'Ines' }, undefined, { 'u-1': ['Groups Administrator'] }, undefined, 7,
    ]);
    expect(await store.getMany([])).toEqual([]);
  });

  it('intersects groups of sets where they live: per group its sets joined, then what every group has, sorted', async () => {
    const store = await open();
    await store.write([
      { addTo: 'graph:prefix:cedar', members: ['Cedar Readers 1', 'Cedar Ops 2', 'Cedar Readers 3'] },
      { addTo: 'graph:word:cedar', members: ['Readers of cedar wood 9'] },
      { addTo: 'graph:prefix:readers', members: ['Cedar Readers 3', 'Atlas Readers 4', 'Cedar Readers 1', 'Readers of cedar wood 9'] },
      { addTo: 'graph:word:readers', members: ['Cedar Ops 2'] },
    ]);
    // "cedar readers": in a name or description word of each, so the three Cedar Readers-ish and the Ops group whose description says readers.
    expect(await store.intersectSets([['graph:prefix:cedar', 'graph:word:cedar'], ['graph:prefix:readers', 'graph:word:readers']])).toEqual(['Cedar Ops 2', 'Cedar Readers 1', 'Cedar Readers 3', 'Readers of cedar wood 9']);
    expect(await store.intersectSets([['graph:prefix:cedar'], ['graph:prefix:readers']])).toEqual(['Cedar Readers 1', 'Cedar Readers 3']);
    expect(await store.intersectSets([['graph:prefix:readers'], ['graph:prefix:cedar']]), 'whichever group is smaller').toEqual(['Cedar Readers 1', 'Cedar Readers 3']);
    expect(await store.intersectSets([['graph:prefix:cedar']]), 'one group: its union').toEqual(['Cedar Ops 2', 'Cedar Readers 1', 'Cedar Readers 3']);
    expect(await store.intersectSets([['graph:prefix:readers', 'graph:word:cedar']]), 'a member in two sets of one group, once').toEqual(['Atlas Readers 4', 'Cedar Readers 1', 'Cedar Readers 3', 'Readers of cedar wood 9']);
    expect(await store.intersectSets([['graph:prefix:cedar'], ['graph:prefix:none']]), 'a group with no members').toEqual([]);
    expect(await store.intersectSets([])).toEqual([]);
    await expect(store.intersectSets([['graph:prefix:cedar'], ['web:tags:x']])).rejects.toThrow(/one key family/);
  });

  it('lists the entries under a prefix in key order, and nothing beyond it', async () => {
    const store = await open();
    await Promise.all([store.put('a:2', 2), store.put('a:1', 1), store.put('ab', 'not mine'), store.put('b:1', 'other')]);
    expect(await store.list('a:')).toEqual([['a:1', 1], ['a:2', 2]]);
  });

  it('lists keys of every depth under a prefix, whichever way they were written', async () => {
    const store = await open();
    await store.put('audit:group:g1:0002', 'put');
    await store.update<string, void>('audit:group:g1:0001', () => ({ next: 'updated', result: undefined }));
    await store.put('audit:group:g2:0001', 'other group');
    await store.put('audit:entry:0001', 'entry');
    await store.put('audit', 'no colon');
    expect(await store.list('audit:group:g1:')).toEqual([['audit:group:g1:0001', 'updated'], ['audit:group:g1:0002', 'put']]);
    expect((await store.list('audit:')).map(([key]) => key)).toEqual(['audit:entry:0001', 'audit:group:g1:0001', 'audit:group:g1:0002', 'audit:group:g2:0001']);
    expect((await store.list('')).map(([key]) => key)).toContain('audit');
    await store.update<string, void>('audit:group:g1:0001', () => ({ next: null, result: undefined }));
    expect(await store.list('audit:group:g1:')).toEqual([['audit:group:g1:0002', 'put']]);
  });

  it('forgets an entry once its time to live has passed', async () => {
    const store = await open();
    await store.put('cache:x', 'soon gone', { ttlMs: 40 });
    expect(await store.get('cache:x')).toBe('soon gone');
    await sleep(80);
    expect(await store.get('cache:x')).toBeUndefined();
    expect(await store.list('cache:')).toEqual([]);
    await store.put('cache:x', 'back again');
    expect(await store.list('cache:')).toEqual([['cache:x', 'back again']]);
  });

  it('updates atomically: 100 concurrent increments of one key all count', async () => {
    const store = await open();
    await Promise.all(Array.from({ length: 100 }, () => store.update<number, void>('counter', (n) => ({ next: (n ?? 0) + 1, result: undefined }))));
    expect(await store.get('counter')).toBe(100);
  });

  it('lets exactly one of many concurrent creators claim an absent key', async () => {
    const store = await open();
    const claims = await Promise.all(
      Array.from({ length: 50 }, (_, i) => store.update<number, boolean>('claim', (current) => (current === undefined ? { next: i, result: true } : { result: false }))),
    );
    expect(claims.filter(Boolean)).toHaveLength(1);
  });

  it('deletes through an update when asked to, and leaves the key alone when nothing changes', async () => {
    const store = await open();
    await store.put('k', 'v');
    expect(await store.update<string, string>('k', (current) => ({ result: `saw ${current}` }))).toBe('saw v');
    expect(await store.get('k')).toBe('v');
    await store.update<string, void>('k', () => ({ next: null, result: undefined }));
    expect(await store.get('k')).toBeUndefined();
  });

  it('keeps an entry\'s time to live across an update that does not set one', async () => {
    const store = await open();
    await store.put('lease', 1, { ttlMs: 60 });
    await store.update<number, void>('lease', (n) => ({ next: (n ?? 0) + 1, result: undefined }));
    expect(await store.get('lease')).toBe(2);
    await sleep(100);
    expect(await store.get('lease')).toBeUndefined();
  });

  it('answers a ping', async () => {
    expect(await (await open()).ping()).toBe(true);
  });
});

describe('a store that cannot be reached', () => {
  it('fails to open with an error that names what is unreachable', async () => {
    await expect(createStore('redis://127.0.0.1:1')).rejects.toThrow(/cannot reach Redis at 127.0.0.1:1/);
  }, 10_000);

  it('keeps its SQLite file where STORE_URL says, creating the folder on first start', async () => {
    const url = `${tempSqliteUrl().replace('store.sqlite', '')}nested/deeper/store.sqlite`;
    const store = await createStore(url);
    await store.put('x', 1);
    await store.close();
    const again = await createStore(url);
    expect(await again.get('x')).toBe(1);
    await again.close();
  });
});
