import type restify from 'restify';
import { EmbeddedDirectory } from '../adapters/directory/embedded/embedded-directory.js';
import { attachGraphDirectory } from '../adapters/directory/graph/attach-graph-directory.js';
import { GraphDirectory } from '../adapters/directory/graph/graph-directory.js';
import { graphLicenseStates } from '../adapters/directory/graph/graph-license-states.js';
import { openGraphDirectory } from '../adapters/directory/graph/open-graph-directory.js';
import { createHttpServer } from '../adapters/http/create-http-server.js';
import { createPinoLogger } from '../adapters/logging/pino-logger.js';
import { configuredSecrets } from '../adapters/logging/scrub-secrets.js';
import { countTurns } from '../adapters/metrics/count-turns.js';
import { graphObserver, GroupGateMetrics, setLicensingGauges } from '../adapters/metrics/groupgate-metrics.js';
import { createStore } from '../adapters/store/create-store.js';
import { meteredStore } from '../adapters/store/metered-store.js';
import { sweepJoinRequests, type SweepReport } from '../domain/join-requests/sweep-join-requests.js';
import { sweepMembershipEnds } from '../domain/time-bound-membership/sweep-membership-ends.js';
import { systemClock, type Clock } from '../domain/ports/clock.js';
import type { Directory } from '../domain/ports/directory.js';
import type { Logger } from '../domain/ports/logger.js';
import { message } from '../cards/card-view.js';
import { ConfigError, type Config } from './config.js';
import { createGroupGate, type GroupGate } from './group-gate.js';
import { FirstDirectoryLoad, stillLoadingWords } from './first-directory-load.js';
import { memoiseTurnReads } from './memoise-turn-reads.js';
import { injectFault } from './inject-fault.js';
import { usageLimitsFrom } from './limits/usage-limits.js';
import { computedLicenseStates } from './licensing/computed-license-states.js';
import type { ChatChannel } from './notify/chat-channel.js';
import { Scheduler } from './scheduler.js';
import { runReviewSweep } from './access-reviews/run-review-sweep.js';
import type { MountedSurface } from './surface.js';
import { mountSurfaces } from './surfaces.js';

/** A running GroupGate: its core, its HTTP server and the address it listens on. */
export interface RunningGroupGate {
  readonly gate: GroupGate;
  readonly server: restify.Server;
  readonly url: string;
  readonly scheduler: Scheduler;
  /** The chat surfaces that are on, with what each wants printed at start. */
  readonly surfaces: readonly MountedSurface[];
  /**
   * Settles once start-up work is done: the directory's first load (a Graph directory loads after
   * the server listens), the start-up sweeps and licensing. Rejects with the first load's first
   * failure; GroupGate keeps trying meanwhile, and /readyz says why it is not ready.
   */
  readonly loaded: Promise<void>;
  /** This instance's Prometheus metrics (served at /metrics). */
  readonly metrics: GroupGateMetrics;
  /** Stops taking requests, lets requests in flight and background work finish, stops scheduled work, and closes the directory and store. */
  stop(): Promise<void>;
}

/** What tests may swap: the clock, the logger, the directory. */
export interface StartOptions {
  readonly clock?: Clock;
  readonly logger?: Logger;
  readonly directory?: Directory;
  /** Chat platforms registered before anything runs (tests record what start-up sends). */
  readonly channels?: readonly ChatChannel[];
}

/**
 * Builds everything from configuration and starts listening: the composition root's body, also
 * used by tests. A start that fails part-way (a surface refuses its configuration, the directory
 * cannot load) closes what it had opened — store, directory, scheduler, server — before throwing.
 */
