import restify from 'restify';
import { rememberRequestId, requestIdFrom, runInRequest } from '../../bot/request-context.js';
import type { Directory } from '../../domain/ports/directory.js';
import type { Logger } from '../../domain/ports/logger.js';
import type { Store } from '../../domain/ports/store.js';
import { mountProbeRoutes, probeBudgetMs, within, type ProbeParts } from './probe-routes.js';
import { refuseLargeBodies } from './refuse-large-bodies.js';
import { refuseUnreadableHost } from './refuse-unreadable-host.js';

/** No request to any route may announce more; each route that reads a body has a tighter limit of its own. */
const maxAnyBodyBytes = 1024 * 1024;

/** Polled every few seconds by probes and scrapers: their request lines go to debug, not info. */
const probePaths = new Set(['/healthz', '/livez', '/readyz', '/metrics']);

const quietRequests = new WeakSet<restify.Request>();

/** Logs this request's line at debug, as a probe's: for a route polled by tools (the Agents Playground's HEAD /api/messages). */
export function logQuietly(req: restify.Request): void {
  quietRequests.add(req);
}

/** The one restify server every surface mounts its routes on. No global body parser: Slack needs the raw bytes. */
export function createHttpServer(parts: { readonly store: Store; readonly directory: Directory; readonly logger: Logger } & Partial<Pick<ProbeParts, 'metrics' | 'metricsToken' | 'directoryProblem'>>): restify.Server {
  const server = restify.createServer({ name: 'groupgate', handleUncaughtExceptions: false });
  // First: a Host header that is no host makes restify throw wherever the URL is read (the router, the log line below).
  server.pre(refuseUnreadableHost);
  // Every request, on every surface, gets an id here: its log lines carry it and the response names it (x-request-id).
  server.pre((req, res, next) => {
    const requestId = requestIdFrom(req.headers['x-request-id']);
    const started = process.hrtime.bigint();
    res.setHeader('x-request-id', requestId);
    // Every answer is JSON, text or the web chat's files, each with its type: never to be sniffed as something else (HTML, script).
    res.setHeader('x-content-type-options', 'nosniff');
    rememberRequestId(req, requestId);
    res.once('finish', () => {
      const fields = { requestId, method: req.method, path: req.path(), status: res.statusCode, ms: Number((process.hrtime.bigint() - started) / 1_000_000n) };
      if (probePaths.has(req.path()) || quietRequests.has(req)) parts.logger.debug(fields, 'request');
      else parts.logger.info(fields, 'request');
    });
    runInRequest(requestId, () => next());
  });
  server.pre(refuseLargeBodies(maxAnyBodyBytes));
  server.get('/healthz', async (_req, res) => {
    // Bounded like /readyz: a directory whose store has stalled would otherwise hold the probe until it wakes.
    const [store, directory] = await Promise.all([parts.store.ping(), within(probeBudgetMs, parts.directory.ready()).then((ready) => ready === true, () => false)]);
    const healthy = store && directory;
    res.status(healthy ? 200 : 503);
    // The directory's copy lives in the store: with the store out of reach, whether it is loaded is unknown.
    res.json({ status: healthy ? 'ok' : 'degraded', store: store ? 'reachable' : 'unreachable', directory: directory ? 'loaded' : store ? 'not loaded' : 'unknown' });
  });
  mountProbeRoutes(server, parts);
  server.on('restifyError', (req, res, error, callback) => {
    const status = typeof error.statusCode === 'number' ? error.statusCode : 500;
    if (status < 500) {
      parts.logger.warn({ method: req.method, path: req.path(), status }, 'request refused');
      return callback();
    }
    // A handler failed: restify would answer with the error's own words. They go to the log, with the
    // stack; the caller learns only that it failed.
    parts.logger.error({ err: error, method: req.method, path: req.path() }, 'request failed');
    if (!res.headersSent) res.send(500, { code: 'Internal', message: "Something went wrong on GroupGate's side; nothing more was changed." });
    return callback();
  });
  return server;
}
