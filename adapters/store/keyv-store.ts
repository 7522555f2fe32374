import type Keyv from 'keyv';
import type { DeserializedData } from 'keyv';
import { StoreUnavailableError, type Change, type Store, type StoreWrite, type WriteOptions } from '../../domain/ports/store.js';
import type { CasBackend, RawWrite } from './cas-backend.js';
import { familyOf, keyOfWrite } from './key-families.js';
import { decodeKeyvValue, encodeKeyvValue } from './keyv-wire-format.js';
import { LastSeenValues } from './last-seen-values.js';

const maxAttempts = 60;
const pingTimeoutMs = 1_000;

/**
 * The Store port over keyv: plain reads and writes go through keyv (its serialisation and
 * expiry), and atomic updates are an optimistic loop — read the raw entry, decide, then
 * compare-and-swap on the backend — retried with jittered backoff when another writer won. The
 * first try swaps against the value this process last saw, when it saw one (LastSeenValues).
 */
export class KeyvStore implements Store {
  /** The last queued update of each key being updated by this process. */
  private readonly turns = new Map<string, Promise<void>>();
  private readonly lastSeen = new LastSeenValues();

  constructor(
    private readonly keyv: Keyv,
    private readonly backend: CasBackend,
    private readonly prefix = 'groupgate:',
  ) {}

  async get<T>(key: string): Promise<T | undefined> {
    // Read through the backend, not keyv: on Redis Cluster the physical key is not the one keyv would read.
    const fullKey = this.prefix + key;
    const raw = await guard(() => this.backend.readRaw(fullKey));
    this.lastSeen.remember(fullKey, raw);
    return raw === undefined ? undefined : (await this.decode<T>(raw))?.value;
  }

  async getMany<T>(keys: readonly string[]): Promise<Array<T | undefined>> {
    if (keys.length === 0) return [];
    const raws = await this.readRaws(keys.map((key) => this.prefix + key));
    return Promise.all(raws.map(async (raw) => (raw === undefined ? undefined : (await this.decode<T>(raw))?.value)));
  }

  async put<T>(key: string, value: T, options?: WriteOptions): Promise<void> {
    const fullKey = this.prefix + key;
    const writeRaw = this.backend.writeRaw?.bind(this.backend);
    this.lastSeen.forget(fullKey);
    if (!writeRaw) return void (await guard(() => this.keyv.set(fullKey, value, options?.ttlMs)));
    const raw = await this.encode(value, options?.ttlMs !== undefined ? Date.now() + options.ttlMs : undefined);
    await guard(() => writeRaw(fullKey, raw, options?.ttlMs));
    this.lastSeen.remember(fullKey, raw);
  }

  async delete(key: string): Promise<void> {
    const fullKey = this.prefix + key;
    const writeRaw = this.backend.writeRaw?.bind(this.backend);
    this.lastSeen.forget(fullKey);
    await guard(async () => void (writeRaw ? await writeRaw(fullKey, null) : await this.keyv.delete(fullKey)));
    this.lastSeen.remember(fullKey, undefined);
  }

  async list<T>(prefix: string): Promise<ReadonlyArray<readonly [string, T]>> {
    const raw = await guard(() => this.backend.listRaw(this.prefix + prefix));
    const entries: Array<readonly [string, T]> = [];
    for (const [key, text] of raw) {
      const data = await this.decode<T>(text);
      if (data) entries.push([key.slice(this.prefix.length), data.value as T]);
    }
    return entries;
  }

  async setMembers(key: string): Promise<string[]> {
    // One definition of "sorted" on every backend: JavaScript's code-unit order (SQLite hands them over nearly sorted already).
    return (await guard(() => this.backend.setMembers(this.prefix + key))).sort();
  }