export async function startGroupGate(config: Config, options: StartOptions = {}): Promise<RunningGroupGate> {
  const logger = options.logger ?? createPinoLogger(config.LOG_LEVEL, undefined, configuredSecrets(config));
  const metrics = new GroupGateMetrics();
  const store = meteredStore(await createStore(config.STORE_URL, { onRoundTrip: () => metrics.storeRoundTrips.inc() }), metrics);
  // What is open so far, closed in reverse order by stop() or by a failed start.
  const opened: Array<() => Promise<unknown> | unknown> = [() => store.close()];
  const closeAll = async () => {
    for (const close of opened.splice(0).reverse()) await Promise.resolve().then(close).catch((error: unknown) => logger.warn({ err: error }, 'could not close part of GroupGate'));
  };
  try {
    const directory = options.directory ?? (await openDirectory(config, store, logger, metrics));
    if (directory instanceof GraphDirectory) opened.push(() => directory.close());
    const scheduler = new Scheduler(store, logger);
    const firstLoad = directory instanceof GraphDirectory ? new FirstDirectoryLoad(directory, scheduler, logger, config.DIRECTORY_LOAD_RETRY) : undefined;
    const stillLoading = [message([[stillLoadingWords]], { tone: 'warning' })];
    const gate = createGroupGate({
      store, logger,
      observeTurn: countTurns(metrics, () => (firstLoad && !firstLoad.loaded ? stillLoading : undefined)),
      directory: injectFault(memoiseTurnReads(directory), config.TEST_FAULT),
      cacheDirectory: directory,
      clock: options.clock ?? systemClock,
      timing: { remindAfterMs: config.REQUEST_REMIND_AFTER, expireAfterMs: config.REQUEST_EXPIRE_AFTER, keepClosedForMs: config.REQUEST_RETENTION },
      maxPendingPerRequester: config.MAX_PENDING_REQUESTS,
      limits: usageLimitsFrom(config),
      lowSeat: { percent: config.LOW_SEAT_PERCENT, minimum: config.LOW_SEAT_MINIMUM },
      ...(directory instanceof EmbeddedDirectory ? { licenseSource: computedLicenseStates(directory, directory) } : {}),
      ...(directory instanceof GraphDirectory ? { licenseSource: graphLicenseStates(directory) } : {}),
    });
    // Work started by requests (notifications, licensing runs) finishes before the store closes.
    opened.push(() => gate.background.idle());
    options.channels?.forEach((channel) => gate.messenger.addChannel(channel));
    // One log line per membership change GroupGate made or learnt of (the audit trail keeps them too).
    gate.membershipListeners.push(async (change) => logger.info({ ...change }, 'membership changed'));
    const server = createHttpServer({ store, directory: gate.directory, logger, metrics, metricsToken: config.METRICS_TOKEN, directoryProblem: () => firstLoad?.problem });
    const surfaces = await mountSurfaces({ server, gate, config, logger, ...(directory instanceof GraphDirectory ? { teamsAppInstaller: directory } : {}) });
    const stopSurfaces = once(() => Promise.all(surfaces.map((surface) => surface.stop?.())));
    opened.push(stopSurfaces);

    opened.push(() => scheduler.stop());
    // The embedded tenant is loaded already: its start-up work runs before serving, as it always has.
    if (!firstLoad) await startScheduledWork(config, gate, directory, scheduler, metrics);

    await listen(server, config);
    const loaded = firstLoad ? loadThenSchedule(firstLoad, () => startScheduledWork(config, gate, directory, scheduler, metrics)) : Promise.resolve();
    loaded.catch(() => undefined); // read by callers who care; the loop goes on either way
    if (firstLoad) opened.push(() => (firstLoad.stop(), loaded.catch(() => undefined)));
    // Closing stops new connections and waits for requests in flight; stop() runs it first, before anything they use closes.
    opened.push(() => closeServer(server, stopSurfaces));
    const address = server.address();
    const url = `http://${config.HOST.includes(':') ? `[${config.HOST}]` : config.HOST}:${address.port}`;
    return { gate, server, url, scheduler, surfaces, loaded, metrics, stop: closeAll };
  } catch (error) {
    await closeAll();
    throw error;
  }
}

/** The Graph directory's first load, then the scheduled work; rejects at the load's first failure while it goes on trying. */
function loadThenSchedule(firstLoad: FirstDirectoryLoad, schedule: () => Promise<void>): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    firstLoad.run(reject).then((done) => (done ? schedule() : undefined)).then(resolve, reject);
  });
}

/**
 * Listens on PORT and HOST; a port in use (EADDRINUSE) or out of reach fails the start, in words
 * that say which setting to change, instead of crashing the process.
 */
function listen(server: restify.Server, config: Config): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => reject(listenProblem(error, config) ?? error));
    server.listen(config.PORT, config.HOST, () => {
      server.removeListener('error', reject);
      resolve();
    });
  });
}

function listenProblem(error: NodeJS.ErrnoException, config: Config): ConfigError | undefined {
  const where = `${config.HOST}:${config.PORT}`;
  if (error.code === 'EADDRINUSE') return new ConfigError([`PORT: ${where} is already in use by another program (another GroupGate?). Stop it, or set PORT to a free port.`]);
  if (error.code === 'EACCES') return new ConfigError([`PORT: this user may not listen on ${where} (ports below 1024 need privileges). Set PORT to 1024 or above.`]);
  if (error.code === 'EADDRNOTAVAIL') return new ConfigError([`HOST: ${config.HOST} is not an address of this machine. Set HOST to one of its addresses, or 0.0.0.0 for all of them.`]);
  return undefined;
}

/**
 * Stops taking connections, ends the surfaces' long-lived ones (the web chat's event streams), and
 * waits for the requests in flight. A keep-alive connection left idle by its last response is
 * closed as soon as it is idle, instead of after its keep-alive timeout.
 */
async function closeServer(server: restify.Server, stopSurfaces: () => Promise<unknown>): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  const idleSweep = setInterval(() => server.server.closeIdleConnections(), 50);
  server.server.closeIdleConnections();
  try {
    await stopSurfaces();
    await closed;
  } finally {
    clearInterval(idleSweep);
  }
}

