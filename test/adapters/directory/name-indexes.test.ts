import { describe, expect, it } from 'vitest';
import { EmbeddedDirectory } from '../../../adapters/directory/embedded/embedded-directory.js';
import { loadTenantFile } from '../../../adapters/directory/embedded/load-tenant-file.js';
import { applyGroupRound } from '../../../adapters/directory/graph/apply-group-round.js';
import { applyUserRound } from '../../../adapters/directory/graph/apply-user-round.js';
import { DirectoryCopy } from '../../../adapters/directory/graph/directory-copy.js';
import type { DeltaItem } from '../../../adapters/directory/graph/graph-schemas.js';
import { nameLookups } from '../../../adapters/directory/name-lookups.js';
import { groupId, userId } from '../../../domain/model/ids.js';
import type { Store } from '../../../domain/ports/store.js';
import { person, sampleGroup, sampleTenantPath } from '../../support/sample-tenant.js';
import { explainStoreSkips, storeBackends, storeOpener } from '../store/store-backends.js';

explainStoreSkips('name indexes');

const round = (...items: DeltaItem[]) => ({ items: new Map(items.map((item) => [item.id, item])), deltaLink: 'next' });
const names = (page: { readonly groups: readonly { readonly displayName: string }[] }) => page.groups.map((g) => g.displayName);

/** The Graph directory's copy with the lookups GraphDirectory builds on it (roles from the copy's role entry). */
function graphLookups(store: Store) {
  const copy = new DirectoryCopy(store);
  const withRoles = async (ids: readonly string[]) => {
    const { users, roles } = await copy.records(ids, []);
    return users.map((user) => (user && roles[user.id] ? { ...user, roles: roles[user.id] } : user));
  };
  return { copy, lookups: nameLookups(copy.groupNames, copy.userNames, { getGroups: async (ids) => (await copy.records([], ids)).groups, getUsers: withRoles, adminIds: async () => Object.keys(await copy.roles()) }) };
}

