import type { GraphDirectory } from '../adapters/directory/graph/graph-directory.js';
import type { Logger } from '../domain/ports/logger.js';
import type { Scheduler } from './scheduler.js';

// The first full load of a large tenant takes minutes; the lease must outlast it, or a second instance would start its own.
const firstLoadLeaseMs = 30 * 60_000;
const longestWaitMs = 5 * 60_000;

/** What people are told while the directory loads. */
export const stillLoadingWords = 'GroupGate is still loading the directory from Microsoft Graph; please try again in a minute.';

/**
 * The Graph directory's first load, run after the server listens: tried until the copy is loaded
 * (here, or by another instance holding the lease), waiting longer after each failure (from
 * `retryMs`, doubling, at most 5 minutes), with one log line per failure. The process stays up
 * meanwhile: /readyz says why it is not ready, and chat turns are told it is still loading.
 */
export class FirstDirectoryLoad {
  /** Why the last try failed, while the copy is not loaded. */
  problem: string | undefined;
  loaded = false;
  private stopped = false;
  private wake: (() => void) | undefined;

  constructor(
    private readonly directory: GraphDirectory,
    private readonly scheduler: Scheduler,
    private readonly logger: Logger,
    private readonly retryMs: number,
  ) {}

  /** Resolves true once loaded, false when stopped first; `failed` hears each failure. */
  async run(failed: (error: unknown) => void = () => undefined): Promise<boolean> {
    let waitMs = this.retryMs;
    while (!this.stopped) {
      let failure: unknown;
      // Caught inside the job: the scheduler would log a second, vaguer line.
      await this.scheduler.runOnce('graph-sync', firstLoadLeaseMs, () => this.directory.sync().catch((error: unknown) => void (failure = error ?? new Error('unknown failure'))));
      if (await this.directory.ready().catch(() => false)) {
        this.loaded = true;
        this.problem = undefined;
        return true;
      }
      if (failure !== undefined) {
        this.problem = failure instanceof Error ? failure.message : String(failure);
        this.logger.error({ retryInSeconds: waitMs / 1000 }, `could not load the directory from Microsoft Graph: ${this.problem}; trying again in ${waitMs / 1000} s`);
        failed(failure);
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, waitMs);
        this.wake = () => (clearTimeout(timer), resolve());
      });
      waitMs = Math.min(waitMs * 2, longestWaitMs);
    }
    return false;
  }

  /** Stops trying (at shutdown); a try in progress finishes. */
  stop(): void {
    this.stopped = true;
    this.wake?.();
  }
}
