import Database from 'better-sqlite3';
import { EventEmitter } from 'node:events';
import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import type { KeyvStoreAdapter, StoredData } from 'keyv';
import type { CasBackend, RawWrite } from './cas-backend.js';
import { migrateExpiryColumn } from './sqlite-expiry-migration.js';

export interface SqliteAdapterOptions {
  /** How often expired rows are deleted while the store is open (besides once on open); 0 turns the timer off. */
  readonly sweepEveryMs?: number;
}

/** Rows one sweep statement deletes, and statements one sweep runs: short write locks, bounded work per run. */
const sweepBatch = 500;
const sweepBatchesPerRun = 20;
const defaultSweepEveryMs = 5 * 60_000;
/** 64 MB of 4 KB pages. */
const walPagesPerCheckpoint = 16_384;

/**
 * Creates the store's folder (0700) and file (0600) for this user alone, and tightens an existing
 * file and its WAL and shared-memory files to 0600: they hold join reasons, notes and the directory
 * copy, and SQLite creates files 0644 (world-readable), giving the WAL and -shm files the database
 * file's own mode. Run before SQLite opens it, so the WAL it creates next is 0600 too.
 */
function keepPrivate(path: string): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  closeSync(openSync(path, 'a', 0o600));
  for (const file of [path, `${path}-wal`, `${path}-shm`]) {
    if (existsSync(file)) chmodSync(file, 0o600);
  }
}

/**
 * A keyv storage adapter on a SQLite file (better-sqlite3), with compare-and-swap, sets and atomic
 * batches. Every single write is one statement, a batch one transaction, and WAL plus a busy
 * timeout let several processes share the file safely; a commit survives a crash of the process.
 * Each value row carries its expiry time (`expires_at`, from the time to live) so that expired rows
 * — Slack event claims, rate-limit buckets — are deleted by a sweep instead of staying on disk forever.
 */
export class SqliteKeyvAdapter extends EventEmitter implements KeyvStoreAdapter, CasBackend {
  readonly opts: { dialect: 'sqlite'; url: string };
  namespace?: string;
  private readonly db: Database.Database;
  private readonly statements;
  /** Prepared intersections (intersectSets), by how many keys each group has. */
  private readonly intersections = new Map<string, Database.Statement<string[], { member: string }>>();
  private readonly sweepTimer: NodeJS.Timeout | undefined;
  private readonly applyBatch: Database.Transaction<(writes: readonly RawWrite[]) => number[]>;

