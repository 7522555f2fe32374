import type { Store } from '../ports/store.js';
import { noNamingPolicy, type NamingPolicy } from './naming-policy.js';

/**
 * GroupGate's tenant-wide settings for self-service groups, set by admins in chat and kept in the
 * store (shared by every instance): whether people may create groups, and the naming policy.
 */
export interface SelfServiceSettings {
  readonly selfServiceGroups: boolean;
  readonly naming: NamingPolicy;
}

/** Until an admin says otherwise: anyone may create groups, under no naming policy. */
export const defaultSelfServiceSettings: SelfServiceSettings = { selfServiceGroups: true, naming: noNamingPolicy };

const key = 'tenant-settings:self-service';

/** The stored settings, with defaults for anything never set. */
export async function readSelfServiceSettings(store: Store): Promise<SelfServiceSettings> {
  return withDefaults(await store.get<Partial<SelfServiceSettings>>(key));
}

/** Changes the settings atomically (another instance may change another part at the same time). */
export async function updateSelfServiceSettings(store: Store, change: (current: SelfServiceSettings) => SelfServiceSettings): Promise<SelfServiceSettings> {
  return store.update<Partial<SelfServiceSettings>, SelfServiceSettings>(key, (stored) => {
    const next = change(withDefaults(stored));
    return { next, result: next };
  });
}

const withDefaults = (stored: Partial<SelfServiceSettings> | undefined): SelfServiceSettings => ({
  selfServiceGroups: stored?.selfServiceGroups ?? defaultSelfServiceSettings.selfServiceGroups,
  naming: { ...noNamingPolicy, ...stored?.naming },
});
