// Benchmark of issue 16's "indexes instead of listings": the chat commands that used to list every
// user or group (join, groups, groups <words>, help as an owner, person lookup, audit, alerts), run
// in process against the embedded directory on a synthetic tenant, on SQLite and on Redis. Prints per
// command the median time of 10 runs and the directory-store entries one run reads (a value read is
// one entry; a listing or set read counts each entry it returns). The same file runs on an earlier
// commit (copied into its tree) to give the "before" column. COMMAND_INDEXES_SIZES=1k,100k;
// COMMAND_INDEXES_STORES=SQLite,Redis; REDIS_URL picks the Redis server.
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@keyv/redis';
import { EmbeddedDirectory } from '../adapters/directory/embedded/embedded-directory.js';
import { createStore } from '../adapters/store/create-store.js';
import { loadConfig } from '../bot/config.js';
import { handleMessage } from '../bot/handle-message.js';
import { startGroupGate } from '../bot/start-groupgate.js';
import type { DirectoryUser } from '../domain/model/directory-user.js';
import { silentLogger } from '../domain/ports/logger.js';
import type { Store } from '../domain/ports/store.js';
import { replyText } from '../test/support/reply-text.js';
import { tempSqliteUrl } from '../test/support/temp-store-url.js';
import { counted } from './count-entries-read.js';
import { syntheticUsers } from './synthetic-directory.js';

const sizes = [
  { name: '1k', users: 1_000, groups: 200 },
  { name: '100k', users: 100_000, groups: 20_000 },
].filter((s) => (process.env['COMMAND_INDEXES_SIZES'] ?? '1k,100k').split(',').includes(s.name));
const stores = (process.env['COMMAND_INDEXES_STORES'] ?? 'SQLite,Redis').split(',');
const redisUrl = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';
const runs = 10;

const adjectives = ['Atlas', 'Blue', 'Cedar', 'Delta', 'Ember', 'Falcon', 'Granite', 'Harbor', 'Iris', 'Juniper', 'Kestrel', 'Lumen', 'Maple', 'Nimbus', 'Onyx', 'Pioneer', 'Quartz', 'Raven', 'Summit', 'Tidal', 'Umber', 'Vista', 'Willow', 'Xenon', 'Yarrow', 'Zephyr', 'Aurora', 'Beacon', 'Comet', 'Dune'];
const nouns = ['Project', 'Team', 'Guild', 'Club', 'Council', 'Squad', 'Lab', 'Forum', 'Circle', 'Crew', 'Works', 'Studio', 'Office', 'Desk', 'Hub', 'Group', 'Network', 'Board', 'Panel', 'Unit'];
const regions = ['North', 'South', 'East', 'West', 'Central', 'Europe', 'Asia', 'Pacific', 'Americas', 'Africa', 'Nordics', 'Iberia', 'Benelux', 'Alps', 'Baltic', 'Andes', 'Outback', 'Prairie', 'Delta', 'Coast'];

/** A synthetic tenant file: users as Graph returns them, groups of ~15 members, four admins. */
function tenantFile(users: number, groups: number): string {
  const people = syntheticUsers(users).map((u, i): Record<string, unknown> => ({ ...u, roles: i < 2 ? ['Global Administrator'] : i < 4 ? ['License Administrator'] : undefined }));
  const members = Array.from({ length: groups }, () => [] as string[]);
  people.forEach((u, i) => [i * 7, i * 13 + 1, i * 31 + 2].forEach((g) => members[g % groups]!.push(u.id as string)));
  const combos = adjectives.length * nouns.length * regions.length;
  const list = members.map((ids, g) => {
    const [a, n, r] = [adjectives[g % adjectives.length]!, nouns[Math.floor(g / adjectives.length) % nouns.length]!, regions[Math.floor(g / (adjectives.length * nouns.length)) % regions.length]!];
    const displayName = `${a} ${n} ${r}${g >= combos ? ` ${g}` : ''}`;
    const owner = people[(g * 17 + 5) % users]!.id as string;
    return { id: `10000000-0000-4000-8000-${g.toString(16).padStart(12, '0')}`, displayName, mailNickname: displayName.toLowerCase().replace(/\s+/g, '-'), description: `${n} work in ${r}`, groupTypes: [], mailEnabled: false, securityEnabled: true, owners: [owner], members: [...new Set([...ids, owner])] };
  });
  const path = join(tmpdir(), `command-indexes-${users}.json`);
  writeFileSync(path, JSON.stringify({ tenant: { displayName: 'Contoso' }, users: people, groups: list, subscribedSkus: [] }));
  return path;
}