  async intersectSets(groups: readonly (readonly string[])[]): Promise<string[]> {
    const asked = groups.filter((keys) => keys.length > 0);
    if (asked.length < groups.length || asked.length === 0) return [];
    const families = new Set(asked.flat().map(familyOf));
    if (families.size > 1) throw new Error(`an intersection of sets must stay within one key family; this one mixes ${[...families].sort().join(', ')}`);
    const full = asked.map((keys) => keys.map((key) => this.prefix + key));
    const { backend } = this;
    const found = backend.intersectSets
      ? await guard(() => backend.intersectSets!(full))
      : intersectLists(await guard(() => Promise.all(full.map(async (keys) => [...new Set((await Promise.all(keys.map((key) => backend.setMembers(key)))).flat())]))));
    return found.sort();
  }

  async inSet(key: string, member: string): Promise<boolean> {
    return guard(() => this.backend.inSet(this.prefix + key, member));
  }

  async setSize(key: string): Promise<number> {
    return guard(() => this.backend.setSize(this.prefix + key));
  }

  async write(writes: readonly StoreWrite[]): Promise<number[]> {
    if (writes.length === 0) return [];
    const families = new Set(writes.map((w) => familyOf(keyOfWrite(w))));
    if (families.size > 1) throw new Error(`a store batch must stay within one key family; this one mixes ${[...families].sort().join(', ')}`);
    const raw: RawWrite[] = [];
    for (const w of writes) {
      if ('put' in w) {
        const expires = w.ttlMs !== undefined ? Date.now() + w.ttlMs : undefined;
        raw.push({ put: this.prefix + w.put, raw: await this.encode(w.value, expires), ...(w.ttlMs !== undefined ? { ttlMs: w.ttlMs } : {}) });
      } else if ('create' in w) raw.push({ create: this.prefix + w.create, raw: await this.encode(w.value, undefined) });
      else if ('delete' in w) raw.push({ delete: this.prefix + w.delete });
      else if ('addTo' in w) raw.push({ addTo: this.prefix + w.addTo, members: w.members });
      else if ('removeFrom' in w) raw.push({ removeFrom: this.prefix + w.removeFrom, members: w.members });
      else raw.push({ deleteSet: this.prefix + w.deleteSet });
    }
    for (const w of raw) if ('put' in w || 'create' in w || 'delete' in w) this.lastSeen.forget('put' in w ? w.put : 'create' in w ? w.create : w.delete);
    const changed = await guard(() => this.backend.writeBatch(raw));
    // All zeros: a create found its key taken and nothing was written. Otherwise every value written is what its key holds now.
    if (changed.some((n) => n > 0)) for (const w of raw) {
      if ('put' in w) this.lastSeen.remember(w.put, w.raw);
      else if ('create' in w) this.lastSeen.remember(w.create, w.raw);
      else if ('delete' in w) this.lastSeen.remember(w.delete, undefined);
    }
    return changed;
  }

  /** The keys of the non-empty sets under `prefix`, for copying a store (scripts/store/copy-store.ts). */
  async listSetKeys(prefix: string): Promise<string[]> {
    return (await guard(() => this.backend.listSetKeys(this.prefix + prefix))).map((key) => key.slice(this.prefix.length)).sort();
  }

  async update<T, R>(key: string, decide: (current: T | undefined) => Change<T, R>, options?: WriteOptions): Promise<R> {
    // Most updates meet no other writer (or change nothing): one optimistic try, in parallel with the rest.
    if (!this.turns.has(key)) {
      const tried = (await this.tryOnLastSeen(key, decide, options)) ?? (await this.tryOnce(key, decide, options));
      if (tried.done) return tried.result;
    }
    // Another writer got in first. From here this process's writers of the key take turns, so a hot key
    // (a big group's member list, a counter) sees one contender per instance instead of one per request:
    // compare-and-swap rarely loses again, and nothing spins. Other keys still update in parallel.
    const previous = this.turns.get(key) ?? Promise.resolve();
    const mine = previous.then(() => this.retryUntilSwapped(key, decide, options));
    const turn = mine.then(
      () => undefined,
      () => undefined,
    );
    this.turns.set(key, turn);
    try {
      return await mine;
    } finally {
      if (this.turns.get(key) === turn) this.turns.delete(key);
    }
  }

