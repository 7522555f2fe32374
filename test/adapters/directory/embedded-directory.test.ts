import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EmbeddedDirectory } from '../../../adapters/directory/embedded/embedded-directory.js';
import { loadTenantFile } from '../../../adapters/directory/embedded/load-tenant-file.js';
import { createStore } from '../../../adapters/store/create-store.js';
import { groupKind, isDynamic, isManagedInExchange, isSyncedFromOnPremises } from '../../../domain/model/directory-group.js';
import { isGroupAdmin, isGuest, isLicenseAdmin } from '../../../domain/model/directory-user.js';
import type { Store } from '../../../domain/ports/store.js';
import { person, sampleGroup, sampleTenantPath } from '../../support/sample-tenant.js';
import { tempSqliteUrl } from '../../support/temp-store-url.js';

const stores: Store[] = [];
afterEach(async () => Promise.all(stores.splice(0).map((s) => s.close())));
const open = async (url = tempSqliteUrl()) => {
  const store = await createStore(url);
  stores.push(store);
  return store;
};

function writeTenant(content: unknown): string {
  const path = join(mkdtempSync(join(tmpdir(), 'groupgate-tenant-')), 'tenant.json');
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

describe('the sample tenant', () => {
  it('has what every feature needs to show itself', async () => {
    const { tenant } = await loadTenantFile(sampleTenantPath);
    const users = tenant.users;
    const groups = tenant.groups.map((g) => g as never as Parameters<typeof groupKind>[0]);
    expect(users.length).toBeGreaterThanOrEqual(40);
    expect(new Set(users.map((u) => u.department)).size).toBeGreaterThanOrEqual(6);
    expect(new Set(users.map((u) => u.country)).size).toBeGreaterThanOrEqual(8);
    expect(users.some((u) => isGuest(u as never))).toBe(true);
    expect(users.some((u) => !u.usageLocation)).toBe(true);
    for (const role of ['Global Administrator', 'Groups Administrator', 'License Administrator'] as const) {
      expect(users.some((u) => u.roles?.includes(role))).toBe(true);
    }
    const kinds = new Set(groups.map(groupKind));
    expect([...kinds].sort()).toEqual(['distribution', 'mailEnabledSecurity', 'microsoft365', 'security']);
    expect(groups.some((g) => groupKind(g) === 'microsoft365' && g.visibility === 'Public')).toBe(true);
    expect(groups.some((g) => groupKind(g) === 'microsoft365' && g.visibility === 'Private')).toBe(true);
    expect(tenant.groups.some((g) => g.joinPolicy === 'closed')).toBe(true);
    expect(groups.some(isSyncedFromOnPremises)).toBe(true);
    expect(groups.some(isManagedInExchange)).toBe(true);
    expect(groups.some((g) => g.isAssignableToRole)).toBe(true);
    expect(groups.filter(isDynamic).every((g) => g.membershipRule)).toBe(true);
    expect(groups.filter(isDynamic).length).toBeGreaterThanOrEqual(3);
    expect(tenant.groups.some((g) => g.owners.length === 0)).toBe(true);
    expect(tenant.subscribedSkus.length).toBeGreaterThanOrEqual(3);
  });

  it('has a licensing group one seat from running out', async () => {
    const { tenant } = await loadTenantFile(sampleTenantPath);
    const e5 = tenant.subscribedSkus.find((s) => s.skuPartNumber === 'SPE_E5')!;
    const holders = new Set([
      ...tenant.users.filter((u) => u.assignedLicenses?.some((l) => l.skuId === e5.skuId)).map((u) => u.id),
      ...tenant.groups.filter((g) => g.assignedLicenses?.some((l) => l.skuId === e5.skuId)).flatMap((g) => g.members),
    ]);
    expect(e5.prepaidUnits.enabled - holders.size).toBe(1);
  });

  it('names its admins by role', () => {
    expect(isGroupAdmin(person('Jordan Blake'))).toBe(true);
    expect(isLicenseAdmin(person('Riley Chen'))).toBe(true);
    expect(isGroupAdmin(person('Rowan Pike'))).toBe(false);
  });
});

describe('EmbeddedDirectory', () => {
  it('serves the tenant file as Graph JSON', async () => {
    const directory = await EmbeddedDirectory.open(await open(), sampleTenantPath);
    const atlas = sampleGroup('Atlas Project');
    expect((await directory.getUser(person('Rowan Pike').id))?.department).toBe('Research');
    expect(await directory.listOwners(atlas.id as never)).toEqual(atlas.owners);
    expect(await directory.groupsOwnedBy(person('Ines Duarte').id)).toContain(atlas.id);
    expect((await directory.listUsers()).length).toBe(44);
    expect(await directory.ready()).toBe(true);
  });

  it('adds and removes members idempotently', async () => {
    const directory = await EmbeddedDirectory.open(await open(), sampleTenantPath);
    const atlas = sampleGroup('Atlas Project').id as never;
    const rowan = person('Rowan Pike').id;
    expect(await directory.addMember(atlas, rowan)).toBe('changed');
    expect(await directory.addMember(atlas, rowan)).toBe('unchanged');
    expect((await directory.listMembers(atlas)).filter((id) => id === rowan)).toHaveLength(1);
    expect(await directory.removeMember(atlas, rowan)).toBe('changed');
    expect(await directory.removeMember(atlas, rowan)).toBe('unchanged');
  });

  it('keeps changes across a restart, and reseeds only when the tenant file changes', async () => {
    const url = tempSqliteUrl();
    const atlas = sampleGroup('Atlas Project').id as never;
    const rowan = person('Rowan Pike').id;
    const first = await EmbeddedDirectory.open(await open(url), sampleTenantPath);
    await first.addMember(atlas, rowan);
    await first.updateUser(rowan, { country: 'NZ' });
    await stores.pop()!.close();

    const restarted = await EmbeddedDirectory.open(await open(url), sampleTenantPath);
    expect(await restarted.listMembers(atlas)).toContain(rowan);
    expect((await restarted.getUser(rowan))?.country).toBe('NZ');
    await stores.pop()!.close();

    const other = writeTenant({ users: [{ id: 'u1', displayName: 'Only One', userPrincipalName: 'one@x.example' }], groups: [], subscribedSkus: [] });
    const reseeded = await EmbeddedDirectory.open(await open(url), other);
    expect((await reseeded.listUsers()).map((u) => u.displayName)).toEqual(['Only One']);
    expect(await reseeded.listGroups()).toEqual([]);
  });
});

describe('a tenant file that is not valid', () => {
  const minimal = { users: [{ id: 'u1', displayName: 'Ada', userPrincipalName: 'ada@x.example' }], groups: [], subscribedSkus: [] };

  it.each([
    ['is not JSON', '{ "users": [', /tenant\.json: not valid JSON/],
    ['misses a required field', { ...minimal, users: [{ id: 'u1', userPrincipalName: 'ada@x.example' }] }, /tenant\.json: users\[0\]\.displayName — /],
    ['names an owner who does not exist', { ...minimal, groups: [{ id: 'g1', displayName: 'G', groupTypes: [], mailEnabled: false, securityEnabled: true, owners: ['ghost'], members: [] }] }, /tenant\.json: groups\[0\]\.owners\[0\] — no user has the id "ghost"/],
    ['gives an unknown join policy', { ...minimal, groups: [{ id: 'g1', displayName: 'G', groupTypes: [], mailEnabled: false, securityEnabled: true, owners: [], members: [], joinPolicy: 'sometimes' }] }, /groups\[0\]\.joinPolicy — /],
    ['assigns a SKU the tenant does not have', { ...minimal, users: [{ ...minimal.users[0], assignedLicenses: [{ skuId: 'nope', disabledPlans: [] }] }] }, /users\[0\]\.assignedLicenses\[0\]\.skuId — no subscribedSku has the skuId "nope"/],
    ['uses one id twice', { ...minimal, users: [minimal.users[0], minimal.users[0]] }, /users\[1\]\.id — this id is used by another user/],
  ])('is refused when it %s, naming the file, the place and the problem', async (_, content, message) => {
    await expect(EmbeddedDirectory.open(await open(), writeTenant(content))).rejects.toThrow(message);
  });

  it('is refused when it does not exist', async () => {
    await expect(EmbeddedDirectory.open(await open(), '/nonexistent/tenant.json')).rejects.toThrow('/nonexistent/tenant.json: cannot read the tenant file (ENOENT)');
  });
});
