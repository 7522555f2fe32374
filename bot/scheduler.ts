import { randomUUID } from 'node:crypto';
import type { Logger } from '../domain/ports/logger.js';
import type { Store } from '../domain/ports/store.js';
import { runInRequest } from './request-context.js';

interface Lease {
  readonly holder: string;
  readonly until: number;
}

/**
 * Runs periodic jobs once across all instances sharing the store: before each run an instance
 * takes a lease with an expiry; if another instance holds a live lease it skips the run. The
 * holder renews the lease while a run lasts and at every tick, and hands it back when it stops; a
 * crashed holder's lease simply runs out (two intervals), and another instance takes over.
 */
export class Scheduler {
  private readonly id = randomUUID();
  private readonly timers: NodeJS.Timeout[] = [];
  /** Runs in progress on this instance, by job name: a slow run is never doubled by the next tick. */
  private readonly running = new Map<string, Promise<boolean>>();
  /** Leases this instance took, to hand back at stop. */
  private readonly taken = new Set<string>();
  private stopped = false;

  constructor(private readonly store: Store, private readonly logger: Logger) {}

  /** Runs `job` every `intervalMs` (and once now) on whichever instance holds the lease `name`. */
  every(name: string, intervalMs: number, job: () => Promise<unknown>): void {
    const tick = () => void this.runOnce(name, intervalMs * 2, job);
    tick();
    const timer = setInterval(tick, intervalMs);
    timer.unref();
    this.timers.push(timer);
  }

  /** Runs `job` now if this instance can take the lease; returns whether it ran. */
  async runOnce(name: string, leaseMs: number, job: () => Promise<unknown>): Promise<boolean> {
    if (this.stopped || this.running.has(name)) return false;
    const run = this.run(name, leaseMs, job).finally(() => this.running.delete(name));
    this.running.set(name, run);
    return run;
  }

  /** Stops scheduling, lets a run in progress finish, then hands its leases back so another instance need not wait them out. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.timers.forEach(clearInterval);
    await Promise.allSettled(this.running.values());
    await Promise.allSettled([...this.taken].map((name) => this.releaseLease(name)));
  }

  private async run(name: string, leaseMs: number, job: () => Promise<unknown>): Promise<boolean> {
    try {
      if (!(await this.takeLease(name, leaseMs))) return false;
      // A run may outlast its lease (a large tenant, a slow store): keep renewing it meanwhile.
      const renew = setInterval(() => void this.takeLease(name, leaseMs).catch(() => undefined), leaseMs / 3);
      try {
        // Each run gets a request id of its own, so its log lines can be told apart from a turn's.
        await runInRequest(`${name}:${randomUUID()}`, job);
      } finally {
        clearInterval(renew);
      }
      return true;
    } catch (error) {
      this.logger.error({ job: name, err: error }, 'scheduled job failed');
      return false;
    }
  }

  private async takeLease(name: string, leaseMs: number): Promise<boolean> {
    const now = Date.now();
    const took = await this.store.update<Lease, boolean>(`lease:${name}`, (current) =>
      current && current.holder !== this.id && current.until > now
        ? { result: false }
        : { next: { holder: this.id, until: now + leaseMs }, result: true },
    );
    if (took) this.taken.add(name);
    return took;
  }

  private async releaseLease(name: string): Promise<void> {
    await this.store.update<Lease, void>(`lease:${name}`, (current) => (current?.holder === this.id ? { next: null, result: undefined } : { result: undefined }));
  }
}