async function scenario(size: (typeof sizes)[number], kind: string): Promise<void> {
  const namespace = `bench-indexes-${Date.now()}`;
  const url = kind === 'SQLite' ? tempSqliteUrl() : `${redisUrl}?namespace=${namespace}`;
  const counter = { entries: 0 };
  const raw = await createStore(url);
  const seedStarted = performance.now();
  const directory = await EmbeddedDirectory.open(counted(raw, counter), tenantFile(size.users, size.groups));
  const seedSeconds = (performance.now() - seedStarted) / 1000;
  const running = await startGroupGate(
    loadConfig({ PORT: '0', HOST: '127.0.0.1', STORE_URL: url, WEB_CHAT: 'off', LOG_LEVEL: 'silent', RATE_LIMIT_COMMANDS_PER_MINUTE: '1000000', RATE_LIMIT_JOIN_REQUESTS_PER_HOUR: '1000000' }),
    { logger: silentLogger, directory },
  );
  await running.loaded;
  const user = async (i: number) => (await directory.getUser(`00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}` as never)) as DirectoryUser;
  const group = async (g: number) => (await directory.getGroup(`10000000-0000-4000-8000-${g.toString(16).padStart(12, '0')}` as never))!;
  const [admin, plain, owner, named, target, other] = await Promise.all([user(0), user(9), user((1 * 17 + 5) % size.users), user(42), group(1), group(10)]);
  const typo = (name: string) => name.slice(0, 3) + name.slice(4);
  const commands: [string, DirectoryUser, string][] = [
    ['join <group>', plain, `join ${other.displayName}`],
    ['join <typo>', plain, `join ${typo(other.displayName)}`],
    ['groups', plain, 'groups'],
    ['groups <words>', plain, `groups ${other.displayName.split(' ').slice(0, 2).join(' ')}`],
    ['help (owner)', owner, 'help'],
    ['audit <person>', admin, `audit ${named.displayName}`],
    ['add <typo person> to <group>', owner, `add ${typo(named.displayName)} to ${target.displayName}`],
    ['alerts here (not admin)', plain, 'alerts here'],
  ];
  console.log(`\n### ${size.name} (${size.users.toLocaleString('en-US')} users, ${size.groups.toLocaleString('en-US')} groups) on ${kind} — seeded in ${seedSeconds.toFixed(1)} s\n`);
  console.log('| command | median | directory-store entries read |\n|---|---:|---:|');
  for (const [label, actor, text] of commands) {
    const times: number[] = [];
    let entries = 0;
    for (let run = 0; run < runs + 2; run++) {
      counter.entries = 0;
      const started = performance.now();
      const reply = await handleMessage(running.gate, { actor, platform: 'web' }, text);
      if (run === 0 && process.env['COMMAND_INDEXES_SHOW']) console.log(`> ${text}\n${replyText(reply).slice(0, 300)}`);
      if (run >= 2) times.push(performance.now() - started);
      entries = counter.entries;
    }
    times.sort((a, b) => a - b);
    console.log(`| \`${label}\` | ${times[Math.floor(times.length / 2)]!.toFixed(1)} ms | ${entries.toLocaleString('en-US')} |`);
  }
  await running.stop();
  await raw.close().catch(() => undefined);
  if (kind === 'Redis') await dropNamespace(namespace);
}

/** Removes what the run wrote to Redis. */
async function dropNamespace(namespace: string): Promise<void> {
  const client = createClient({ url: redisUrl });
  await client.connect();
  let batch: string[] = [];
  for await (const keys of client.scanIterator({ MATCH: `*${namespace}*`, COUNT: 1000 })) {
    batch.push(...(Array.isArray(keys) ? keys : [keys]));
    if (batch.length >= 1000) (await client.unlink(batch), (batch = []));
  }
  if (batch.length) await client.unlink(batch);
  await client.quit();
}

export default async function main(): Promise<void> {
  for (const size of sizes) for (const kind of stores) await scenario(size, kind);
}