  async updateEach<T, R>(keys: readonly string[], decide: (current: T | undefined, key: string) => Change<T, R>, options?: WriteOptions): Promise<R[]> {
    if (keys.length === 0) return [];
    if (new Set(keys).size < keys.length) throw new Error('updateEach: a key may appear once');
    const families = new Set(keys.map(familyOf));
    if (families.size > 1) throw new Error(`an update of several keys must stay within one key family; this one mixes ${[...families].sort().join(', ')}`);
    const fullKeys = keys.map((key) => this.prefix + key);
    // The first try swaps against what this instance last saw (often just read: pending read these requests), then on fresh reads.
    const seen = fullKeys.map((key) => this.lastSeen.lookup(key));
    let raws = seen.every((s) => s !== 'missing') ? seen.map((s) => (s as { raw: string | undefined }).raw) : await this.readRaws(fullKeys);
    let fromMemory = seen.every((s) => s !== 'missing');
    for (let attempt = 1; ; attempt++) {
      const currents = await Promise.all(raws.map((raw) => (raw === undefined ? undefined : this.decode<T>(raw))));
      const changes = keys.map((key, i) => decide(currents[i]?.value, key));
      const writes: Array<Extract<RawWrite, { readonly raw: string }>> = [];
      for (const [i, change] of changes.entries()) {
        if (change.next === undefined) continue;
        if (change.next === null) throw new Error('updateEach: a decision may not delete');
        const expires = options?.ttlMs !== undefined ? Date.now() + options.ttlMs : currents[i]?.expires;
        const raw = await this.encode(change.next, expires);
        const ttlMs = typeof expires === 'number' ? Math.max(1, expires - Date.now()) : undefined;
        // By what the key physically holds: an expired value not yet swept is replaced, not created over.
        const expected = raws[i];
        writes.push(expected === undefined ? { create: fullKeys[i]!, raw } : { replace: fullKeys[i]!, expected, raw, ...(ttlMs !== undefined ? { ttlMs } : {}) });
      }
      if (writes.length === 0 && !fromMemory) return changes.map((change) => change.result);
      if (writes.length > 0) {
        for (const w of writes) this.lastSeen.forget(keyOfWrite(w));
        const counts = await guard(() => this.backend.writeBatch(writes));
        if (counts.some((n) => n > 0)) {
          for (const w of writes) this.lastSeen.remember(keyOfWrite(w), w.raw);
          return changes.map((change) => change.result);
        }
        if (attempt >= maxAttempts) throw new StoreUnavailableError(`gave up updating ${keys.length} keys after ${attempt} conflicting writes`);
        if (!fromMemory) await sleep(Math.random() * Math.min(50, 2 ** attempt));
      }
      // Another writer got in first, or the answer would come from memory: decide again on what the keys hold now.
      raws = await this.readRaws(fullKeys);
      fromMemory = false;
    }
  }

  /** The raw stored forms at full keys, in one round trip where the backend can, remembered as last seen. */
  private async readRaws(fullKeys: readonly string[]): Promise<Array<string | undefined>> {
    const readMany = this.backend.readManyRaw?.bind(this.backend);
    const raws = await guard(() => (readMany ? readMany(fullKeys) : Promise.all(fullKeys.map((key) => this.backend.readRaw(key)))));
    fullKeys.forEach((key, i) => this.lastSeen.remember(key, raws[i]));
    return raws;
  }

  private async retryUntilSwapped<T, R>(key: string, decide: (current: T | undefined) => Change<T, R>, options?: WriteOptions): Promise<R> {
    for (let attempt = 1; ; attempt++) {
      const tried = await this.tryOnce(key, decide, options);
      if (tried.done) return tried.result;
      if (attempt >= maxAttempts) throw new StoreUnavailableError(`gave up updating ${key} after ${attempt} conflicting writes`);
      await sleep(Math.random() * Math.min(50, 2 ** attempt));
    }
  }

