/**
 * Exports GroupGate's audit trail from its store, for exports too big for chat:
 *
 *   npm run audit:export -- --format csv|jsonl [--group <id or name>] [--person <id, name or e-mail>] [--since <ISO date or 30d>]
 *
 * It reads STORE_URL (and a .env file) like the bot does, oldest entry first, and writes to stdout.
 * Safe while GroupGate runs: it only reads (SQLite in WAL mode lets readers and the writer share the file).
 */
import { existsSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import dotenv from 'dotenv';
import { z } from 'zod';
import { createStore } from '../../adapters/store/create-store.js';
import { loadConfig } from '../../bot/config.js';
import { parseDuration } from '../../bot/parse-duration.js';
import { auditCsvHeader, auditCsvLine, auditJsonLine } from '../../domain/audit/audit-export.js';
import type { AuditEntry } from '../../domain/audit/audit-entry.js';
import { StoreAuditLog } from '../../domain/audit/store-audit-log.js';
import { systemClock } from '../../domain/ports/clock.js';

const argsSchema = z.object({
  format: z.enum(['csv', 'jsonl'], { message: '--format: expected csv or jsonl' }),
  group: z.string().min(1).optional(),
  person: z.string().min(1).optional(),
  since: z.string().min(1).optional(),
});

/** `--since 30d` (that long ago) or an ISO date or time. */
function sinceTime(text: string | undefined, now: Date): string | undefined {
  if (!text) return undefined;
  const ago = parseDuration(text);
  if (ago !== undefined) return new Date(now.getTime() - ago).toISOString();
  const at = Date.parse(text);
  if (Number.isNaN(at)) throw new Error(`--since: expected an ISO date (2026-11-01) or a length of time (30d), got "${text}"`);
  return new Date(at).toISOString();
}

const same = (a: string | undefined, b: string) => a !== undefined && a.toLowerCase() === b.toLowerCase();

function matches(entry: AuditEntry, args: z.infer<typeof argsSchema>): boolean {
  if (args.group && !same(entry.groupId, args.group) && !same(entry.groupName, args.group)) return false;
  if (args.person && ![entry.actorId, entry.actorName, entry.subjectId, entry.subjectName].some((value) => same(value, args.person!))) return false;
  return true;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { format: { type: 'string' }, group: { type: 'string' }, person: { type: 'string' }, since: { type: 'string' } }, strict: true });
  const args = argsSchema.parse(values);
  const fromFile = existsSync('.env') ? dotenv.parse(readFileSync('.env')) : {};
  const config = loadConfig({ ...fromFile, ...process.env });
  const store = await createStore(config.STORE_URL);
  try {
    const since = sinceTime(args.since, systemClock.now());
    const audit = new StoreAuditLog({ store, clock: systemClock, random: Math.random, onError: () => undefined });
    const { entries } = await audit.query({ ...(since ? { since } : {}), where: (entry) => matches(entry, args) });
    const lines = [...entries].reverse().map(args.format === 'csv' ? auditCsvLine : auditJsonLine);
    process.stdout.write([...(args.format === 'csv' ? [auditCsvHeader()] : []), ...lines].join('\n') + '\n');
    process.stderr.write(`${entries.length} entries\n`);
  } finally {
    await store.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof z.ZodError ? z.prettifyError(error) : error instanceof Error ? error.message : String(error));
  process.exit(1);
});
