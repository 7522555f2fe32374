import type { CasBackend, RawWrite } from './cas-backend.js';
import { collectionOf, collectionsUnder } from './key-collections.js';
import { keyOfWrite } from './key-families.js';
import type { RedisKeyLayout } from './redis-key-layout.js';
import { intersectSets, pruneIndex, writeBatch, writeValue, type ScriptRunner } from './redis-scripts.js';
import { RedisWriteDeadline } from './redis-write-deadline.js';

/** The few node-redis client (or cluster) calls this backend makes. */
export interface RedisClient extends ScriptRunner {
  readonly isOpen: boolean;
  get(key: string): Promise<string | null | unknown>;
  scanIterator(options: { MATCH: string; COUNT: number }): AsyncIterable<string[]>;
  mGet(keys: string[]): Promise<unknown[]>;
  sMembers(key: string): Promise<string[]>;
  sIsMember(key: string, member: string): Promise<unknown>;
  sCard(key: string): Promise<unknown>;
  sAdd(key: string, members: string[]): Promise<unknown>;
  set(key: string, value: string): Promise<unknown>;
  ping(): Promise<unknown>;
  close(): Promise<unknown>;
}

/**
 * Compare-and-swap, writes, sets, atomic batches and prefix listing on node-redis. Listing does not
 * SCAN: a SCAN walks the whole keyspace, so once the audit log held a million entries every list of
 * join requests took a second. Instead each key is also kept in a set per collection (see
 * key-collections.ts), written in the same script as the key, and a list reads only the sets of the
 * collections under its prefix. Keys a single Redis holds from before the index existed are
 * indexed once, by one SCAN, on first list. Where each key lives is the layout's business
 * (redis-key-layout.ts): today's names on a single Redis, family hash tags on a cluster.
 */
export class RedisCasBackend implements CasBackend {
  private indexBuilt: boolean;
  /** Families this process has recorded in the cluster's set of families. */
  private readonly knownFamilies = new Set<string>();
  /** Every write carries one: run too late by a stalled server, it changes nothing (redis-scripts.ts). */
  private readonly deadline: RedisWriteDeadline;

  /** `namespace` is the prefix every plain key of this store starts with (`groupgate:`). */
  constructor(
    private readonly client: RedisClient,
    private readonly namespace: string,
    private readonly layout: RedisKeyLayout,
    /** How to ping when the client's own PING does not do (a cluster's). */
    private readonly pingServer: () => Promise<unknown> = () => client.ping(),
  ) {
    // A cluster store is new with this version: nothing was written without the index.
    this.indexBuilt = layout.clustered;
    this.deadline = new RedisWriteDeadline(client);
  }

  /** Reads the server's clock for the write deadlines: once at open, then now and then as writes go. */
  async start(): Promise<void> {
    await this.deadline.measure(this.layout.value(`${this.namespace}clock`));
  }

  async readRaw(key: string): Promise<string | undefined> {
    const raw = await this.client.get(this.layout.value(key));
    return typeof raw === 'string' ? raw : undefined;
  }

  /**
   * One MGET on a single Redis. On a cluster an MGET must stay within one slot, so the keys go as
   * one MGET per family (its hash tag), all sent at once: still one wait, not one per key.
   */
  async readManyRaw(keys: readonly string[]): Promise<Array<string | undefined>> {
    const groups = new Map<string, number[]>();
    keys.forEach((key, i) => {
      const group = this.layout.clustered ? this.layout.familyOf(key) : '';
      groups.set(group, [...(groups.get(group) ?? []), i]);
    });
    const values: Array<string | undefined> = new Array(keys.length).fill(undefined);
    await Promise.all([...groups.values()].map(async (positions) => {
      const read = await this.client.mGet(positions.map((i) => this.layout.value(keys[i]!)));
      positions.forEach((position, j) => (values[position] = typeof read[j] === 'string' ? read[j] : undefined));
    }));
    return values;
  }