  constructor(path: string, options: SqliteAdapterOptions = {}) {
    super();
    this.opts = { dialect: 'sqlite', url: `sqlite://${path}` };
    if (path !== ':memory:') keepPrivate(path);
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('busy_timeout = 5000');
    // Stated, not left to the build: better-sqlite3 is built to run WAL files at NORMAL (what this store
    // has always used). WAL with NORMAL loses nothing when the process crashes or restarts; only an OS
    // crash or power loss can drop the last commits (docs/operations.md).
    this.db.pragma('synchronous = NORMAL');
    // Checkpoint every 64 MB of WAL rather than every 4 MB: a page many batches change (a big tenant's
    // first load) is copied into the file once per checkpoint, so fewer checkpoints copy far less.
    // The limit shrinks the WAL file back to that size after each.
    this.db.pragma(`wal_autocheckpoint = ${walPagesPerCheckpoint}`);
    this.db.pragma(`journal_size_limit = ${walPagesPerCheckpoint * 4096}`);
    this.db.exec('CREATE TABLE IF NOT EXISTS entries (key TEXT PRIMARY KEY, value TEXT NOT NULL, expires_at INTEGER) WITHOUT ROWID');
    migrateExpiryColumn(this.db);
    this.db.exec('CREATE INDEX IF NOT EXISTS entries_by_expiry ON entries (expires_at) WHERE expires_at IS NOT NULL');
    this.db.exec('CREATE TABLE IF NOT EXISTS sets (key TEXT NOT NULL, member TEXT NOT NULL, PRIMARY KEY (key, member)) WITHOUT ROWID');
    this.statements = {
      get: this.db.prepare<[string], { value: string }>('SELECT value FROM entries WHERE key = ?'),
      upsert: this.db.prepare<[string, string, number | null]>(
        'INSERT INTO entries (key, value, expires_at) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value, expires_at = excluded.expires_at',
      ),
      insertIfAbsent: this.db.prepare<[string, string, number | null]>('INSERT INTO entries (key, value, expires_at) VALUES (?, ?, ?) ON CONFLICT(key) DO NOTHING'),
      replaceIf: this.db.prepare<[string, number | null, string, string]>('UPDATE entries SET value = ?, expires_at = ? WHERE key = ? AND value = ?'),
      delete: this.db.prepare<[string]>('DELETE FROM entries WHERE key = ?'),
      deleteIf: this.db.prepare<[string, string]>('DELETE FROM entries WHERE key = ? AND value = ?'),
      range: this.db.prepare<[string, string], { key: string; value: string }>(
        'SELECT key, value FROM entries WHERE key >= ? AND key < ? ORDER BY key',
      ),
      clear: this.db.prepare('DELETE FROM entries'),
      sweep: this.db.prepare<[number, number]>('DELETE FROM entries WHERE key IN (SELECT key FROM entries WHERE expires_at < ? LIMIT ?)'),
      members: this.db.prepare<[string], { member: string }>('SELECT member FROM sets WHERE key = ? ORDER BY member'),
      isMember: this.db.prepare<[string, string], { found: number }>('SELECT 1 AS found FROM sets WHERE key = ? AND member = ?'),
      size: this.db.prepare<[string], { size: number }>('SELECT count(*) AS size FROM sets WHERE key = ?'),
      addMember: this.db.prepare<[string, string]>('INSERT INTO sets (key, member) VALUES (?, ?) ON CONFLICT DO NOTHING'),
      removeMember: this.db.prepare<[string, string]>('DELETE FROM sets WHERE key = ? AND member = ?'),
      deleteSet: this.db.prepare<[string]>('DELETE FROM sets WHERE key = ?'),
      setKeys: this.db.prepare<[string, string], { key: string }>('SELECT DISTINCT key FROM sets WHERE key >= ? AND key < ? ORDER BY key'),
    };
    const sum = (key: string, members: readonly string[], statement: Database.Statement<[string, string]>) =>
      members.reduce((changed, member) => changed + statement.run(key, member).changes, 0);
    this.applyBatch = this.db.transaction((writes: readonly RawWrite[]) =>
      writes.map((w) => {
        if ('put' in w) return (this.statements.upsert.run(w.put, w.raw, expiresAt(w.ttlMs)), 1);
        if ('create' in w) {
          // A taken key undoes the whole batch: throwing rolls the transaction back.
          if (this.statements.insertIfAbsent.run(w.create, w.raw, null).changes === 0) throw new KeyTaken();
          return 1;
        }
        if ('replace' in w) {
          if (this.statements.replaceIf.run(w.raw, expiresAt(w.ttlMs), w.replace, w.expected).changes === 0) throw new KeyTaken();
          return 1;
        }
        if ('delete' in w) return this.statements.delete.run(w.delete).changes;
        if ('addTo' in w) return sum(w.addTo, w.members, this.statements.addMember);
        if ('removeFrom' in w) return sum(w.removeFrom, w.members, this.statements.removeMember);
        return this.statements.deleteSet.run(w.deleteSet).changes;
      }),
    );
    this.sweepExpired();
    const every = options.sweepEveryMs ?? defaultSweepEveryMs;
    // Unref'd: housekeeping never keeps a process alive that has nothing else to do.
    if (every > 0) this.sweepTimer = setInterval(() => this.sweepExpiredQuietly(), every).unref();
  }

  async get<Value>(key: string): Promise<StoredData<Value> | undefined> {
    return this.statements.get.get(key)?.value as StoredData<Value> | undefined;
  }

  async set(key: string, value: string, ttl?: number): Promise<void> {
    this.statements.upsert.run(key, value, expiresAt(ttl));
  }

  async delete(key: string): Promise<boolean> {
    return this.statements.delete.run(key).changes > 0;
  }

