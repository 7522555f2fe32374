import { randomUUID } from 'node:crypto';
import type { LicensingSnapshot } from '../../domain/licensing/licensing-snapshot.js';
import type { GroupAssignments, LicensingState } from '../../domain/licensing/licensing-state.js';
import type { LicensingSummary } from '../../domain/licensing/summarize-licensing.js';
import type { Store } from '../../domain/ports/store.js';

/** Store keys for licensing, in one place. One key per licensing group keeps each write small. */
export const licensingKeys = {
  group: (groupId: string) => `licensing:group:${groupId}`,
  groups: 'licensing:group:',
  /** When the state was processed, and the last requested run it covers. */
  meta: 'licensing:meta',
  /** Runs requested so far (a counter every trigger increments). */
  wanted: 'licensing:wanted',
  lease: 'licensing:lease',
  alert: (skuId: string) => `licensing:alert:${skuId}`,
  channel: (platform: string, id: string) => `licensing:alert-channel:${platform}:${id}`,
  channels: 'licensing:alert-channel:',
};

interface LicensingMeta {
  readonly processedAt: string;
  readonly done: number;
  /** Changes with every save, so an instance can tell whether the state it holds is still current. */
  readonly revision: string;
}

/**
 * The state an instance last read or wrote — with the snapshot and seats of the run that wrote it,
 * when this instance ran it — reused while the stored revision is the same (a large tenant's state
 * is tens of MB).
 */
export interface LicensingStateCache {
  revision?: string;
  state?: LicensingState;
  snapshot?: LicensingSnapshot;
  summary?: LicensingSummary;
}

/** The stored licensing state, or undefined before the first run. */
export async function loadLicensingState(store: Store, cache: LicensingStateCache = {}): Promise<LicensingState | undefined> {
  const meta = await store.get<LicensingMeta>(licensingKeys.meta);
  if (!meta) return undefined;
  if (cache.state && cache.revision === meta.revision) return cache.state;
  const groups = await store.list<GroupAssignments>(licensingKeys.groups);
  const state: LicensingState = { processedAt: meta.processedAt, groups: Object.fromEntries(groups.map(([key, record]) => [key.slice(licensingKeys.groups.length), record])) };
  Object.assign(cache, { revision: meta.revision, state, snapshot: undefined, summary: undefined });
  return state;
}

/**
 * Writes the groups that changed (processing keeps an unchanged group's previous object), drops
 * those gone, and records which requested run this covers.
 */
export async function saveLicensingState(store: Store, previous: LicensingState | undefined, next: LicensingState, done: number, cache: LicensingStateCache = {}): Promise<void> {
  const changed = Object.entries(next.groups).filter(([id, record]) => previous?.groups[id] !== record);
  const gone = Object.keys(previous?.groups ?? {}).filter((id) => !(id in next.groups));
  const revision = randomUUID();
  try {
    await Promise.all([...changed.map(([id, record]) => store.put(licensingKeys.group(id), record)), ...gone.map((id) => store.delete(licensingKeys.group(id)))]);
    await store.put<LicensingMeta>(licensingKeys.meta, { processedAt: next.processedAt, done, revision });
  } catch (error) {
    // Part may have been written: read the store afresh next time rather than trust what this instance holds.
    delete cache.revision;
    throw error;
  }
  Object.assign(cache, { revision, state: next, snapshot: undefined, summary: undefined });
}

/** The last requested run that a stored state covers, and the last one requested. */
export async function licensingProgress(store: Store): Promise<{ readonly done: number; readonly wanted: number }> {
  const [meta, wanted] = await Promise.all([store.get<LicensingMeta>(licensingKeys.meta), store.get<number>(licensingKeys.wanted)]);
  return { done: meta?.done ?? 0, wanted: wanted ?? 0 };
}
