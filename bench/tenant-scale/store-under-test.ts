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

export function freshStore(kind: StoreKind, label: string): StoreUnderTest {
  if (kind === 'SQLite') {
    const folder = mkdtempSync(join(tmpdir(), 'groupgate-tenant-scale-'));
    return { kind, url: `sqlite://${join(folder, 'store.sqlite')}`, remove: async () => rmSync(folder, { recursive: true, force: true }) };
  }
  // Unique to this process and size, so the cleanup's prefix match cannot reach anyone else's keys.
  const namespace = `tenant-scale-${process.pid}-${Date.now().toString(36)}-${label}`;
  return { kind, url: `${redisUrl}?namespace=${namespace}`, remove: () => removeNamespace(namespace) };
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
