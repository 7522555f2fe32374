import { skuId } from '../../../domain/model/ids.js';
import type { SubscribedSku } from '../../../domain/model/subscribed-sku.js';
import type { TenantInfo } from './directory-copy.js';
import type { GraphHttp } from './graph-http.js';
import {
  organizationSchema, parseGraph, subscribedSkuSchema, userLicenseStatesSchema, type GraphLicenseAssignmentState,
} from './graph-schemas.js';

/** The tenant's license pools (`/subscribedSkus`: `$select` yes, `$filter` no). */
export async function readSubscribedSkus(http: GraphHttp): Promise<SubscribedSku[]> {
  const skus: SubscribedSku[] = [];
  const $select = 'skuId,skuPartNumber,appliesTo,capabilityStatus,consumedUnits,prepaidUnits,servicePlans';
  for await (const page of http.pages('/subscribedSkus', { query: { $select }, background: true })) {
    for (const raw of page.value) {
      const sku = parseGraph(subscribedSkuSchema, raw, 'a subscribed SKU');
      skus.push({ ...sku, skuId: skuId(sku.skuId) } as SubscribedSku);
    }
  }
  return skus;
}

/** The tenant's name, and its country: the usage location group licensing falls back on (B.1). */
export async function readTenantInfo(http: GraphHttp): Promise<TenantInfo> {
  for await (const page of http.pages('/organization', { query: { $select: 'id,displayName,countryLetterCode' }, background: true })) {
    const organization = page.value[0] === undefined ? undefined : parseGraph(organizationSchema, page.value[0], 'the organization');
    if (organization) {
      return { displayName: organization.displayName || 'your tenant', ...(organization.countryLetterCode ? { defaultUsageLocation: organization.countryLetterCode } : {}) };
    }
  }
  return { displayName: 'your tenant' };
}

/**
 * Every user's license assignment states, by user id (users without any left out). The user delta
 * does not track this property, so it is read whole each round: one 999-user page at a time.
 */
export async function readLicenseStates(http: GraphHttp): Promise<Record<string, GraphLicenseAssignmentState[]>> {
  const states: Record<string, GraphLicenseAssignmentState[]> = {};
  for await (const page of http.pages('/users', { query: { $select: 'id,licenseAssignmentStates', $top: '999' }, background: true })) {
    for (const raw of page.value) {
      const user = parseGraph(userLicenseStatesSchema, raw, "a user's license states");
      if (user.licenseAssignmentStates?.length) states[user.id] = user.licenseAssignmentStates;
    }
  }
  return states;
}
