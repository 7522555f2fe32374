/**
 * The one primitive keyv lacks: compare-and-swap on the raw stored string. Each store backend
 * provides it natively (a single conditional SQL statement; a Lua script in Redis), so it holds
 * across processes, not just inside one.
 */
export interface CasBackend {
  /** The raw string stored at `key`, expired or not. */
  readRaw(key: string): Promise<string | undefined>;
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
  ping(): Promise<boolean>;
  close(): Promise<void>;
}
