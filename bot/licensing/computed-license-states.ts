import type { LicenseStateSource } from '../../domain/licensing/license-state-source.js';
import { patchLicensingSnapshot } from '../../domain/licensing/patch-licensing-snapshot.js';
import { untouchedGroups } from '../../domain/licensing/untouched-groups.js';
import { processLicensing } from '../../domain/licensing/process-licensing.js';
import { defaultServicePlanRules, type ServicePlanRules } from '../../domain/licensing/service-plan-rules.js';
import type { SkuId } from '../../domain/model/ids.js';
import type { SubscribedSku } from '../../domain/model/subscribed-sku.js';
import type { Directory } from '../../domain/ports/directory.js';
import { readLicensingSnapshot } from './read-licensing-snapshot.js';
import { readSnapshotPatch } from './read-snapshot-patch.js';

/** What the embedded tenant adds for licensing (EmbeddedDirectory has both). */
export interface EmbeddedTenantControls {
  tenantInfo(): Promise<{ readonly defaultUsageLocation?: string }>;
  setSeats(skuId: SkuId, seats: number): Promise<SubscribedSku | undefined>;
}

/**
 * Licensing states GroupGate computes itself, as Entra would: for the embedded tenant (with its
 * default usage location and simulated seat purchases) or any directory without states of its own.
 */
export function computedLicenseStates(directory: Directory, tenant?: EmbeddedTenantControls, rules: ServicePlanRules = defaultServicePlanRules): LicenseStateSource {
  return {
    snapshot: async () => readLicensingSnapshot(directory, (await tenant?.tenantInfo())?.defaultUsageLocation),
    patch: async (snapshot, touched) => patchLicensingSnapshot(snapshot, await readSnapshotPatch(directory, snapshot, touched, (await tenant?.tenantInfo())?.defaultUsageLocation)),
    next: async (previous, snapshot, now, touched) => processLicensing(previous, snapshot, now, rules, previous && touched ? untouchedGroups(previous, snapshot, touched, rules) : undefined),
    ...(tenant ? { setSeats: (skuId: SkuId, seats: number) => tenant.setSeats(skuId, seats) } : {}),
  };
}
