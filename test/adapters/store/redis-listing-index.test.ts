import KeyvRedis, { createClient } from '@keyv/redis';
import Keyv from 'keyv';
import { afterAll, describe, expect, it } from 'vitest';
import { createStore } from '../../../adapters/store/create-store.js';
import type { Store } from '../../../domain/ports/store.js';
import { explainRedisSkip, redisUrl } from '../../support/temp-store-url.js';
import { dropNamespace } from './fleet.js';

explainRedisSkip('Redis listing index');

describe.skipIf(!redisUrl)('listing on Redis without scanning the keyspace', () => {
  const namespace = `gg-index-${Date.now()}-${process.pid}`;
  const opened: Store[] = [];
  afterAll(async () => {
    await Promise.all(opened.map((s) => s.close()));
    await dropNamespace(redisUrl!, namespace);
  });

  it('finds what an earlier GroupGate wrote before the index existed, and keeps it up to date from then on', async () => {
    // Written the way the store wrote before it kept an index: straight through keyv.
    const client = createClient({ url: redisUrl! });
    await client.connect();
    const keyv = new Keyv(new KeyvRedis(client as never), { namespace: '', useKeyPrefix: false });
    await keyv.set(`${namespace}:join-request:R-OLD1`, { id: 'R-OLD1', status: 'pending' });
    await keyv.set(`${namespace}:join-request:R-OLD2`, { id: 'R-OLD2', status: 'approved' });
    await client.quit();

    const first = await createStore(`${redisUrl}?namespace=${namespace}`);
    opened.push(first);
    expect((await first.list('join-request:')).map(([key]) => key)).toEqual(['join-request:R-OLD1', 'join-request:R-OLD2']);
    await first.put('join-request:R-NEW1', { id: 'R-NEW1', status: 'pending' });
    await first.delete('join-request:R-OLD2');

    // Another instance, starting after the index was built, sees the same.
    const second = await createStore(`${redisUrl}?namespace=${namespace}`);
    opened.push(second);
    expect((await second.list('join-request:')).map(([key]) => key)).toEqual(['join-request:R-NEW1', 'join-request:R-OLD1']);
  });
});