  async compareAndSwap(key: string, expected: string | undefined, next: string | null, ttlMs = 0): Promise<boolean> {
    return this.writeOne(key, expected === undefined ? 'absent' : 'value', expected ?? '', next, ttlMs);
  }

  async writeRaw(key: string, next: string | null, ttlMs = 0): Promise<void> {
    await this.writeOne(key, 'any', '', next, ttlMs);
  }

  private async writeOne(key: string, expectedKind: 'absent' | 'value' | 'any', expected: string, next: string | null, ttlMs: number): Promise<boolean> {
    const family = this.layout.familyOf(key);
    await this.recordFamily(family);
    const collection = collectionOf(key);
    const physical = this.layout.value(key);
    const done = await writeValue.run(
      this.client,
      [physical, this.layout.collectionIndex(family, collection), this.layout.collections(family)],
      [expectedKind, expected, next === null ? 'delete' : 'value', next ?? '', ttlArgument(ttlMs), collection, await this.deadline.forWrite(physical)],
    );
    return done === 1;
  }

  async setMembers(key: string): Promise<string[]> {
    return this.client.sMembers(this.layout.set(key));
  }

  async inSet(key: string, member: string): Promise<boolean> {
    return Number(await this.client.sIsMember(this.layout.set(key), member)) === 1;
  }

  async intersectSets(groups: readonly (readonly string[])[]): Promise<string[]> {
    // The keys share a family (KeyvStore checks), so on a cluster one slot holds them all.
    const found = await intersectSets.run(this.client, groups.flat().map((key) => this.layout.set(key)), groups.map((keys) => String(keys.length)));
    return (found as string[]).map(String);
  }

  async setSize(key: string): Promise<number> {
    return Number(await this.client.sCard(this.layout.set(key)));
  }

  async writeBatch(writes: readonly RawWrite[]): Promise<number[]> {
    if (writes.length === 0) return [];
    const family = this.layout.familyOf(keyOfWrite(writes[0]!));
    await this.recordFamily(family);
    const keys = [this.layout.collections(family), this.layout.setIndex(family)];
    const args: string[] = [];
    for (const w of writes) {
      if ('put' in w) {
        const collection = collectionOf(w.put);
        keys.push(this.layout.value(w.put), this.layout.collectionIndex(family, collection));
        args.push('put', w.raw, ttlArgument(w.ttlMs ?? 0), collection);
      } else if ('create' in w) {
        const collection = collectionOf(w.create);
        keys.push(this.layout.value(w.create), this.layout.collectionIndex(family, collection));
        args.push('create', w.raw, collection);
      } else if ('replace' in w) {
        const collection = collectionOf(w.replace);
        keys.push(this.layout.value(w.replace), this.layout.collectionIndex(family, collection));
        args.push('replace', w.expected, w.raw, ttlArgument(w.ttlMs ?? 0), collection);
      } else if ('delete' in w) {
        keys.push(this.layout.value(w.delete), this.layout.collectionIndex(family, collectionOf(w.delete)));
        args.push('delete');
      } else if ('addTo' in w || 'removeFrom' in w) {
        const [op, key] = 'addTo' in w ? (['addTo', w.addTo] as const) : (['removeFrom', w.removeFrom] as const);
        keys.push(this.layout.set(key));
        args.push(op, key, JSON.stringify(w.members));
      } else {
        keys.push(this.layout.set(w.deleteSet));
        args.push('deleteSet', w.deleteSet);
      }
    }
    args.push(await this.deadline.forWrite(keys[0]!));
    const counts = await writeBatch.run(this.client, keys, args);
    return (counts as unknown[]).map(Number);
  }

  async listSetKeys(prefix: string): Promise<string[]> {
    const families = await this.familiesUnder(prefix);
    const keys = await Promise.all(families.map((family) => this.client.sMembers(this.layout.setIndex(family))));
    return keys.flat().filter((key) => key.startsWith(prefix));
  }

