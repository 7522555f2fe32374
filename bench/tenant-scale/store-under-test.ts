// The store a benchmark run's bot uses, made fresh and removed afterwards: SQLite in a temporary
// folder, or a Redis namespace of the run's own on the shared Redis (REDIS_URL).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@keyv/redis';

export type StoreKind = 'SQLite' | 'Redis';

export interface StoreUnderTest {
  readonly kind: StoreKind;
  readonly url: string;
  /** Deletes everything the run wrote (the folder, or every key of the namespace). */
  remove(): Promise<void>;
}

export const redisUrl = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';

/** Stores made and not yet removed, so an interrupted run can still remove them. */
const live = new Set<StoreUnderTest>();

export function freshStore(kind: StoreKind, label: string): StoreUnderTest {
  const made = kind === 'SQLite' ? sqliteStore() : redisStore(label);
  const store: StoreUnderTest = { ...made, remove: () => made.remove().finally(() => live.delete(store)) };
  live.add(store);
  return store;
}

/** Removes every store not removed yet (on an interrupt). */
export const removeLiveStores = () => Promise.allSettled([...live].map((store) => store.remove()));

function sqliteStore(): StoreUnderTest {
  const folder = mkdtempSync(join(tmpdir(), 'groupgate-tenant-scale-'));
  return { kind: 'SQLite', url: `sqlite://${join(folder, 'store.sqlite')}`, remove: async () => rmSync(folder, { recursive: true, force: true }) };
}

function redisStore(label: string): StoreUnderTest {
  // Unique to this process and size, so the cleanup's prefix match cannot reach anyone else's keys.
  const namespace = `tenant-scale-${process.pid}-${Date.now().toString(36)}-${label}`;
  return { kind: 'Redis', url: `${redisUrl}?namespace=${namespace}`, remove: () => removeNamespace(namespace) };
}

/** Why Redis cannot be used (it does not answer at REDIS_URL), or undefined. */
export async function redisMissing(): Promise<string | undefined> {
  const client = createClient({ url: redisUrl, socket: { connectTimeout: 2_000, reconnectStrategy: false } });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.ping();
    return undefined;
  } catch (error) {
    return `Redis at ${redisUrl} does not answer (${error instanceof Error ? error.message : String(error)})`;
  } finally {
    client.destroy();
  }
}

/** Unlinks every key starting with the namespace (its values, and the listing index beside them). */
async function removeNamespace(namespace: string): Promise<void> {
  const client = createClient({ url: redisUrl });
  client.on('error', () => undefined);
  await client.connect();
  try {
    for await (const found of client.scanIterator({ MATCH: `${namespace}*`, COUNT: 1000 })) {
      const keys = (Array.isArray(found) ? found : [found]) as string[];
      if (keys.length) await client.unlink(keys);
    }
  } finally {
    client.destroy();
  }
}
