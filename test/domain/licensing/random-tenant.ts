import fc from 'fast-check';
import type { LicensingSnapshot } from '../../../domain/licensing/licensing-snapshot.js';
import { E1, E3, E5, VISIO, group, sku, user } from './licensing-fixtures.js';

const ids = ['u0', 'u1', 'u2', 'u3', 'u4', 'u5', 'u6', 'u7'];
const bundles = [[E5], [E5, VISIO], [VISIO], [E3]];

/** A small random tenant: seats, direct E1/E5 licenses, four licensing groups with random members. */
export const tenant = fc
  .record({
    e5Seats: fc.integer({ min: 0, max: 4 }),
    visioSeats: fc.integer({ min: 0, max: 3 }),
    direct: fc.array(fc.constantFrom('none', 'E5', 'E1'), { minLength: ids.length, maxLength: ids.length }),
    members: fc.array(fc.subarray(ids), { minLength: 4, maxLength: 4 }),
  })
  .map(({ e5Seats, visioSeats, direct, members }): LicensingSnapshot => {
    const skus = [sku('SPE_E5', e5Seats, E5.servicePlans.map((p) => p.servicePlanName)), sku('VISIOCLIENT', visioSeats, ['VISIO_CLIENT_SUBSCRIPTION']), E3, E1];
    const users = ids.map((id, i) => user(id, { assignedLicenses: direct[i] === 'none' ? [] : [{ skuId: direct[i] === 'E5' ? E5.skuId : E1.skuId, disabledPlans: [] }] }));
    return { skus, users, groups: bundles.map((b, i) => group(`g${i}`, b, members[i]!)) };
  });

