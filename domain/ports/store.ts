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

/**
 * Durable key-value storage shared by every GroupGate instance.
 * Values are plain JSON data.
 */
export interface Store {
  get<T>(key: string): Promise<T | undefined>;
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
  /** True when the store answers. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

/** Raised when the store cannot be reached; nothing was changed. */
export class StoreUnavailableError extends Error {
  override readonly name = 'StoreUnavailableError';
}
