import type { StoreWrite } from '../../domain/ports/store.js';

/** One write of an atomic batch (StoreWrite), with a put's or create's value already in the stored (serialised) form. */
export type RawWrite =
  | Exclude<StoreWrite, { readonly put: string } | { readonly create: string }>
  | { readonly put: string; readonly raw: string; readonly ttlMs?: number }
  | { readonly create: string; readonly raw: string }
  /** A put only if the key still holds `expected` (its raw stored form); else the batch writes nothing (Store.updateEach). */
  | { readonly replace: string; readonly expected: string; readonly raw: string; readonly ttlMs?: number };

/**
 * The one primitive keyv lacks: compare-and-swap on the raw stored string. Each store backend
 * provides it natively (a single conditional SQL statement; a Lua script in Redis), so it holds
 * across processes, not just inside one.
 */
export interface CasBackend {
  /** The raw string stored at `key`, expired or not. */
  readRaw(key: string): Promise<string | undefined>;
  /**
   * Optional: the raw strings at several keys, in order, in one round trip (Redis MGET). Without it
   * the keys are read one by one, which costs nothing more where a read is no network call (SQLite).
   */
  readManyRaw?(keys: readonly string[]): Promise<Array<string | undefined>>;
  /**
   * Writes `next` (or deletes the key when `next` is null) only if the key still holds `expected`
   * (undefined: the key must be absent). True when the swap happened.
   */
  compareAndSwap(key: string, expected: string | undefined, next: string | null, ttlMs?: number): Promise<boolean>;
  /**
   * Optional: writes `next` (or deletes when null) unconditionally. A backend that keeps its own
   * bookkeeping beside each key (Redis's listing index) provides it so that plain writes keep it too;
   * without it, plain writes go through keyv.
   */
  writeRaw?(key: string, next: string | null, ttlMs?: number): Promise<void>;
  /** Raw entries whose key starts with `prefix`, in key order. */
  listRaw(prefix: string): Promise<Array<[string, string]>>;
  /** The members of the set at `key`, in any order. */
  setMembers(key: string): Promise<string[]>;
  inSet(key: string, member: string): Promise<boolean>;
  /** Optional: Store.intersectSets on the server's side (every group non-empty). Without it the sets are read and intersected here. */
  intersectSets?(groups: readonly (readonly string[])[]): Promise<string[]>;
  setSize(key: string): Promise<number>;
  /**
   * Applies every write or none, in one transaction (SQLite) or one script (Redis); per write, how
   * many entries changed. All zeros, having written nothing, when a create's key is taken or a
   * replace's key no longer holds what it expected.
   */
  writeBatch(writes: readonly RawWrite[]): Promise<number[]>;
  /** The keys of the non-empty sets whose key starts with `prefix` (for copying a store; not for chat commands). */
  listSetKeys(prefix: string): Promise<string[]>;
  ping(): Promise<boolean>;
  close(): Promise<void>;
}
