// Benchmark of the web chat's people picker (issue 16): GET /web/api/people's work, in process,
// on the embedded directory over SQLite with a synthetic tenant. "before" is how it was (every user,
// every group, each user's owned groups); "after" is webPeople's first page and a typed search.
// Prints the median of 5 runs and the store entries one run reads. WEB_PEOPLE_USERS=100000 (default 10000).
import { EmbeddedDirectory } from '../adapters/directory/embedded/embedded-directory.js';
import { createStore } from '../adapters/store/create-store.js';
import { webPeople } from '../adapters/web/web-people.js';
import type { Directory } from '../domain/ports/directory.js';
import type { Store } from '../domain/ports/store.js';
import { tempSqliteUrl } from '../test/support/temp-store-url.js';
import { counted } from './count-entries-read.js';
import { writeEmbeddedTenant } from './embedded-tenant-file.js';

const users = Number(process.env['WEB_PEOPLE_USERS'] ?? 10_000);

/** What /web/api/people did before: every enabled user, with the names of the groups each owns. */
async function listingEveryone(directory: Directory): Promise<number> {
  const all = (await directory.listUsers()).filter((user) => user.accountEnabled !== false);
  const names = new Map((await directory.listGroups()).map((group) => [group.id, group.displayName] as const));
  const owned = await Promise.all(all.map(async (user) => (await directory.groupsOwnedBy(user.id)).map((id) => names.get(id) ?? id)));
  return owned.length;
}

export default async function main(): Promise<void> {
  const counter = { entries: 0 };
  const tenant = writeEmbeddedTenant(users);
  const raw = await createStore(tempSqliteUrl());
  const started = performance.now();
  const directory = await EmbeddedDirectory.open(counted(raw, counter), tenant.path);
  const someone = (await directory.getUser(`00000000-0000-4000-8000-${(42).toString(16).padStart(12, '0')}` as never))!;
  console.log(`\n${users.toLocaleString('en-US')} users, ${tenant.groupCount.toLocaleString('en-US')} groups on SQLite — seeded in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
  console.log('| /web/api/people | median | store entries read | people sent |\n|---|---:|---:|---:|');
  const cases: Array<[string, () => Promise<number>]> = [
    ['before: everyone', () => listingEveryone(directory)],
    ['after: first page', async () => (await webPeople(directory)).length],
    [`after: ?search=${someone.displayName.split(' ')[0]}`, async () => (await webPeople(directory, { search: someone.displayName.split(' ')[0]! })).length],
  ];
  for (const [label, work] of cases) {
    const times: number[] = [];
    let entries = 0;
    let sent = 0;
    for (let run = 0; run < 7; run++) {
      counter.entries = 0;
      const at = performance.now();
      sent = await work();
      if (run >= 2) times.push(performance.now() - at);
      entries = counter.entries;
    }
    times.sort((a, b) => a - b);
    console.log(`| ${label} | ${times[2]!.toFixed(1)} ms | ${entries.toLocaleString('en-US')} | ${sent.toLocaleString('en-US')} |`);
  }
  await raw.close().catch(() => undefined);
}
