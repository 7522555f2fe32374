import Database from 'better-sqlite3';
import { EventEmitter } from 'node:events';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { KeyvStoreAdapter, StoredData } from 'keyv';
import type { CasBackend } from './cas-backend.js';

/**
 * A keyv storage adapter on a SQLite file (better-sqlite3), with compare-and-swap. Every write is
 * one statement, and WAL plus a busy timeout let several processes share the file safely.
 */
export class SqliteKeyvAdapter extends EventEmitter implements KeyvStoreAdapter, CasBackend {
  readonly opts: { dialect: 'sqlite'; url: string };
  namespace?: string;
  private readonly db: Database.Database;
  private readonly statements;

  constructor(path: string) {
    super();
    this.opts = { dialect: 'sqlite', url: `sqlite://${path}` };
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec('CREATE TABLE IF NOT EXISTS entries (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID');
    this.statements = {
      get: this.db.prepare<[string], { value: string }>('SELECT value FROM entries WHERE key = ?'),
      upsert: this.db.prepare('INSERT INTO entries (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value'),
      insertIfAbsent: this.db.prepare('INSERT INTO entries (key, value) VALUES (?, ?) ON CONFLICT(key) DO NOTHING'),
      replaceIf: this.db.prepare('UPDATE entries SET value = ? WHERE key = ? AND value = ?'),
      delete: this.db.prepare('DELETE FROM entries WHERE key = ?'),
      deleteIf: this.db.prepare('DELETE FROM entries WHERE key = ? AND value = ?'),
      range: this.db.prepare<[string, string], { key: string; value: string }>(
        'SELECT key, value FROM entries WHERE key >= ? AND key < ? ORDER BY key',
      ),
      clear: this.db.prepare('DELETE FROM entries'),
    };
  }

  async get<Value>(key: string): Promise<StoredData<Value> | undefined> {
    return this.statements.get.get(key)?.value as StoredData<Value> | undefined;
  }

  async set(key: string, value: string): Promise<void> {
    this.statements.upsert.run(key, value);
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

  async compareAndSwap(key: string, expected: string | undefined, next: string | null): Promise<boolean> {
    if (expected === undefined) {
      if (next === null) return this.statements.get.get(key) === undefined;
      return this.statements.insertIfAbsent.run(key, next).changes === 1;
    }
    if (next === null) return this.statements.deleteIf.run(key, expected).changes === 1;
    return this.statements.replaceIf.run(next, key, expected).changes === 1;
  }

  async listRaw(prefix: string): Promise<Array<[string, string]>> {
    // Every key that starts with `prefix` sorts between it and the prefix followed by the highest code unit.
    return this.statements.range.all(prefix, `${prefix}\uffff`).map((row) => [row.key, row.value]);
  }

  async ping(): Promise<boolean> {
    return this.db.prepare('SELECT 1 AS ok').get() !== undefined;
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }

  async disconnect(): Promise<void> {
    await this.close();
  }
}
