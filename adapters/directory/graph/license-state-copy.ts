import { isDeepStrictEqual } from 'node:util';
import type { Store, StoreWrite } from '../../../domain/ports/store.js';
import { errorOf } from './entra-licensing-state.js';
import type { GraphLicenseAssignmentState } from './graph-schemas.js';

type States = readonly GraphLicenseAssignmentState[];

const keys = {
  user: (id: string) => `graph:license-state:${id}`,
  users: 'graph:license-state:',
  /** The users with a failed assignment: whose states a round must look at again. */
  failing: 'graph:license-failing',
  /** Where versions before per-user entries kept every user's states, in one value. */
  legacy: 'graph:license-states',
};

// Writes per batch: a tenant-wide refresh of 100k users is many small atomic batches, not one.
const chunk = 2_000;

/**
 * The users' license assignment states in the copy: one entry per user who has any, so that a
 * round which re-read k users writes k entries, plus the set of users whose assignment failed.
 */
export class LicenseStateCopy {
  constructor(private readonly store: Store) {}

  async of(userId: string): Promise<States> {
    return (await this.store.get<GraphLicenseAssignmentState[]>(keys.user(userId))) ?? [];
  }

  /** These users' states, in one round trip. */
  private async read(ids: readonly string[]): Promise<Map<string, States>> {
    const found = await this.store.getMany<GraphLicenseAssignmentState[]>(ids.map(keys.user));
    return new Map(ids.map((id, i) => [id, found[i] ?? []] as const));
  }

  /** Every user's states, by user id (licensing reads them all when it reprocesses). */
  async all(): Promise<Record<string, GraphLicenseAssignmentState[]>> {
    const entries = await this.store.list<GraphLicenseAssignmentState[]>(keys.users);
    return Object.fromEntries(entries.map(([key, states]) => [key.slice(keys.users.length), states]));
  }

  /** The users the last round saw with a failed assignment. */
  failing = (): Promise<string[]> => this.store.setMembers(keys.failing);

  /**
   * Sets these users' states (empty or null: the user has none, or is gone) and returns the users
   * whose states differ from what the copy held (`before`, read here when not given): only their
   * entries are written, and licensing hears only about them.
   */
  async update(states: ReadonlyMap<string, States | null>, before?: ReadonlyMap<string, States>): Promise<string[]> {
    const held = before ?? (await this.read([...states.keys()]));
    const writes: StoreWrite[] = [];
    const changed: string[] = [];
    const failing: string[] = [];
    const fine: string[] = [];
    for (const [id, list] of states) {
      (list?.some((state) => errorOf(state) !== null) ? failing : fine).push(id);
      if (isDeepStrictEqual(list ?? [], held.get(id) ?? [])) continue;
      changed.push(id);
      writes.push(list && list.length > 0 ? { put: keys.user(id), value: list } : { delete: keys.user(id) });
    }
    // The failing set is written for every user read, changed or not: it is what the next round re-reads.
    if (failing.length > 0) writes.push({ addTo: keys.failing, members: failing });
    if (fine.length > 0) writes.push({ removeFrom: keys.failing, members: fine });
    for (let start = 0; start < writes.length; start += chunk) await this.store.write(writes.slice(start, start + chunk));
    return changed;
  }

  /** Makes the copy exactly `states` (a full read of the tenant): users left out have none. Returns the users whose states changed. */
  async replace(states: Readonly<Record<string, States>>): Promise<string[]> {
    const stored = await this.store.list<GraphLicenseAssignmentState[]>(keys.users);
    const before = new Map(stored.map(([key, list]) => [key.slice(keys.users.length), list] as const));
    const next = new Map<string, States | null>(Object.entries(states));
    for (const id of before.keys()) if (!next.has(id)) next.set(id, null);
    return this.update(next, before);
  }

  /**
   * Moves the single value an earlier version kept into per-user entries, once. True when there was
   * one: its states may be stale, so the caller reads the whole tenant again.
   */
  async migrateLegacy(): Promise<boolean> {
    const legacy = await this.store.get<Record<string, GraphLicenseAssignmentState[]>>(keys.legacy);
    if (legacy === undefined) return false;
    await this.replace(legacy);
    await this.store.delete(keys.legacy);
    return true;
  }
}
