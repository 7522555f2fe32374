import restify from 'restify';
import type { Directory } from '../../domain/ports/directory.js';
import type { Logger } from '../../domain/ports/logger.js';
import type { Store } from '../../domain/ports/store.js';

/** The one restify server every surface mounts its routes on. No global body parser: Slack needs the raw bytes. */
export function createHttpServer(parts: { readonly store: Store; readonly directory: Directory; readonly logger: Logger }): restify.Server {
  const server = restify.createServer({ name: 'groupgate', handleUncaughtExceptions: false });
  server.get('/healthz', async (_req, res) => {
    const [store, directory] = await Promise.all([parts.store.ping(), parts.directory.ready().catch(() => false)]);
    const healthy = store && directory;
    res.status(healthy ? 200 : 503);
    // The directory's copy lives in the store: with the store out of reach, whether it is loaded is unknown.
    res.json({ status: healthy ? 'ok' : 'degraded', store: store ? 'reachable' : 'unreachable', directory: directory ? 'loaded' : store ? 'not loaded' : 'unknown' });
  });
  server.on('restifyError', (req, _res, error, callback) => {
    parts.logger.warn({ method: req.method, path: req.path(), status: error.statusCode }, 'request refused');
    return callback();
  });
  return server;
}
