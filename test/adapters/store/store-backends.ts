import { afterAll } from 'vitest';
import { createStore } from '../../../adapters/store/create-store.js';
import type { Store } from '../../../domain/ports/store.js';
import { redisUrl, tempSqliteUrl } from '../../support/temp-store-url.js';

/** The Redis Cluster address for tests (`redis-cluster://127.0.0.1:7101`), or undefined. */
export const redisClusterUrl = process.env['REDIS_CLUSTER_URL'];

/** Prints why the Redis and Redis Cluster runs of a suite are skipped, once per file. */
export function explainStoreSkips(suite: string): void {
  if (!redisUrl) console.warn(`[skipped] ${suite} (Redis): set REDIS_URL (e.g. redis://127.0.0.1:6379) to run it`);
  if (!redisClusterUrl) console.warn(`[skipped] ${suite} (Redis Cluster): set REDIS_CLUSTER_URL (e.g. redis-cluster://127.0.0.1:7101, started by scripts/store/start-local-redis-cluster.sh) to run it`);
}

/** Every store a contract runs against here: [name, a fresh store URL per call]. */
export function storeBackends(label: string): ReadonlyArray<readonly [string, () => string]> {
  const namespace = () => `gg-${label}-${Date.now()}-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  return [
    ['SQLite', () => tempSqliteUrl()],
    ...(redisUrl ? [['Redis', () => `${redisUrl}?namespace=${namespace()}`] as const] : []),
    ...(redisClusterUrl ? [['Redis Cluster', () => `${redisClusterUrl}?namespace=${namespace()}`] as const] : []),
  ];
}

/** Inside a describe: opens fresh stores from `makeUrl` and closes them all after the suite. */
export function storeOpener(makeUrl: () => string): () => Promise<Store> {
  const opened: Store[] = [];
  afterAll(async () => Promise.all(opened.map((s) => s.close())));
  return async () => {
    const store = await createStore(makeUrl());
    opened.push(store);
    return store;
  };
}
