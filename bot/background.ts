import type { Logger } from '../domain/ports/logger.js';

/**
 * Work that must not hold up a reply (Teams waits ~5 s for an invoke, Slack 3 s for an ack):
 * started now, tracked, and awaitable as a whole through `idle()` by tests and by shutdown.
 */
export class Background {
  private readonly running = new Set<Promise<void>>();

  constructor(private readonly logger: Logger) {}

  /** Starts `task` without waiting for it; a failure is logged, never thrown at the caller. */
  run(name: string, task: () => Promise<unknown>): void {
    const promise: Promise<void> = Promise.resolve()
      .then(task)
      .then(
        () => undefined,
        (error: unknown) => this.logger.error({ task: name, err: error }, 'background task failed'),
      )
      .finally(() => this.running.delete(promise));
    this.running.add(promise);
  }

  /** Resolves once every started task (and any they started) has finished. */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }
}
