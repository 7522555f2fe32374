import { timingSafeEqual } from 'node:crypto';
import type restify from 'restify';
import type { Directory } from '../../domain/ports/directory.js';
import type { Store } from '../../domain/ports/store.js';
import type { GroupGateMetrics } from '../metrics/groupgate-metrics.js';

/** A probe answers within this, whatever the directory does (the store's ping has its own 1 s bound). */
export const probeBudgetMs = 1_000;

/** What the probes and /metrics read. */
export interface ProbeParts {
  readonly store: Store;
  readonly directory: Directory;
  readonly metrics?: GroupGateMetrics | undefined;
  /** When set, /metrics asks for `Authorization: Bearer <token>`. */
  readonly metricsToken?: string | undefined;
  /** Why the directory's first load failed, while it is not loaded. */
  readonly directoryProblem?: (() => string | undefined) | undefined;
}

/**
 * /livez (the process answers: no store or directory call, so a Redis blip restarts nothing),
 * /readyz (the store answers and the directory is loaded; 503 naming why not) and /metrics.
 */
export function mountProbeRoutes(server: restify.Server, parts: ProbeParts): void {
  server.get('/livez', async (_req, res) => {
    res.json({ status: 'ok' });
  });
  server.get('/readyz', async (_req, res) => {
    const reasons = await notReadyReasons(parts);
    res.status(reasons.length === 0 ? 200 : 503);
    res.json(reasons.length === 0 ? { status: 'ready' } : { status: 'not ready', reasons });
  });
  const { metrics } = parts;
  if (!metrics) return;
  server.get('/metrics', async (req, res) => {
    if (parts.metricsToken && !sameToken(req.headers.authorization, `Bearer ${parts.metricsToken}`)) {
      res.header('www-authenticate', 'Bearer');
      res.status(401);
      res.json({ status: 'unauthorized' });
      return;
    }
    const body = await metrics.registry.metrics();
    res.setHeader('content-type', metrics.registry.contentType);
    res.sendRaw(200, body);
  });
}

/** Why GroupGate should not get traffic now; empty when ready. Both checks run at once, each bounded. */
export async function notReadyReasons(parts: Pick<ProbeParts, 'store' | 'directory' | 'directoryProblem'>): Promise<string[]> {
  const [store, directory] = await Promise.all([
    parts.store.ping().catch(() => false),
    within(probeBudgetMs, parts.directory.ready()).then(
      (ready) => (ready === 'late' ? 'directory did not answer in time' : ready ? undefined : notLoaded(parts.directoryProblem?.())),
      (error: unknown) => `directory failed to load: ${(error as Error).message}`,
    ),
  ]);
  return [...(store ? [] : ['store unreachable']), ...(directory && store ? [directory] : [])];
}

const notLoaded = (problem: string | undefined) => (problem ? `directory failed to load: ${problem}` : 'directory still loading');

/** `work`'s value, or 'late' once `ms` have passed without one. */
export const within = <T>(ms: number, work: Promise<T>): Promise<T | 'late'> => {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), ms)));
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
};

function sameToken(given: string | undefined, expected: string): boolean {
  const [a, b] = [Buffer.from(given ?? ''), Buffer.from(expected)];
  return a.length === b.length && timingSafeEqual(a, b);
}
