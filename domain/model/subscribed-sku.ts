import type { SkuId } from './ids.js';

/** A service plan inside a SKU. */
export interface ServicePlan {
  readonly servicePlanId: string;
  readonly servicePlanName: string;
  readonly appliesTo?: string;
  readonly provisioningStatus?: string;
}

/** A tenant's license pool, as Graph's subscribedSku. Seats are `prepaidUnits.enabled`. */
export interface SubscribedSku {
  readonly skuId: SkuId;
  readonly skuPartNumber: string;
  /** Friendly product name; Graph has none, so the tenant file may add one. */
  readonly displayName?: string;
  readonly appliesTo?: string;
  readonly capabilityStatus?: string;
  readonly consumedUnits?: number;
  readonly prepaidUnits: { readonly enabled: number; readonly suspended?: number; readonly warning?: number; readonly lockedOut?: number };
  readonly servicePlans: readonly ServicePlan[];
}

/** The name people know a SKU by: "Microsoft 365 E5 (SPE_E5)". */
export const skuLabel = (sku: SubscribedSku) =>
  sku.displayName ? `${sku.displayName} (${sku.skuPartNumber})` : sku.skuPartNumber;
