// A synthetic embedded tenant written to a temp folder, for benchmarks that start the real bot on it:
// `users` Graph users, a group per five users (5-60 members each), two licensing groups on a short SKU,
// and the first user a Global Administrator who owns every group.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seededRandom, syntheticUsers } from './synthetic-directory.js';

export interface EmbeddedTenant {
  readonly path: string;
  readonly adminId: string;
  readonly groupCount: number;
}

const skuId = 'c7df2760-2c81-4ef7-b578-5b5392b571df';

export function writeEmbeddedTenant(userCount: number): EmbeddedTenant {
  const random = seededRandom(7);
  const users = syntheticUsers(userCount).map(({ assignedPlans: _, ...user }, i) => (i === 0 ? { ...user, accountEnabled: true, roles: ['Global Administrator'] } : user));
  const ids = users.map((u) => u['id'] as string);
  const adminId = ids[0]!;
  const pick = (n: number) => Array.from(new Set(Array.from({ length: n }, () => ids[Math.floor(random() * ids.length)]!)));
  const groupCount = Math.max(2, Math.floor(userCount / 5));
  const groups = Array.from({ length: groupCount }, (_, i) => ({
    id: `10000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`,
    displayName: `Team ${i}`,
    groupTypes: [],
    mailEnabled: false,
    securityEnabled: true,
    owners: [adminId],
    members: pick(5 + Math.floor(random() * 55)),
    ...(i < 2 ? { assignedLicenses: [{ skuId, disabledPlans: [] }] } : {}),
  }));
  const subscribedSkus = [{ skuId, skuPartNumber: 'SPE_E5', prepaidUnits: { enabled: 40 }, servicePlans: [{ servicePlanId: '57ff2da0-773e-42df-b2af-ffb7a2317929', servicePlanName: 'TEAMS1' }] }];
  const path = join(mkdtempSync(join(tmpdir(), 'groupgate-bench-tenant-')), 'tenant.json');
  writeFileSync(path, JSON.stringify({ tenant: { displayName: 'Bench', defaultUsageLocation: 'US' }, users, groups, subscribedSkus }));
  return { path, adminId, groupCount };
}
