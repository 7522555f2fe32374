import type { ScriptRunner } from './redis-scripts.js';
import { serverTime } from './redis-scripts.js';

/**
 * How long one Redis command may wait for its answer before the caller is told the store is
 * unavailable ("try again"): a paused or swamped Redis otherwise holds every request until it wakes
 * (13–20 s with Redis paused 20 s, issue 22). With Redis paused, a read now fails after 4.0 s
 * (test/adapters/store/redis-stalled.test.ts). Not yet measured against the largest batches of a
 * 100k-user first load on Redis.
 */
export const redisCommandTimeoutMs = 4_000;

/**
 * How long after it is sent a write may still run. Shorter than the command timeout, so that a write
 * whose caller gave up (and said "try again") finds its deadline passed when a stalled Redis gets to
 * it, and changes nothing; the half second between is for the answer's way back.
 */
const writeWindowMs = redisCommandTimeoutMs - 500;

// Clocks drift slowly: reading the server's once a minute keeps the deadline in its terms.
const remeasureEveryMs = 60_000;

/**
 * Deadlines for writes, in the Redis server's own clock (its TIME, as the write scripts read it), so
 * a server whose clock differs from this machine's neither refuses every write nor accepts late ones.
 */
export class RedisWriteDeadline {
  private offsetMs = 0;
  private measuredAt = Number.NEGATIVE_INFINITY;

  constructor(private readonly client: ScriptRunner) {}

  /** The deadline for a write about to be sent to the server holding `physicalKey`, as a script argument. */
  async forWrite(physicalKey: string): Promise<string> {
    if (Date.now() - this.measuredAt > remeasureEveryMs) await this.measure(physicalKey);
    return String(Date.now() + this.offsetMs + writeWindowMs);
  }

  /** Reads the server's clock now (at open, so the first write waits for nothing), routed like a write to `physicalKey`. */
  async measure(physicalKey: string): Promise<void> {
    const sent = Date.now();
    const [seconds, micros] = (await serverTime.run(this.client, [physicalKey], [])) as [unknown, unknown];
    const received = Date.now();
    // The server read its clock somewhere on the way: the middle of the round trip is the best guess.
    this.offsetMs = Number(seconds) * 1000 + Math.floor(Number(micros) / 1000) - (sent + received) / 2;
    this.measuredAt = received;
  }
}
