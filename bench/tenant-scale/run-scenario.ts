// One tenant size on one store: a fresh stand-in and store, the real bot process on them, and every
// figure the report prints. A phase that fails is recorded as an error and the rest still run where
// they can; the bot, the stand-in and the store are removed whatever happens.
import { cpuTimeMs } from '../load/cpu-time.js';
import { GroupGateProcess, type LogLine } from '../../test/adapters/store/groupgate-process.js';
import { processMemoryMb } from './process-memory.js';
import { waitUntilSettled } from './quiet.js';
import { StandInProcess } from './stand-in-client.js';
import type { GraphCalls } from './stand-in-protocol.js';
import { freshStore, type StoreKind } from './store-under-test.js';
import type { TenantSize } from './synthetic-tenant.js';
import { runCommands } from './run-commands.js';
import type { CommandFigures } from './time-command.js';

/** How often the bot runs a sync round and each sweep here: every 30 s window holds one of each. */
const backgroundInterval = '30s';
const idleWindowMs = 30_000;
const roundDone = 'Microsoft Graph sync round done';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Bots running now, so an interrupted benchmark can still stop them. */
const liveBots = new Set<GroupGateProcess>();

/** Kills every bot still running (on an interrupt; the stand-ins end with their parent). */
export const killLiveBots = () => Promise.allSettled([...liveBots].map((bot) => bot.kill()));

export interface Round {
  readonly ms: number;
  readonly calls: GraphCalls;
  /** What the bot said the round saw: users, groups, memberships changed. */
  readonly saw?: string;
}

export interface ScenarioFigures {
  readonly store: StoreKind;
  tenant: string;
  /** From spawning the bot to it listening (its first full sync happens before). */
  startMs?: number;
  fullSync?: Round;
  emptyDelta?: Round;
  tenDelta?: Round;
  /** CPU the bot spent on the 10-change round and what it set off, until it settled. */
  tenChangeCpuMs?: number;
  idleCpuPercent?: number;
  idleRounds?: number;
  rssMb?: number;
  peakRssMb?: number;
  commands: CommandFigures[];
  healthDuringPreviewMs?: number[];
  readonly errors: string[];
  wallMs: number;
}

