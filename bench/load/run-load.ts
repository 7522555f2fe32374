/**
 * `npm run load`: two GroupGate instances (bot/main.ts, each its own process on a loopback port)
 * on one Redis (the run's own redis-server, or REDIS_URL), under signed Slack interactivity and
 * Teams invokes sent open-loop at an even pace; prints throughput, p50/p99 acknowledgement latency
 * and errors per instance and overall, then checks that every request got exactly one decision.
 * Loopback only; bounded in count and time (LOAD_RATE clicks/s per instance for LOAD_SECONDS,
 * after a short warm-up); stops by itself. LOAD_INSTANCES=1 measures one instance alone;
 * LOAD_CPU_PROFILE=<folder> makes each instance write a CPU profile there; LOAD_WAIT_FOR_QUIET=1
 * waits for an idle machine first.
 */
import { execFileSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { createClient } from '@keyv/redis';
import { createStore } from '../../adapters/store/create-store.js';
import { Fleet, fleetTenantFile, seedRequests } from '../../test/adapters/store/fleet.js';
import { eventually } from '../../test/adapters/store/groupgate-process.js';
import { PrivateRedis, privateRedisMissing } from '../../test/adapters/store/private-redis.js';
import { runClickStream, type ClickStream, type Traffic } from './click-stream.js';
import { coreShare, cpuTimeMs } from './cpu-time.js';
import { checkDecisions, printTable } from './load-report.js';
import { cpuTicks, idleShare, waitForQuiet } from './machine-idle.js';

const rate = Number(process.env['LOAD_RATE'] ?? 200);
const seconds = Number(process.env['LOAD_SECONDS'] ?? 20);
const warmUpSeconds = 3;
const groups = 20;
// LOAD_INSTANCES=1 puts all the traffic on one instance: what a single instance sustains when it has the machine to itself.
const instanceCount = process.env['LOAD_INSTANCES'] === '1' ? 1 : 2;

// Whatever happens, the run ends: the longest it may take is the load, the warm-up and a few minutes of setup and checks.
const watchdog = setTimeout(() => {
  console.error('load: still running long after its planned end; stopping.');
  process.exit(2);
}, (seconds + warmUpSeconds + 300) * 1000);
watchdog.unref();

async function main(): Promise<void> {
  // LOAD_WAIT_FOR_QUIET=1: wait (up to ten minutes) until the machine is at least 90% idle, so other work skews less.
  const idle = process.env['LOAD_WAIT_FOR_QUIET'] ? await waitForQuiet(0.9, 600_000) : await idleShare();
  console.log(`machine idle before the run: ${idle === undefined ? 'unknown' : `${Math.round(idle * 100)}%`}`);
  printMachine();
  const { url: redisUrl, stop: stopRedis } = await findRedis();
  // Each click is one of a pair (owner A approves in Slack, owner B denies in Teams) on one request.
  const measured = (rate * instanceCount * seconds) / 2;
  const warm = (rate * instanceCount * warmUpSeconds) / 2;
  const fleet = await new Fleet(redisUrl, fleetTenantFile(Math.ceil((measured + warm) / groups) + 1, groups)).open();
  try {
    // LOAD_CPU_PROFILE=<folder>: each instance writes a V8 CPU profile there when it stops (open it in Chrome DevTools).
    const profile = process.env['LOAD_CPU_PROFILE'] ? ['--cpu-prof', `--cpu-prof-dir=${process.env['LOAD_CPU_PROFILE']}`] : [];
    // LOAD_INSTANCE_ENV="MEMORY_SAVER=off LOG_LEVEL=warn": variables for every instance, to compare settings.
    const env = Object.fromEntries((process.env['LOAD_INSTANCE_ENV'] ?? '').split(/\s+/).filter(Boolean).map((pair) => pair.split('=', 2) as [string, string]));
    const one = await fleet.start('instance 1', env, profile);
    const two = instanceCount === 2 ? await fleet.start('instance 2', env, profile) : one;
    await fleet.introduceOwners(one);
    const round = async (from: number, count: number) => {
      const ids = await seedRequests(fleet.store, count, from, groups);
      const streams: ClickStream[] = [];
      const stream = (instance: typeof one, traffic: Traffic, parity: number) =>
        streams.push({ instance, traffic, requestIds: ids.filter((_, i) => i % 2 === parity), latencies: [], errors: 0, seconds: 0 });
      // Request i: approved in Slack on one instance while it is denied in Teams on the other.
      stream(one, 'Slack interactivity', 0);
      stream(two, 'Teams invoke', 0);
      stream(two, 'Slack interactivity', 1);
      stream(one, 'Teams invoke', 1);
      const targets = { slackResponseUrl: (key: string) => fleet.slack.responseUrl(key), teamsServiceUrl: fleet.connector.url };
      // Four streams share the clicks of every instance: `rate` per second reach each.
      await Promise.all(streams.map((s) => runClickStream(s, (rate * instanceCount) / streams.length, targets)));
      return { ids, streams };
    };
    console.log(`warm-up: ${warmUpSeconds} s at ${rate} clicks/s per instance (not measured)`);
    await round(0, warm);
    console.log(`load: ${seconds} s at ${rate} clicks/s per instance on ${instanceCount} instance${instanceCount === 1 ? '' : 's'}, ${measured * 2} clicks on ${measured} requests in ${groups} groups`);
    const processes = [
      { name: 'load generator and stand-ins', pid: process.pid },
      ...fleet.instances.map((i) => ({ name: i.name, pid: i.pid })),
      { name: 'Redis', pid: await redisPid(redisUrl) },
    ];
    const before = processes.map((p) => cpuTimeMs(p.pid));
    const machineBefore = cpuTicks();
    const started = performance.now();
    const { ids, streams } = await round(warm, measured);
    const wallMs = performance.now() - started;
    const after = processes.map((p) => cpuTimeMs(p.pid));
    printTable(streams);
    console.log(`CPU while measured (share of one core): ${processes.map((p, i) => `${p.name} ${coreShare(before[i], after[i], wallMs)}`).join(', ')}`);
    console.log(`everything else on the machine meanwhile: ${othersShare(machineBefore, cpuTicks(), before, after, wallMs)} of one core`);
    await eventually('the decisions to be carried through', async () => (await fleet.requests()).every((r) => r.status === 'pending' || r.notifiedAt), 180_000, 500);
    const check = await checkDecisions(fleet, ids, groups);
    console.log(check.text);
    if (!check.ok) process.exitCode = 1;
    const errorLines = fleet.instances.flatMap((instance) => instance.logs().filter((line) => line.level >= 50));
    console.log(`error log lines: ${errorLines.length}${errorLines[0] ? ` (first: ${errorLines[0].msg})` : ''}`);
  } finally {
    await fleet.close();
    await stopRedis();
  }
}

/**
 * Redis at REDIS_URL when set; otherwise a redis-server of the run's own on a free port (append-only
 * file, fsync every second, as production runs it), so that neither other work on a shared Redis
 * nor this run disturb each other; otherwise the one on 127.0.0.1:6379.
 */
async function findRedis(): Promise<{ url: string; stop: () => Promise<void> }> {
  const given = process.env['REDIS_URL'];
  if (!given && !privateRedisMissing) {
    const redis = await PrivateRedis.start('everysec');
    console.log(`redis: a redis-server of this run's own at ${redis.url} (appendfsync everysec)`);
    return { url: redis.url, stop: () => redis.stop() };
  }
  const url = given ?? 'redis://127.0.0.1:6379';
  const store = await createStore(`${url}?namespace=groupgate-load-probe`);
  await store.close();
  console.log(`redis: ${url}`);
  return { url, stop: async () => undefined };
}

/** CPU the rest of the machine used while measured: all busy CPU less this run's own processes, as a share of one core. */
function othersShare(machineBefore: ReturnType<typeof cpuTicks>, machineAfter: ReturnType<typeof cpuTicks>, before: Array<number | undefined>, after: Array<number | undefined>, wallMs: number): string {
  if (!machineBefore || !machineAfter) return 'unknown';
  const busyMs = (machineAfter.total - machineAfter.idle - (machineBefore.total - machineBefore.idle)) * 10;
  const oursMs = after.reduce<number>((sum, ms, i) => sum + ((ms ?? 0) - (before[i] ?? 0)), 0);
  return `${Math.max(0, Math.round(((busyMs - oursMs) / wallMs) * 100))}%`;
}

/** The redis-server's process id, as it reports it (for its CPU share, when it runs on this machine). */
async function redisPid(url: string): Promise<number | undefined> {
  const client = createClient({ url });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return Number(/process_id:(\d+)/.exec(await client.info('server'))?.[1]) || undefined;
  } catch {
    return undefined;
  } finally {
    client.destroy();
  }
}

/** What the numbers were measured on, and what else was busy. */
function printMachine(): void {
  const cores = cpus();
  console.log(`machine: ${cores.length} × ${cores[0]?.model ?? 'unknown CPU'}, node ${process.version}, load average ${loadavg().map((n) => n.toFixed(2)).join(' ')}`);
  try {
    const busy = execFileSync('ps', ['-eo', 'pcpu,etime,args', '--sort=-pcpu'], { encoding: 'utf8' }).split('\n').slice(1, 6).map((line) => line.trim().slice(0, 110));
    console.log(`busiest processes before the run (%CPU, elapsed, command):\n  ${busy.filter(Boolean).join('\n  ')}`);
  } catch {
    // ps is missing: the load average above says enough.
  }
}

await main();
