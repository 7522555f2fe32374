// A synthetic Entra tenant of a given size for the Graph stand-in, shaped like a real one: most groups
// of 5–150 members, a few of 10k+ at the largest size, each user in about ten groups, one to three
// owners per group, dynamic groups whose members match their rule, and a few licensing groups.
import { StandInTenant } from '../../test/adapters/directory/graph/stand-in-tenant.js';
import { countries, departments, jobTitles, seededRandom, syntheticUsers } from '../synthetic-directory.js';

type Json = Record<string, unknown>;

/** A tenant size: `1k` is 1,000 users in 200 groups. */
export interface TenantSize {
  readonly name: string;
  readonly users: number;
  readonly groups: number;
}

export const tenantSizes: readonly TenantSize[] = [
  { name: '1k', users: 1_000, groups: 200 },
  { name: '10k', users: 10_000, groups: 2_000 },
  { name: '100k', users: 100_000, groups: 20_000 },
];

/** Who does what in the benchmark: ids and names the driver types as, all chosen when the tenant is built. */
export interface TenantCast {
  /** Groups people ask to join (assigned security groups), with their owners. */
  readonly joinGroups: ReadonlyArray<{ readonly id: string; readonly name: string; readonly owners: readonly string[] }>;
  /** Enabled users in none of the join groups, each asking once. */
  readonly requesters: readonly string[];
  /** A Groups Administrator (rule previews over the whole tenant). */
  readonly admin: string;
  /** A dynamic group with a rule, for `preview rule for <group>`: about one user in 1,000 (1 member at 1k, 101 at 100k). */
  readonly dynamicGroup: string;
  /** A dynamic group of exactly 100 members at every size: a preview's cost in the tenant's size, apart from the group's. */
  readonly hundredGroup: string;
  /** A rule over the whole tenant, for `preview rule <text>`. */
  readonly rule: string;
  /** Words that find a handful of groups, for `groups <words>`. */
  readonly searchWords: string;
  readonly memberships: number;
  readonly largestGroup: number;
}

const adjectives = ['Atlas', 'Falcon', 'Harbor', 'Cedar', 'Nova', 'Summit', 'Orbit', 'Quartz', 'Willow', 'Ember', 'Delta', 'Aurora', 'Juniper', 'Granite', 'Maple', 'Zephyr'];
const topics = ['Project', 'Research', 'Readers', 'Planning', 'Launch', 'Support', 'Design', 'Analytics', 'Ops', 'Security', 'Review', 'Partners'];
const skus = {
  e3: { skuId: '6fd2c87f-b296-42f0-b197-1e91e994b900', skuPartNumber: 'ENTERPRISEPACK', plan: 'efb87545-963c-4e0d-99df-69c6916d9eb0' },
  e5: { skuId: '06ebc4ee-1bb5-47dd-8120-11324bc54e06', skuPartNumber: 'SPE_E5', plan: '57ff2da0-773e-42df-b2af-ffb7a2317929' },
  visio: { skuId: 'c5928f49-12ba-48f7-ada3-0d743a3601d5', skuPartNumber: 'VISIOCLIENT', plan: '663a804f-1c30-4ff0-9915-9db84f0d1cea' },
} as const;