  /**
   * The first try on the value this process last saw at `key`, without reading it again: undefined
   * when none was seen, and when `decide` would write nothing (that answer must come from a fresh
   * read, not from memory). A lost swap counts as another writer winning.
   */
  private async tryOnLastSeen<T, R>(key: string, decide: (current: T | undefined) => Change<T, R>, options?: WriteOptions): Promise<{ done: true; result: R } | { done: false } | undefined> {
    const seen = this.lastSeen.lookup(this.prefix + key);
    if (seen === 'missing') return undefined;
    return this.swap(key, seen.raw, decide, options, 'writesOnly');
  }

  /** Reads, decides, and swaps if nothing changed in between; `done: false` when another writer won. */
  private async tryOnce<T, R>(key: string, decide: (current: T | undefined) => Change<T, R>, options?: WriteOptions): Promise<{ done: true; result: R } | { done: false }> {
    const fullKey = this.prefix + key;
    const raw = await guard(() => this.backend.readRaw(fullKey));
    return (await this.swap(key, raw, decide, options, 'any'))!;
  }

  /** Decides on `raw` (what the key is believed to hold) and swaps it for the decision; with `writesOnly`, undefined when the decision writes nothing. */
  private async swap<T, R>(key: string, raw: string | undefined, decide: (current: T | undefined) => Change<T, R>, options: WriteOptions | undefined, answer: 'any' | 'writesOnly'): Promise<{ done: true; result: R } | { done: false } | undefined> {
    const fullKey = this.prefix + key;
    const current = raw === undefined ? undefined : await this.decode<T>(raw);
    const change = decide(current?.value);
    if (change.next === undefined || (change.next === null && raw === undefined)) {
      if (answer === 'writesOnly') return undefined;
      this.lastSeen.remember(fullKey, raw);
      return { done: true, result: change.result };
    }
    const expires = options?.ttlMs !== undefined ? Date.now() + options.ttlMs : current?.expires;
    const next = change.next === null ? null : await this.encode(change.next, expires);
    const ttlMs = typeof expires === 'number' ? Math.max(1, expires - Date.now()) : undefined;
    this.lastSeen.forget(fullKey);
    if (!(await guard(() => this.backend.compareAndSwap(fullKey, raw, next, ttlMs)))) return { done: false };
    this.lastSeen.remember(fullKey, next ?? undefined);
    return { done: true, result: change.result };
  }

  /** True when the store answers within a second; a hung connection counts as unreachable, not as a hung health check. */
  async ping(): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), pingTimeoutMs)));
    try {
      return await Promise.race([this.backend.ping().catch(() => false), late]);
    } finally {
      clearTimeout(timer);
    }
  }

  async close(): Promise<void> {
    await this.backend.close().catch(() => undefined);
  }

  /** Reads keyv's stored form (its codec, made faster: keyv-wire-format.ts); an expired entry reads as absent. */
  private async decode<T>(raw: string): Promise<DeserializedData<T> | undefined> {
    const data = decodeKeyvValue<T>(raw);
    if (!data || (typeof data.expires === 'number' && data.expires < Date.now())) return undefined;
    return data;
  }

  private async encode<T>(value: T, expires: number | undefined): Promise<string> {
    return encodeKeyvValue<T>({ value, expires });
  }
}


async function guard<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (cause) {
    if (cause instanceof StoreUnavailableError) throw cause;
    throw new StoreUnavailableError(`store unavailable: ${(cause as Error)?.message ?? String(cause)}`, { cause });
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The members common to every list. */
function intersectLists(lists: readonly (readonly string[])[]): string[] {
  const [first, ...rest] = [...lists].sort((a, b) => a.length - b.length);
  const others = rest.map((list) => new Set(list));
  return (first ?? []).filter((member) => others.every((set) => set.has(member)));
}
