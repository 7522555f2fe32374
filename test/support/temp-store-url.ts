import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A fresh SQLite store URL in its own temporary folder. */
export const tempSqliteUrl = () => `sqlite://${join(mkdtempSync(join(tmpdir(), 'groupgate-test-')), 'store.sqlite')}`;

/** The Redis address for tests, or undefined (tests that need it are skipped with a printed reason). */
export const redisUrl = process.env['REDIS_URL'];

/** Prints why a Redis test is skipped, once per file. */
export function explainRedisSkip(suite: string): void {
  if (!redisUrl) console.warn(`[skipped] ${suite}: set REDIS_URL (e.g. redis://127.0.0.1:6379) to run the Redis tests`);
}
