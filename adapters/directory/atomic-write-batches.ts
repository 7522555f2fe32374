import type { Store, StoreWrite } from '../../domain/ports/store.js';

// Entries per store batch (a put or delete is one, a set write one per member). A batch is one
// transaction on SQLite and one script on Redis (nothing else runs meanwhile): big enough that a
// full load of 100,000 users and a million memberships is a few hundred commits, small enough to
// hold the write lock, or Redis, for milliseconds only.
const defaultLimit = 4_000;

/**
 * Packs many small atomic units — a user with its name entries, one person joining a list with
 * their reverse entry — into few store batches. A unit is never split between two batches, so each
 * one still lands whole or not at all; what a batch adds is only that neighbouring units share its
 * commit. Units are written in the order they were added. Meant for one writer at a time (a sync
 * round's loop): `add` writes the batch first when the unit would overflow it, and `flush` writes
 * what is left.
 */
export class AtomicWriteBatches {
  private writes: StoreWrite[] = [];
  private entries = 0;
  private units: Array<{ readonly start: number; readonly end: number; readonly written: ((counts: readonly number[]) => void) | undefined }> = [];

  constructor(
    private readonly store: Store,
    private readonly limit = defaultLimit,
  ) {}

  /** Queues writes that must land together; `written` hears, once they have, how many entries each changed. */
  async add(unit: readonly StoreWrite[], written?: (counts: readonly number[]) => void): Promise<void> {
    if (unit.length === 0) return;
    const entries = unit.reduce((sum, write) => sum + entriesOf(write), 0);
    if (this.entries > 0 && this.entries + entries > this.limit) await this.flush();
    const start = this.writes.length;
    this.writes.push(...unit);
    this.entries += entries;
    this.units.push({ start, end: this.writes.length, written });
  }

  /** Writes every queued unit (nothing when none is). */
  async flush(): Promise<void> {
    if (this.writes.length === 0) return;
    const [writes, units] = [this.writes, this.units];
    [this.writes, this.units, this.entries] = [[], [], 0];
    const counts = await this.store.write(writes);
    for (const unit of units) unit.written?.(counts.slice(unit.start, unit.end));
  }
}

const entriesOf = (write: StoreWrite) => ('addTo' in write || 'removeFrom' in write ? write.members.length : 1);