/** The periodic work, each job run once across instances under its lease. */
async function startScheduledWork(config: Config, gate: GroupGate, directory: Directory, scheduler: Scheduler, metrics: GroupGateMetrics): Promise<void> {
  // The gauges are set by the instance that ran the job, from what the job read anyway: a scrape lists nothing.
  const sweepRequests = async (graceMs: number) => metrics.pendingRequests.set((await sweep(gate, graceMs)).pending);
  const processLicensing = async () => {
    await gate.licensing.process();
    setLicensingGauges(metrics, (await gate.licensing.view()).summary);
  };
  // Entra processes dynamic groups itself; GroupGate only keeps its rule previews and explanations current.
  if (directory instanceof GraphDirectory) directory.onChange((changes) => gate.membershipRules.directoryChanged(changes));
  // Licensing reads the same rounds, and reads its snapshot again only when one touched it.
  if (directory instanceof GraphDirectory) directory.onChange((changes) => gate.licensing.directoryChanged(changes));
  // A Graph directory loads the tenant (or catches up) before anything reads it, then syncs on its own beat.
  if (directory instanceof GraphDirectory) await attachGraphDirectory(directory, gate, scheduler, config.GRAPH_SYNC_INTERVAL);
  // At start, finish every decision a crash left half-done (grace 0); afterwards leave fresh ones to their instance.
  await scheduler.runOnce('join-requests', config.SWEEP_INTERVAL * 2, () => sweepRequests(0));
  // A decision still unfinished one sweep interval after it was made is finished by the sweeping instance.
  scheduler.every('join-requests', config.SWEEP_INTERVAL, () => sweepRequests(config.SWEEP_INTERVAL));
  // Time-bound memberships: reminders, and removals at the end (one a crash interrupted is finished at start).
  await scheduler.runOnce('membership-ends', config.SWEEP_INTERVAL * 2, () => sweepEnds(gate, 0));
  scheduler.every('membership-ends', config.SWEEP_INTERVAL, () => sweepEnds(gate, config.SWEEP_INTERVAL));
  // Access reviews: open the scheduled ones, close those whose date came, carry out their removals (a crash's are finished at start).
  await scheduler.runOnce('access-reviews', config.SWEEP_INTERVAL * 2, () => runReviewSweep(gate, 0));
  scheduler.every('access-reviews', config.SWEEP_INTERVAL, () => runReviewSweep(gate, config.SWEEP_INTERVAL));
  // Licensing is brought up to date before serving, then kept so (and daily reminders sent) on the same beat.
  await scheduler.runOnce('licensing', config.SWEEP_INTERVAL * 2, processLicensing);
  scheduler.every('licensing', config.SWEEP_INTERVAL, processLicensing);
  // Rules reading system.now move members with time alone; an interrupted rule Apply is finished.
  scheduler.every('membership-rules', config.SWEEP_INTERVAL, () => gate.membershipRules.sweep());
  // A store that came back empty (Redis restarted without its data) gets the embedded tenant again, without a restart.
  if (directory instanceof EmbeddedDirectory) {
    scheduler.every('directory-seed', config.SWEEP_INTERVAL, async () => {
      if (await directory.seedAgainIfLost()) gate.logger.warn({}, 'the store had lost the embedded tenant (emptied or restarted without its data); seeded it again');
    });
  }
}

/**
 * One sweep of time-bound memberships. Plain Graph group membership has no end date (PIM for
 * Groups would need Entra ID P2 licences), so GroupGate's own scheduler removes members.
 */
async function sweepEnds(gate: GroupGate, graceMs: number): Promise<void> {
  const report = await sweepMembershipEnds(gate.requests, graceMs);
  for (const { key, error } of report.failed) gate.logger.warn({ membership: key, err: error }, 'could not carry a time-bound membership through; the next sweep tries again');
}

/** One sweep of join requests; requests it could not carry through are logged and tried again next time. */
async function sweep(gate: GroupGate, graceMs: number): Promise<SweepReport> {
  const report = await sweepJoinRequests(gate.requests, graceMs);
  for (const { id, error } of report.failed) gate.logger.warn({ requestId: id, err: error }, 'could not carry a join request through; the next sweep tries again');
  return report;
}

async function openDirectory(config: Config, store: Awaited<ReturnType<typeof createStore>>, logger: Logger, metrics: GroupGateMetrics): Promise<Directory> {
  if (config.DIRECTORY === 'graph') return openGraphDirectory(config, store, logger, graphObserver(metrics));
  return EmbeddedDirectory.open(store, config.DIRECTORY_SEED);
}

/** `work` run at most once; later calls get the first call's promise. */
function once<T>(work: () => Promise<T>): () => Promise<T> {
  let run: Promise<T> | undefined;
  return () => (run ??= work());
}