describe.each(storeBackends('name-indexes'))('name indexes on the %s store', (_, makeUrl) => {
  const open = storeOpener(makeUrl);

  it('finds groups by name, nickname and word prefixes right after a sync round, and follows renames and deletes', async () => {
    const { copy, lookups } = graphLookups(await open());
    await applyGroupRound(copy, round(
      { id: 'g-atlas', displayName: 'Atlas Project', mailNickname: 'atlas', description: 'The moon launch' },
      { id: 'g-lunch', displayName: 'Lunch Club', mailNickname: 'lunch-club' },
      { id: 'g-atlas-2', displayName: 'atlas  project', mailNickname: 'atlas-eu' },
    ), true);

    expect((await lookups.findGroupsByName('ATLAS PROJECT')).map((g) => g.id).sort()).toEqual(['g-atlas', 'g-atlas-2']);
    expect((await lookups.findGroupsByName('lunch-club')).map((g) => g.id)).toEqual(['g-lunch']);
    expect(names(await lookups.searchGroups('proj at', { limit: 5 }))).toEqual(['atlas  project', 'Atlas Project']);
    expect(await lookups.searchGroups('moon', { limit: 5 })).toEqual({ groups: [], total: 0 });
    expect(names(await lookups.searchGroups('moon', { limit: 5, descriptions: true }))).toEqual(['Atlas Project']);
    expect((await lookups.groupNamesLike('lunhc clb', 10)).map((g) => g.displayName)).toEqual(['Lunch Club']);

    await applyGroupRound(copy, round({ id: 'g-lunch', displayName: 'Dinner Club' }), false);
    expect(await lookups.findGroupsByName('lunch club')).toEqual([]);
    expect((await lookups.findGroupsByName('lunch-club')).map((g) => g.displayName)).toEqual(['Dinner Club']);
    expect(names(await lookups.searchGroups('din', { limit: 5 }))).toEqual(['Dinner Club']);
    expect((await lookups.searchGroups('lun', { limit: 5 })).total).toBe(1); // the kept nickname still names it

    await applyGroupRound(copy, round({ id: 'g-atlas', '@removed': { reason: 'deleted' } } as DeltaItem), false);
    expect((await lookups.findGroupsByName('atlas')).map((g) => g.id)).toEqual([]);
    expect(names(await lookups.searchGroups('atlas', { limit: 5 }))).toEqual(['atlas  project']);
    expect(await lookups.searchGroups('moon', { limit: 5, descriptions: true })).toEqual({ groups: [], total: 0 });
  });

  it('pages through every group in name order from the index', async () => {
    const { copy, lookups } = graphLookups(await open());
    const all = ['Zeta', 'alpha', 'Beta', 'beta two', 'Gamma', '9 Lives'];
    await applyGroupRound(copy, round(...all.map((displayName, i) => ({ id: `g-${i}`, displayName }))), true);
    const first = await lookups.searchGroups('', { limit: 4 });
    const second = await lookups.searchGroups('', { limit: 4, offset: 4 });
    expect(first.total).toBe(6);
    expect([...names(first), ...names(second)]).toEqual(['9 Lives', 'alpha', 'Beta', 'beta two', 'Gamma', 'Zeta']);
  });

  it('finds people by name, mail and UPN, and the admins by role, after user rounds, renames, deletes and role changes', async () => {
    const { copy, lookups } = graphLookups(await open());
    await applyUserRound(copy, round(
      { id: 'u-ada', displayName: 'Ada Lovelace', userPrincipalName: 'ada@contoso.example', mail: 'ada.lovelace@contoso.example' },
      { id: 'u-alan', displayName: 'Alan Turing', userPrincipalName: 'alan@contoso.example' },
      { id: 'u-adam', displayName: 'Adam Smith', userPrincipalName: 'adam@contoso.example' },
    ), true);
    expect((await lookups.findUsersByName('ADA.LOVELACE@contoso.example')).map((u) => u.id)).toEqual(['u-ada']);
    expect((await lookups.searchUsers('ada', 5)).users.map((u) => u.id)).toEqual(['u-ada', 'u-adam']);
    expect((await lookups.searchUsers('lovel', 5)).users.map((u) => u.id)).toEqual(['u-ada']);
    expect((await lookups.userNamesLike('Alan Turnig', 10)).map((u) => u.displayName)).toEqual(['Alan Turing']);
    // A short last word and a partial address: the prefix index answers for the rest, the whole text is checked.
    expect((await lookups.searchUsers('Alan T', 5)).users.map((u) => u.id)).toEqual(['u-alan']);
    expect((await lookups.searchUsers('ada.lovelace@contoso', 5)).users.map((u) => u.id)).toEqual(['u-ada']);

    await applyUserRound(copy, round({ id: 'u-ada', displayName: 'Ada King' }, { id: 'u-adam', '@removed': { reason: 'deleted' } } as DeltaItem), false);
    expect(await lookups.findUsersByName('ada lovelace')).toEqual([]);
    expect((await lookups.findUsersByName('ada king')).map((u) => u.id)).toEqual(['u-ada']);
    expect((await lookups.searchUsers('ada', 5)).users.map((u) => u.id)).toEqual(['u-ada']);

    await copy.setRoles({ 'u-alan': ['Groups Administrator'] });
    expect((await lookups.listAdmins()).map((u) => [u.id, u.roles])).toEqual([['u-alan', ['Groups Administrator']]]);
    await copy.setRoles({ 'u-ada': ['License Administrator'] });
    expect((await lookups.listAdmins()).map((u) => u.id)).toEqual(['u-ada']);
  });

  it('indexes once the users and groups an earlier version stored without indexes', async () => {
    const store = await open();
    await store.put('graph:user:u-old', { id: 'u-old', displayName: 'Olive Oldham', userPrincipalName: 'olive@contoso.example' });
    await store.put('graph:group:g-old', { id: 'g-old', displayName: 'Old Timers', groupTypes: [], mailEnabled: false, securityEnabled: true });
    const { copy, lookups } = graphLookups(store);
    expect(await lookups.findGroupsByName('old timers')).toEqual([]);
    expect(await copy.buildNameIndexes()).toBe(2);
    expect(await copy.buildNameIndexes()).toBe(0);
    expect((await lookups.findGroupsByName('old timers')).map((g) => g.id)).toEqual(['g-old']);
    expect((await lookups.findUsersByName('olive oldham')).map((u) => u.id)).toEqual(['u-old']);
  });

  it('keeps the embedded directory indexed through its own writes, and indexes a store seeded by an earlier version on open', async () => {
    const store = await open();
    const directory = await EmbeddedDirectory.open(store, sampleTenantPath);
    const atlas = groupId(sampleGroup('Atlas Project').id);
    const rowan = userId(person('Rowan Pike').id);
    await directory.updateGroup(atlas, { displayName: 'Atlas Programme' });
    expect(await directory.findGroupsByName('atlas project')).toEqual([]);
    expect((await directory.findGroupsByName('Atlas Programme')).map((g) => g.id)).toEqual([atlas]);
    await directory.updateUser(rowan, { displayName: 'Rowan Peak', roles: ['License Administrator'] });
    expect((await directory.findUsersByName('rowan peak')).map((u) => u.id)).toEqual([rowan]);
    expect((await directory.listAdmins()).map((u) => u.id)).toContain(rowan);
    await directory.updateUser(rowan, { roles: [] });
    expect((await directory.listAdmins()).map((u) => u.id)).not.toContain(rowan);
    const created = await directory.createGroup({ displayName: 'Hiking Club', mailNickname: 'hiking-club', kind: 'security', creatorId: rowan });
    expect((await directory.searchGroups('hik', { limit: 5 })).groups.map((g) => g.id)).toEqual([created.id]);

    // An earlier version's seed: the same users and groups, with no name indexes and no mark.
    const old = await open();
    const { tenant, hash } = await loadTenantFile(sampleTenantPath);
    for (const user of tenant.users) await old.put(`directory:user:${user.id}`, user);
    for (const { owners: _, members: __, ...group } of tenant.groups) await old.put(`directory:group:${group.id}`, group);
    await old.put('directory:seed', { hash });
    const reopened = await EmbeddedDirectory.open(old, sampleTenantPath);
    expect((await reopened.findGroupsByName('atlas project')).map((g) => g.id)).toEqual([atlas]);
    expect((await reopened.listAdmins()).length).toBe(tenant.users.filter((u) => (u.roles ?? []).length > 0).length);
  });
});