  async clear(): Promise<void> {
    this.statements.clear.run();
  }

  async readRaw(key: string): Promise<string | undefined> {
    return this.statements.get.get(key)?.value;
  }

  async compareAndSwap(key: string, expected: string | undefined, next: string | null, ttlMs?: number): Promise<boolean> {
    if (expected === undefined) {
      if (next === null) return this.statements.get.get(key) === undefined;
      return this.statements.insertIfAbsent.run(key, next, expiresAt(ttlMs)).changes === 1;
    }
    if (next === null) return this.statements.deleteIf.run(key, expected).changes === 1;
    return this.statements.replaceIf.run(next, expiresAt(ttlMs), key, expected).changes === 1;
  }

  async listRaw(prefix: string): Promise<Array<[string, string]>> {
    // Every key that starts with `prefix` sorts between it and the prefix followed by the highest code unit.
    return this.statements.range.all(prefix, `${prefix}\uffff`).map((row) => [row.key, row.value]);
  }

  async setMembers(key: string): Promise<string[]> {
    return this.statements.members.all(key).map((row) => row.member);
  }

  async inSet(key: string, member: string): Promise<boolean> {
    return this.statements.isMember.get(key, member) !== undefined;
  }

  async intersectSets(groups: readonly (readonly string[])[]): Promise<string[]> {
    const shape = groups.map((keys) => keys.length).join(',');
    let statement = this.intersections.get(shape);
    if (!statement) {
      // One SELECT per group (its sets' members, each once: one group alone is not deduplicated by an INTERSECT), joined by INTERSECT: SQLite answers from the (key, member) key.
      const sql = groups.map((keys) => `SELECT DISTINCT member FROM sets WHERE key IN (${keys.map(() => '?').join(', ')})`).join(' INTERSECT ');
      statement = this.db.prepare<string[], { member: string }>(sql);
      // A search's shape is its word count (and whether it reads descriptions): a handful of statements in all.
      if (this.intersections.size < 64) this.intersections.set(shape, statement);
    }
    return statement.all(...groups.flat()).map((row) => row.member);
  }

  async setSize(key: string): Promise<number> {
    return this.statements.size.get(key)?.size ?? 0;
  }

  async writeBatch(writes: readonly RawWrite[]): Promise<number[]> {
    // IMMEDIATE takes the write lock up front, so two processes' batches queue on the busy timeout
    // instead of one failing to upgrade a read lock half-way.
    try {
      return this.applyBatch.immediate(writes);
    } catch (error) {
      if (error instanceof KeyTaken) return writes.map(() => 0);
      throw error;
    }
  }


  async listSetKeys(prefix: string): Promise<string[]> {
    return this.statements.setKeys.all(prefix, `${prefix}\uffff`).map((row) => row.key);
  }

  /** Deletes rows whose time to live has passed, at most a bounded number per call; returns how many. */
  sweepExpired(now = Date.now()): number {
    let deleted = 0;
    for (let batch = 0; batch < sweepBatchesPerRun; batch++) {
      const changes = this.statements.sweep.run(now, sweepBatch).changes;
      deleted += changes;
      if (changes < sweepBatch) break;
    }
    return deleted;
  }

  private sweepExpiredQuietly(): void {
    try {
      if (this.db.open) this.sweepExpired();
    } catch {
      // Another process holding the write lock past the busy timeout: the next sweep catches up.
    }
  }

  async ping(): Promise<boolean> {
    return this.db.prepare('SELECT 1 AS ok').get() !== undefined;
  }

  async close(): Promise<void> {
    clearInterval(this.sweepTimer);
    if (this.db.open) this.db.close();
  }

  async disconnect(): Promise<void> {
    await this.close();
  }
}

/** A batch's create found its key taken (the batch is rolled back and reports nothing written). */
class KeyTaken extends Error {}

/**
 * When a row with this time to live may be deleted. Taken after keyv stamped the value's own
 * `expires`, so it is never earlier: the sweep only removes what already reads as absent.
 */
function expiresAt(ttlMs: number | undefined): number | null {
  return ttlMs !== undefined && ttlMs > 0 ? Date.now() + ttlMs : null;
}
