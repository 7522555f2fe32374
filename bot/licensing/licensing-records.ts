import type { GroupAssignments, LicensingState } from '../../domain/licensing/licensing-state.js';
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
}

/** The stored licensing state, or undefined before the first run. */
export async function loadLicensingState(store: Store): Promise<LicensingState | undefined> {
  const [meta, groups] = await Promise.all([store.get<LicensingMeta>(licensingKeys.meta), store.list<GroupAssignments>(licensingKeys.groups)]);
  if (!meta) return undefined;
  return { processedAt: meta.processedAt, groups: Object.fromEntries(groups.map(([key, record]) => [key.slice(licensingKeys.groups.length), record])) };
}

/** Writes the groups that changed, drops those gone, and records which requested run this covers. */
export async function saveLicensingState(store: Store, previous: LicensingState | undefined, next: LicensingState, done: number): Promise<void> {
  const changed = Object.entries(next.groups).filter(([id, record]) => JSON.stringify(previous?.groups[id]) !== JSON.stringify(record));
  const gone = Object.keys(previous?.groups ?? {}).filter((id) => !(id in next.groups));
  await Promise.all([...changed.map(([id, record]) => store.put(licensingKeys.group(id), record)), ...gone.map((id) => store.delete(licensingKeys.group(id)))]);
  await store.put<LicensingMeta>(licensingKeys.meta, { processedAt: next.processedAt, done });
}

/** The last requested run that a stored state covers, and the last one requested. */
export async function licensingProgress(store: Store): Promise<{ readonly done: number; readonly wanted: number }> {
  const [meta, wanted] = await Promise.all([store.get<LicensingMeta>(licensingKeys.meta), store.get<number>(licensingKeys.wanted)]);
  return { done: meta?.done ?? 0, wanted: wanted ?? 0 };
}
