import type { CasBackend } from './cas-backend.js';
import { collectionOf, collectionsUnder } from './key-collections.js';

/** The few node-redis client calls this backend makes. */
export interface RedisClient {
  readonly isOpen: boolean;
  get(key: string): Promise<string | null | unknown>;
  eval(script: string, options: { keys: string[]; arguments: string[] }): Promise<unknown>;
  scanIterator(options: { MATCH: string; COUNT: number }): AsyncIterable<string[]>;
  mGet(keys: string[]): Promise<unknown[]>;
  sMembers(key: string): Promise<string[]>;
  sAdd(key: string, members: string[]): Promise<unknown>;
  set(key: string, value: string): Promise<unknown>;
  ping(): Promise<unknown>;
  close(): Promise<unknown>;
}

// Every write is one Lua script, which Redis runs atomically: the write and its index entry (the
// key in its collection's set, the collection in the set of collections) change together.
// KEYS: the key, its collection's set, the set of collections. ARGV: expectedKind (absent|value|any),
// expected, nextKind (delete|value), next, ttlMs (0 = none), collection.
const writeScript = `
if ARGV[1] ~= 'any' then
  local current = redis.call('GET', KEYS[1])
  if ARGV[1] == 'absent' then
    if current then return 0 end
  elseif current ~= ARGV[2] then
    return 0
  end
end
if ARGV[3] == 'delete' then
  redis.call('DEL', KEYS[1])
  redis.call('SREM', KEYS[2], KEYS[1])
  return 1
end
if tonumber(ARGV[5]) > 0 then
  redis.call('SET', KEYS[1], ARGV[4], 'PX', ARGV[5])
else
  redis.call('SET', KEYS[1], ARGV[4])
end
redis.call('SADD', KEYS[2], KEYS[1])
redis.call('SADD', KEYS[3], ARGV[6])
return 1
`;

// Drops index entries whose key is gone (expired), checking each inside the script: a key
// written again in the meantime keeps its entry. KEYS: the collection's set. ARGV: the keys.
const pruneScript = `
for _, key in ipairs(ARGV) do
  if redis.call('EXISTS', key) == 0 then redis.call('SREM', KEYS[1], key) end
end
return 1
`;

/**
 * Compare-and-swap, writes and prefix listing on the node-redis client that keyv's Redis adapter
 * uses. Listing does not SCAN: a SCAN walks the whole keyspace, so once the audit log held a million
 * entries every list of join requests took a second. Instead each key is also kept in a set per
 * collection (see key-collections.ts), and a list reads only the sets of the collections under its
 * prefix. Keys written before the index existed are indexed once, by one SCAN, on first list.
 */
export class RedisCasBackend implements CasBackend {
  private indexBuilt = false;

  /** `namespace` is the prefix every key of this store starts with (`groupgate:`); the index lives beside it. */
  constructor(
    private readonly client: RedisClient,
    private readonly namespace: string,
  ) {}

  private get indexRoot(): string {
    return `${this.namespace.replace(/:$/, '')}|index:`;
  }

  private collectionSet(collection: string): string {
    return `${this.indexRoot}keys:${collection}`;
  }

  async readRaw(key: string): Promise<string | undefined> {
    const raw = await this.client.get(key);
    return typeof raw === 'string' ? raw : undefined;
  }

  async compareAndSwap(key: string, expected: string | undefined, next: string | null, ttlMs = 0): Promise<boolean> {
    return this.write(key, expected === undefined ? 'absent' : 'value', expected ?? '', next, ttlMs);
  }

  async writeRaw(key: string, next: string | null, ttlMs = 0): Promise<void> {
    await this.write(key, 'any', '', next, ttlMs);
  }

  private async write(key: string, expectedKind: 'absent' | 'value' | 'any', expected: string, next: string | null, ttlMs: number): Promise<boolean> {
    const collection = collectionOf(key);
    const done = await this.client.eval(writeScript, {
      keys: [key, this.collectionSet(collection), `${this.indexRoot}collections`],
      arguments: [expectedKind, expected, next === null ? 'delete' : 'value', next ?? '', String(Math.max(0, Math.ceil(ttlMs))), collection],
    });
    return done === 1;
  }

  async listRaw(prefix: string): Promise<Array<[string, string]>> {
    await this.buildIndexOnce();
    const collections = collectionsUnder(prefix, await this.client.sMembers(`${this.indexRoot}collections`));
    const keys = (await Promise.all(collections.map(async (c) => ({ c, keys: await this.client.sMembers(this.collectionSet(c)) }))))
      .flatMap(({ c, keys }) => keys.filter((key) => key.startsWith(prefix)).map((key) => ({ c, key })))
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    const entries: Array<[string, string]> = [];
    const gone: Array<{ c: string; key: string }> = [];
    for (let i = 0; i < keys.length; i += 500) {
      const slice = keys.slice(i, i + 500);
      const values = await this.client.mGet(slice.map(({ key }) => key));
      slice.forEach((entry, j) => {
        const value = values[j];
        if (typeof value === 'string') entries.push([entry.key, value]);
        else gone.push(entry);
      });
    }
    // Keys that expired (a time to live) leave their index entry behind; tidy those up as they are met.
    for (const c of new Set(gone.map((g) => g.c))) {
      await this.client.eval(pruneScript, { keys: [this.collectionSet(c)], arguments: gone.filter((g) => g.c === c).map((g) => g.key) });
    }
    return entries;
  }

  /** Indexes the keys an older GroupGate wrote without an index: one SCAN, once per store, then a mark. */
  private async buildIndexOnce(): Promise<void> {
    if (this.indexBuilt) return;
    const mark = `${this.indexRoot}built`;
    if (!(await this.client.get(mark))) {
      const pattern = `${this.namespace.replace(/[*?[\]\\]/g, '\\$&')}*`;
      for await (const batch of this.client.scanIterator({ MATCH: pattern, COUNT: 1000 })) {
        const byCollection = new Map<string, string[]>();
        for (const key of batch) {
          const collection = collectionOf(key);
          byCollection.set(collection, [...(byCollection.get(collection) ?? []), key]);
        }
        for (const [collection, members] of byCollection) {
          await this.client.sAdd(this.collectionSet(collection), members);
          await this.client.sAdd(`${this.indexRoot}collections`, [collection]);
        }
      }
      await this.client.set(mark, new Date().toISOString());
    }
    this.indexBuilt = true;
  }

  async ping(): Promise<boolean> {
    return (await this.client.ping()) === 'PONG';
  }

  async close(): Promise<void> {
    if (this.client.isOpen) await this.client.close();
  }
}