const groupIdOf = (n: number) => `00000002-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

/** Builds the tenant (deterministic for a size) and the cast the driver plays. */
export function syntheticTenant(size: TenantSize, requesterCount: number): { tenant: StandInTenant; cast: TenantCast } {
  const random = seededRandom(size.users + size.groups);
  const tenant = new StandInTenant();
  const users = syntheticUsers(size.users, 16);
  const ids = users.map((u) => u['id'] as string);
  for (const user of users) tenant.users.set(user['id'] as string, { data: { ...user, usageLocation: user['country'], assignedLicenses: [] }, changedAt: 1 });

  const groups: Array<{ data: Json; members: string[]; owners: string[] }> = [];
  const add = (data: Json, members: string[], chosenOwners?: string[]) => {
    const id = groupIdOf(groups.length);
    const ownerCount = chosenOwners ? 0 : 1 + Math.floor(random() * 3);
    const owners = chosenOwners ?? (members.length ? Array.from({ length: ownerCount }, () => members[Math.floor(random() * members.length)]!) : []);
    groups.push({
      data: {
        id, mailNickname: `group-${groups.length}`, description: null, groupTypes: [], mailEnabled: false, securityEnabled: true,
        onPremisesSyncEnabled: null, isAssignableToRole: false, membershipRule: null, membershipRuleProcessingState: null, visibility: 'Private', assignedLicenses: [], ...data,
      },
      members, owners: [...new Set(owners)],
    });
    return id;
  };
  const share = (fraction: number) => ids.filter(() => random() < fraction);
  const licensed = (sku: { skuId: string }) => ({ assignedLicenses: [{ skuId: sku.skuId, disabledPlans: [] }] });

  // The few big groups: everyone (E3 by group licensing), a Visio pool, a department's dynamic group, an office.
  const everyone = add({ displayName: 'All Staff', ...licensed(skus.e3) }, ids.filter((id) => tenant.users.get(id)!.data['userType'] === 'Member'));
  const visio = add({ displayName: 'Visio Users', ...licensed(skus.visio) }, share(0.3));
  const salesRule = '(user.department -eq "Sales")';
  add({ displayName: 'Sales Everyone', groupTypes: ['DynamicMembership'], membershipRule: salesRule, membershipRuleProcessingState: 'On' }, ids.filter((id) => tenant.users.get(id)!.data['department'] === 'Sales'));
  add({ displayName: 'Lisbon Office', groupTypes: ['Unified'], mailEnabled: true, visibility: 'Public' }, share(0.12));
  const e5 = add({ displayName: 'Licensed E5 Users', ...licensed(skus.e5) }, share(Math.min(1, 150 / size.users)));

  // Dynamic groups of three clauses (about one user in 800 matches each), one in fifty groups.
  const buckets = new Map<string, string[]>();
  for (const user of users) {
    const key = `${user['department']}|${user['country']}|${user['jobTitle']}`;
    const bucket = buckets.get(key) ?? [];
    bucket.push(user['id'] as string);
    buckets.set(key, bucket);
  }
  const dynamicCount = Math.max(2, Math.floor(size.groups / 50));
  let dynamicName = '';
  for (let d = 0; d < dynamicCount; d++) {
    const [department, country, title] = [departments[d % departments.length]!, countries[Math.floor(d / departments.length) % countries.length]!, jobTitles[Math.floor(d / 100) % jobTitles.length]!];
    const rule = `(user.department -eq "${department}") and (user.country -eq "${country}") and (user.jobTitle -eq "${title}")`;
    const displayName = `${department} ${title}s ${country} ${d}`;
    dynamicName ||= displayName;
    add({ displayName, groupTypes: ['DynamicMembership'], membershipRule: rule, membershipRuleProcessingState: 'On' }, buckets.get(`${department}|${country}|${title}`) ?? []);
  }

  // The rest: assigned groups of 5–150 members, sizes spread log-uniformly (many small, fewer large); the last place is the hundred's.
  while (groups.length < size.groups - 1) {
    const wanted = Math.min(size.users, Math.round(5 * Math.exp(random() * Math.log(30))));
    const members = new Set<string>();
    while (members.size < wanted) members.add(ids[Math.floor(random() * ids.length)]!);
    const n = groups.length;
    add({ displayName: `${adjectives[n % adjectives.length]} ${topics[Math.floor(n / adjectives.length) % topics.length]} ${n}`, ...(n % 5 === 0 ? { groupTypes: ['Unified'], mailEnabled: true } : {}) }, [...members]);
  }
  // The same 100 members at every size (evenly spread users who work in a city of their own), owned by the Groups
  // Administrator; added last and without drawing from `random`, so every other group is as it was before it.
  const hundredName = 'Reykjavik Hundred';
  const hundred = Array.from({ length: 100 }, (_, n) => ids[Math.floor((n * size.users) / 100) + 5]!);
  for (const id of hundred) tenant.users.get(id)!.data['city'] = 'Reykjavik';
  add({ displayName: hundredName, groupTypes: ['DynamicMembership'], membershipRule: '(user.city -eq "Reykjavik")', membershipRuleProcessingState: 'On' }, hundred, [ids[1]!]);
  for (const group of groups) tenant.groups.set(group.data['id'] as string, { ...group, changedAt: 1 });

  // Group licensing as Entra reports it: each member of a licensing group has the group's license, assigned by the group.
  for (const [groupNumber, sku] of [[0, skus.e3], [1, skus.visio], [4, skus.e5]] as const) {
    const id = groupIdOf(groupNumber);
    for (const member of tenant.groups.get(id)!.members) {
      const user = tenant.users.get(member)!;
      user.data['assignedLicenses'] = [...(user.data['assignedLicenses'] as Json[]), { skuId: sku.skuId, disabledPlans: [] }];
      tenant.licenseStates.set(member, [...(tenant.licenseStates.get(member) ?? []), { assignedByGroup: id, skuId: sku.skuId, disabledPlans: [], state: 'Active', error: 'None', lastUpdatedDateTime: '2026-01-05T10:00:00Z' }]);
    }
  }
  const consumed = (id: string) => tenant.groups.get(id)!.members.length;
  tenant.skus = [
    sku(skus.e3, size.users + 50, consumed(everyone)),
    sku(skus.visio, consumed(visio) + 20, consumed(visio)),
    // E5 is nearly full, so approvals into its group forecast a shortfall.
    sku(skus.e5, consumed(e5) + 3, consumed(e5)),
  ];

  const admin = ids[1]!;
  tenant.grantRole('Groups Administrator', admin);
  tenant.grantRole('License Administrator', ids[2]!);
  tenant.grantRole('Global Administrator', ids[3]!);
  const enable = (id: string) => void (tenant.users.get(id)!.data['accountEnabled'] = true);
  enable(admin);

  // Four mid-sized assigned groups people ask to join; requesters are enabled users in none of them and owning nothing.
  const joinGroups = groups.filter((g) => g.data['groupTypes'] && (g.data['groupTypes'] as string[]).length === 0 && !(g.data['assignedLicenses'] as Json[]).length && g.members.length >= 20 && g.members.length <= 100).slice(0, 4);
  const busy = new Set([admin, ...joinGroups.flatMap((g) => g.members), ...groups.flatMap((g) => g.owners)]);
  const requesters = ids.filter((id) => !busy.has(id) && tenant.users.get(id)!.data['userType'] === 'Member').slice(0, requesterCount);
  if (requesters.length < requesterCount) throw new Error(`only ${requesters.length} of ${requesterCount} requesters free in a ${size.name} tenant`);
  for (const id of [...requesters, ...joinGroups.flatMap((g) => g.owners)]) enable(id);

  const memberships = groups.reduce((sum, g) => sum + g.members.length, 0);
  return {
    tenant,
    cast: {
      joinGroups: joinGroups.map((g) => ({ id: g.data['id'] as string, name: g.data['displayName'] as string, owners: g.owners })),
      requesters, admin, dynamicGroup: dynamicName, hundredGroup: hundredName,
      rule: '(user.department -eq "Research") and (user.country -eq "DE")',
      searchWords: `${adjectives[3]!.toLowerCase()} ${topics[2]!.toLowerCase()}`,
      memberships, largestGroup: Math.max(...groups.map((g) => g.members.length)),
    },
  };
}

function sku(entry: { skuId: string; skuPartNumber: string; plan: string }, enabled: number, consumedUnits: number): Json {
  return {
    skuId: entry.skuId, skuPartNumber: entry.skuPartNumber, appliesTo: 'User', capabilityStatus: 'Enabled', consumedUnits,
    prepaidUnits: { enabled, suspended: 0, warning: 0, lockedOut: 0 },
    servicePlans: [{ servicePlanId: entry.plan, servicePlanName: entry.skuPartNumber, provisioningStatus: 'Success', appliesTo: 'User' }],
  };
}

/** Ten changes an admin might make between two rounds: five users' job titles, five people added to groups. */
export function tenChanges(tenant: StandInTenant, round: number): void {
  const userIds = [...tenant.users.keys()];
  const groupIds = [...tenant.groups.keys()];
  for (let i = 0; i < 5; i++) tenant.updateUser(userIds[(i * 97 + round) % userIds.length]!, { jobTitle: `Changed title ${round}-${i}` });
  for (let i = 0; i < 5; i++) {
    const group = groupIds[groupIds.length - 1 - i]!;
    const newcomer = userIds.find((id, n) => n % 13 === i && !tenant.groups.get(group)!.members.includes(id))!;
    tenant.addToList(group, newcomer);
  }
}