  async listRaw(prefix: string): Promise<Array<[string, string]>> {
    await this.buildIndexOnce();
    const families = await this.familiesUnder(prefix);
    // On a single Redis every family shares one set of collections: read it once.
    const collections = this.layout.families
      ? (await Promise.all(families.map(async (family) => (await this.client.sMembers(this.layout.collections(family))).map((c) => ({ family, c }))))).flat()
      : (await this.client.sMembers(this.layout.collections(''))).map((c) => ({ family: '', c }));
    const under = new Set(collectionsUnder(prefix, collections.map(({ c }) => c)));
    const indexes = collections.filter(({ c }) => under.has(c)).map(({ family, c }) => this.layout.collectionIndex(family, c));
    const entries: Array<[string, string]> = [];
    for (const index of indexes) {
      // A collection's keys share one slot, so each MGET (and prune) stays within one collection.
      const physical = (await this.client.sMembers(index)).filter((key) => this.layout.plainOfValue(key).startsWith(prefix));
      const gone: string[] = [];
      for (let i = 0; i < physical.length; i += 500) {
        const slice = physical.slice(i, i + 500);
        const values = await this.client.mGet(slice);
        slice.forEach((key, j) => {
          const value = values[j];
          if (typeof value === 'string') entries.push([this.layout.plainOfValue(key), value]);
          else gone.push(key);
        });
      }
      // Keys that expired (a time to live) leave their index entry behind; tidy those up as they are met.
      if (gone.length > 0) await pruneIndex.run(this.client, [index, ...gone], []);
    }
    return entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  }

  /** The families whose keys may start with `prefix`; on a single Redis, one stand-in for all. */
  private async familiesUnder(prefix: string): Promise<string[]> {
    if (!this.layout.families) return [''];
    const rest = prefix.slice(this.namespace.length);
    if (rest.includes(':')) return [rest.slice(0, rest.indexOf(':'))];
    return (await this.client.sMembers(this.layout.families)).filter((family) => family.startsWith(rest));
  }

  /**
   * On a cluster the set of families lives in a slot of its own, so no script can keep it: it is
   * written before a family's first write (once per process), which may leave a family listed with
   * nothing in it, never a key that no list finds.
   */
  private async recordFamily(family: string): Promise<void> {
    if (!this.layout.families || this.knownFamilies.has(family)) return;
    await this.client.sAdd(this.layout.families, [family]);
    this.knownFamilies.add(family);
  }

  /** Indexes the keys an older GroupGate wrote without an index: one SCAN, once per store, then a mark. */
  private async buildIndexOnce(): Promise<void> {
    if (this.indexBuilt) return;
    const mark = this.layout.indexBuilt;
    if (!(await this.client.get(mark))) {
      const pattern = `${this.namespace.replace(/[*?[\]\\]/g, '\\$&')}*`;
      for await (const batch of this.client.scanIterator({ MATCH: pattern, COUNT: 1000 })) {
        const byCollection = new Map<string, string[]>();
        for (const key of batch) {
          const collection = collectionOf(key);
          byCollection.set(collection, [...(byCollection.get(collection) ?? []), key]);
        }
        for (const [collection, members] of byCollection) {
          await this.client.sAdd(this.layout.collectionIndex('', collection), members);
          await this.client.sAdd(this.layout.collections(''), [collection]);
        }
      }
      await this.client.set(mark, new Date().toISOString());
    }
    this.indexBuilt = true;
  }

  async ping(): Promise<boolean> {
    return (await this.pingServer()) === 'PONG';
  }

  async close(): Promise<void> {
    if (this.client.isOpen) await this.client.close();
  }
}

function ttlArgument(ttlMs: number): string {
  // A whole, non-negative number of milliseconds, so the script's SET never fails half-way through a batch.
  return String(Number.isFinite(ttlMs) ? Math.max(0, Math.ceil(ttlMs)) : 0);
}

