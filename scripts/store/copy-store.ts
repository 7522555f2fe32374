/**
 * Copies GroupGate's store to another one — moving from SQLite to Redis when one instance is not
 * enough any more:
 *
 *   npm run store:copy -- --from sqlite://./data/groupgate.sqlite --to redis://127.0.0.1:6379
 *
 * Run it with every instance stopped. It copies everything that matters (requests and decisions,
 * card locations, conversation references, settings, time-bound memberships, licensing and alert
 * state, the audit trail, the directory's copy) and leaves out what is short-lived and rebuilds
 * itself: scheduler leases, rate-limit counters, Slack's identity cache and event receipts, name
 * claims. It refuses a target that already holds GroupGate data, so nothing is overwritten.
 */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { createStore } from '../../adapters/store/create-store.js';
import { copyStoreEntries } from './copy-store-entries.js';

const storeUrl = z.string().regex(/^(sqlite:\/\/.+|rediss?:\/\/.+)$/, 'expected sqlite://<path> or redis://host:port');
const argsSchema = z.object({ from: storeUrl, to: storeUrl });

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { from: { type: 'string' }, to: { type: 'string' } }, strict: true });
  const args = argsSchema.parse(values);
  const [from, to] = [await createStore(args.from), await createStore(args.to)];
  try {
    const { copied, copiedSets, leftOut } = await copyStoreEntries(from, to);
    console.log(`copied ${copied} entries and ${copiedSets} sets (members, owners); left out ${leftOut} short-lived ones (leases, rate limits, caches)`);
  } finally {
    await Promise.all([from.close(), to.close()]);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof z.ZodError ? z.prettifyError(error) : error instanceof Error ? error.message : String(error));
  process.exit(1);
});
