/**
 * What an atomic update decides: the value to write (`next`), `null` to delete the key, or nothing
 * (leave the key as it is); plus the result handed back to the caller.
 */
export interface Change<T, R> {
  readonly next?: T | null;
  readonly result: R;
}

/** Options for writes. */
export interface WriteOptions {
  /** Expire the key after this many milliseconds. */
  readonly ttlMs?: number;
}

/** One write of an atomic batch (Store.write). */
export type StoreWrite =
  | { readonly put: string; readonly value: unknown; readonly ttlMs?: number }
  /** A put only if the key holds no value yet; when any create of a batch finds its key taken, the batch writes nothing. */
  | { readonly create: string; readonly value: unknown }
  | { readonly delete: string }
  | { readonly addTo: string; readonly members: readonly string[] }
  | { readonly removeFrom: string; readonly members: readonly string[] }
  | { readonly deleteSet: string };

/**
 * Durable key-value storage shared by every GroupGate instance.
 * Values are plain JSON data. Sets of strings live in a key space of their own: a set and a value
 * may share a key without meeting, and `list` lists values only.
 */
export interface Store {
  get<T>(key: string): Promise<T | undefined>;
  /**
   * The values at several keys, in the order asked (undefined where there is none), in one round
   * trip: for reads that belong together (a user and the roles beside it, a page of groups), which
   * would otherwise each wait for the store in turn. Keys may come from different families.
   */
  getMany<T>(keys: readonly string[]): Promise<Array<T | undefined>>;
  put<T>(key: string, value: T, options?: WriteOptions): Promise<void>;
  delete(key: string): Promise<void>;
  /** Every live entry whose key starts with `prefix`, in key order. */
  list<T>(prefix: string): Promise<ReadonlyArray<readonly [string, T]>>;
  /**
   * Atomically replaces the value at `key` by what `decide(current)` returns. Two concurrent
   * updates of one key — in one process or in several sharing the store — never both succeed on
   * stale data: a loser re-reads and `decide` runs again, so it must be pure.
   */
  update<T, R>(key: string, decide: (current: T | undefined) => Change<T, R>, options?: WriteOptions): Promise<R>;
  /**
   * `update` for several keys at once, all or none: each key's value is replaced by what
   * `decide(current, key)` returns, in one atomic batch, so a few records change for the price of
   * one call when nobody else wrote them meanwhile (else every decide runs again on a fresh read).
   * Results in the order of `keys`. All keys must share one family, as in a batch; a decision may
   * not delete (`next: null`).
   */
  updateEach<T, R>(keys: readonly string[], decide: (current: T | undefined, key: string) => Change<T, R>, options?: WriteOptions): Promise<R[]>;
  /** The members of the set at `key`, sorted; empty when there is none. */
  setMembers(key: string): Promise<string[]>;
  /**
   * The members that, for every group of keys, are in at least one of that group's sets (the
   * intersection of the groups' unions), sorted. Worked out where the sets live, so what comes back
   * is the answer, not every set: `groups atlas project` reads the few groups it finds. All keys must
   * share one family (one Redis Cluster slot), as in a batch; no groups means no members.
   */
  intersectSets(groups: readonly (readonly string[])[]): Promise<string[]>;
  /** True when `member` is in the set at `key`. */
  inSet(key: string, member: string): Promise<boolean>;
  /** How many members the set at `key` has. */
  setSize(key: string): Promise<number>;
  /**
   * Applies every write or none, atomically across processes. Returns, per write, how many entries it
   * changed (put and create: 1; delete: 1 when the key existed, else 0; addTo/removeFrom: members
   * actually added/removed; deleteSet: members removed), or all zeros when a create found its key
   * taken (a value not yet swept after its time to live counts as taken on SQLite). All keys of one batch must share their first segment
   * (one family, e.g. `graph:`), so that one Redis Cluster slot holds them; a mixed batch is refused
   * with an error.
   */
  write(writes: readonly StoreWrite[]): Promise<number[]>;
  /** True when the store answers. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

/** Raised when the store cannot be reached; nothing was changed. */
export class StoreUnavailableError extends Error {
  override readonly name = 'StoreUnavailableError';
}
