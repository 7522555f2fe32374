import { randomUUID } from 'node:crypto';
import type { Logger } from '../domain/ports/logger.js';
import type { Store } from '../domain/ports/store.js';

interface Lease {
  readonly holder: string;
  readonly until: number;
}

/**
 * Runs periodic jobs once across all instances sharing the store: before each run an instance
 * takes a lease with an expiry; if another instance holds a live lease it skips the run. A crashed
 * holder's lease simply runs out.
 */
export class Scheduler {
  private readonly id = randomUUID();
  private readonly timers: NodeJS.Timeout[] = [];
  private stopped = false;

  constructor(private readonly store: Store, private readonly logger: Logger) {}

  /** Runs `job` every `intervalMs` (and once now) on whichever instance holds the lease `name`. */
  every(name: string, intervalMs: number, job: () => Promise<unknown>): void {
    const tick = () => void this.runOnce(name, Math.max(intervalMs * 2, 30_000), job);
    tick();
    const timer = setInterval(tick, intervalMs);
    timer.unref();
    this.timers.push(timer);
  }

  /** Runs `job` now if this instance can take the lease; returns whether it ran. */
  async runOnce(name: string, leaseMs: number, job: () => Promise<unknown>): Promise<boolean> {
    if (this.stopped) return false;
    try {
      if (!(await this.takeLease(name, leaseMs))) return false;
      await job();
      return true;
    } catch (error) {
      this.logger.error({ job: name, err: error }, 'scheduled job failed');
      return false;
    }
  }

  /** Stops scheduling; a run in progress finishes. */
  stop(): void {
    this.stopped = true;
    this.timers.forEach(clearInterval);
  }

  private async takeLease(name: string, leaseMs: number): Promise<boolean> {
    const now = Date.now();
    return this.store.update<Lease, boolean>(`lease:${name}`, (current) =>
      current && current.holder !== this.id && current.until > now
        ? { result: false }
        : { next: { holder: this.id, until: now + leaseMs }, result: true },
    );
  }
}