export async function runScenario(size: TenantSize, kind: StoreKind, runs: number): Promise<ScenarioFigures> {
  const started = performance.now();
  const figures: ScenarioFigures = { store: kind, tenant: '', commands: [], errors: [], wallMs: 0 };
  const phase = async (name: string, work: () => Promise<void>) => {
    try {
      await work();
    } catch (error) {
      figures.errors.push(`${name}: ${error instanceof Error ? error.message.split('\n').slice(0, 3).join(' ') : String(error)}`);
    }
  };
  const store = freshStore(kind, size.name);
  let stand: StandInProcess | undefined;
  let bot: GroupGateProcess | undefined;
  try {
    stand = await StandInProcess.start(size.name, 2 * (runs + 2));
    const { cast } = stand;
    figures.tenant = `${size.users.toLocaleString('en-US')} users, ${size.groups.toLocaleString('en-US')} groups, ${cast.memberships.toLocaleString('en-US')} memberships (largest group ${cast.largestGroup.toLocaleString('en-US')}); stand-in built in ${(stand.buildMs / 1000).toFixed(1)} s, ${stand.rssMb} MB`;
    const spawnedAt = Date.now();
    bot = await GroupGateProcess.start(`bot ${size.name} ${kind}`, {
      ...stand.env, STORE_URL: store.url, WEB_CHAT: 'on', TEAMS: 'off', LOG_LEVEL: 'info',
      GRAPH_SYNC_INTERVAL: backgroundInterval, SWEEP_INTERVAL: backgroundInterval,
      // One driver plays every person: per-person limits would refuse the runs, not measure them.
      RATE_LIMIT_COMMANDS_PER_MINUTE: '100000', RATE_LIMIT_JOIN_REQUESTS_PER_HOUR: '100000', RATE_LIMIT_PREVIEWS_PER_MINUTE: '100000', MAX_PENDING_REQUESTS: '1000',
    }, cpuProfileArgs(), 45 * 60_000);
    liveBots.add(bot);
    figures.startMs = Date.now() - spawnedAt;
    const running = bot;
    const standIn = stand;
    const roundAt = async (index: number, timeoutMs: number): Promise<LogLine> => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const line = running.logged(roundDone)[index];
        if (line) return line;
        if (!running.alive) throw new Error(`the bot exited: ${running.lines.slice(-3).join(' ')}`);
        if (Date.now() > deadline) throw new Error(`no sync round ${index + 1} within ${timeoutMs / 1000} s`);
        await sleep(100);
      }
    };
    const round = async (line: LogLine, from: number): Promise<Round> => ({
      ms: Number(line['ms']), calls: await standIn.calls(from, Number(line['time'])),
      saw: `${line['users']} users, ${line['groups']} groups, ${line['memberships']} memberships`,
    });
    // The bot listens before its first Graph load (it reports "still loading" meanwhile), so the
    // full sync ends some time after the start resolved.
    await phase('full sync', async () => {
      const line = await roundAt(0, 45 * 60_000);
      figures.fullSync = await round(line, spawnedAt);
    });
    const roundWait = 10 * 60_000;
    await phase('empty delta round', async () => {
      const line = await roundAt(1, roundWait);
      // The round's own window: from its start (its end less its duration) to its end.
      figures.emptyDelta = await round(line, Number(line['time']) - Number(line['ms']) - 20);
    });
    await phase('10-change delta round', async () => {
      // Settled first, so the CPU counted is this round's and what it set off, not the rounds before.
      await waitUntilSettled(running.pid);
      const cpuBefore = cpuTimeMs(running.pid);
      await standIn.changeTen();
      const index = running.logged(roundDone).length;
      const line = await roundAt(index, roundWait);
      figures.tenDelta = await round(line, Number(line['time']) - Number(line['ms']) - 20);
      await waitUntilSettled(running.pid);
      const cpuAfter = cpuTimeMs(running.pid);
      if (cpuBefore !== undefined && cpuAfter !== undefined) figures.tenChangeCpuMs = cpuAfter - cpuBefore;
    });
    await phase('idle', async () => {
      // Idle means nobody typing and nothing changing: what the 10 changes set off has finished.
      await waitUntilSettled(running.pid);
      const [cpuBefore, roundsBefore, at] = [cpuTimeMs(running.pid), running.logged(roundDone).length, performance.now()];
      await sleep(idleWindowMs);
      const [cpuAfter, wall] = [cpuTimeMs(running.pid), performance.now() - at];
      if (cpuBefore !== undefined && cpuAfter !== undefined) figures.idleCpuPercent = ((cpuAfter - cpuBefore) / wall) * 100;
      figures.idleRounds = running.logged(roundDone).length - roundsBefore;
      figures.rssMb = processMemoryMb(running.pid)?.rss;
    });
    await phase('commands', async () => {
      const result = await runCommands({ url: running.url, pid: running.pid }, cast, runs, figures.commands);
      figures.healthDuringPreviewMs = result.healthMs;
    });
    figures.peakRssMb = processMemoryMb(running.pid)?.peak;
    const errorLines = running.logs().filter((line) => line.level >= 50);
    if (errorLines.length) figures.errors.push(`the bot logged ${errorLines.length} errors (first: ${errorLines[0]!.msg}${errorLines[0]!['err'] ? `: ${JSON.stringify(errorLines[0]!['err']).slice(0, 200)}` : ''})`);
  } catch (error) {
    figures.errors.push(error instanceof Error ? error.message.split('\n').slice(0, 5).join(' ') : String(error));
  } finally {
    await stopBot(bot);
    await stand?.stop().catch(() => undefined);
    await store.remove().catch((error: unknown) => figures.errors.push(`cleanup of the ${kind} store failed: ${String(error)}`));
    figures.wallMs = performance.now() - started;
  }
  return figures;
}

/** SIGTERM, then SIGKILL if it has not gone within 20 s. */
async function stopBot(bot: GroupGateProcess | undefined): Promise<void> {
  if (!bot?.alive) return;
  const stopped = bot.stop();
  const timer = setTimeout(() => void bot.kill(), 20_000);
  await stopped;
  clearTimeout(timer);
  liveBots.delete(bot);
}

/** TENANT_SCALE_CPU_PROFILE=<dir>: the bot writes a V8 CPU profile there when it stops (for finding where time goes; it slows the bot, so not for figures). */
function cpuProfileArgs(): string[] {
  const dir = process.env['TENANT_SCALE_CPU_PROFILE'];
  return dir ? ['--cpu-prof', `--cpu-prof-dir=${dir}`] : [];
}
