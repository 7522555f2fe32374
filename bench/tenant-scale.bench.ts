// Benchmark of issue 16: GroupGate on tenants of 1k, 10k and 100k users behind the wire-format Graph
// stand-in, the real bot process on SQLite and on Redis, timed through the web chat API. Prints one
// table per size (figures marked against the issue's goals) and each command's growth across sizes.
// `npm run bench -- tenant-scale --sizes 1k,10k` (or TENANT_SCALE_SIZES) runs fewer sizes;
// TENANT_SCALE_STORES=SQLite and TENANT_SCALE_RUNS=<n> (default 20) narrow it further. See docs/tenant-scale.md.
import { execFileSync } from 'node:child_process';
import { cpus, loadavg, totalmem } from 'node:os';
import { details, growthTable, sizeTable } from './tenant-scale/report.js';
import { killLiveBots, runScenario, type ScenarioFigures } from './tenant-scale/run-scenario.js';
import { redisMissing, removeLiveStores, type StoreKind } from './tenant-scale/store-under-test.js';
import { tenantSizes } from './tenant-scale/synthetic-tenant.js';

function option(flag: string, variable: string): string | undefined {
  const at = process.argv.indexOf(flag);
  return at >= 0 ? process.argv[at + 1] : process.env[variable];
}

const machine = () => `${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${Math.round(totalmem() / 2 ** 30)} GB, node ${process.version}`;
const load = () => loadavg().map((n) => n.toFixed(2)).join(' ');
const commit = () => {
  try {
    // Others' uncommitted work in the tree runs too: say how much, so the figures can be placed.
    const changed = execFileSync('git', ['status', '--short', '--untracked-files=no'], { encoding: 'utf8' }).split('\n').filter(Boolean).length;
    return `${execFileSync('git', ['log', '-1', '--format=%h %s'], { encoding: 'utf8' }).trim().slice(0, 100)}${changed ? ` (+ ${changed} tracked files changed in the tree)` : ''}`;
  } catch {
    return 'unknown';
  }
};

export default async function main(): Promise<void> {
  const wanted = (option('--sizes', 'TENANT_SCALE_SIZES') ?? tenantSizes.map((s) => s.name).join(',')).split(',').map((s) => s.trim());
  const sizes = tenantSizes.filter((s) => wanted.includes(s.name));
  if (!sizes.length) throw new Error(`no known size in "${wanted.join(',')}"; the sizes are ${tenantSizes.map((s) => s.name).join(', ')}`);
  const runs = Math.max(1, Number(option('--runs', 'TENANT_SCALE_RUNS') ?? 20));
  const stores = (option('--stores', 'TENANT_SCALE_STORES') ?? 'SQLite,Redis').split(',').filter((s): s is StoreKind => s === 'SQLite' || s === 'Redis');
  const noRedis = stores.includes('Redis') ? await redisMissing() : undefined;
  if (noRedis) console.log(`Redis column skipped: ${noRedis}`);
  const usable = stores.filter((s) => s !== 'Redis' || !noRedis);

  // An interrupt still stops the bots and removes the stores (the stand-ins end with this process).
  const interrupted = () => void Promise.all([killLiveBots(), removeLiveStores()]).finally(() => process.exit(130));
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);

  console.log(`${new Date().toISOString()} · ${machine()} · load average at start ${load()} · commit ${commit()}`);
  console.log(`${runs} measured runs per command (after 2 warm-ups); p99 is nearest-rank, so with fewer than 100 runs it is the slowest run\n`);
  const results = new Map<string, ScenarioFigures[]>();
  for (const size of sizes) {
    const started = performance.now();
    const scenarios: ScenarioFigures[] = [];
    for (const store of usable) scenarios.push(await runScenario(size, store, runs));
    results.set(size.name, scenarios);
    console.log(`### ${size.name}: ${size.users.toLocaleString('en-US')} users, ${size.groups.toLocaleString('en-US')} groups (took ${((performance.now() - started) / 60_000).toFixed(1)} min, load average now ${load()})\n`);
    console.log(sizeTable(size.name, scenarios));
    console.log(`\n${scenarios.map(details).join('\n')}\n`);
  }
  if (sizes.length > 1) {
    const [first, last] = [sizes[0]!.name, sizes.at(-1)!.name];
    console.log(growthTable(first, last, usable.map((store) => ({ store, from: results.get(first)?.find((s) => s.store === store), to: results.get(last)?.find((s) => s.store === store) }))));
  }
  console.log(`\nload average at end ${load()}`);
  process.off('SIGINT', interrupted);
  process.off('SIGTERM', interrupted);
  if ([...results.values()].flat().some((s) => s.errors.length || s.commands.some((c) => c.errors.length))) process.exitCode = 1;
}
