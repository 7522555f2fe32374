import { afterEach, describe, expect, it } from 'vitest';
import { userFields, userRelationships } from '../../../../adapters/directory/graph/graph-fields.js';
import type { DirectoryChanges } from '../../../../adapters/directory/graph/directory-changes.js';
import { person, sampleGroup } from '../../../support/sample-tenant.js';
import { groupOf, openRig, userOf, type GraphRig } from './graph-harness.js';

let rig: GraphRig | undefined;
afterEach(async () => rig?.close());

describe('the first sync round', () => {
  it('loads the whole tenant: users, groups with members and owners, admin roles, SKUs and the tenant', async () => {
    rig = await openRig();
    const { directory } = rig;
    expect(await directory.ready()).toBe(false);

    await directory.sync();

    expect(await directory.ready()).toBe(true);
    expect(await directory.listUsers()).toHaveLength(44);
    expect(await directory.listGroups()).toHaveLength(19);
    expect([...(await directory.listMembers(groupOf('Atlas Project')))].sort()).toEqual([...sampleGroup('Atlas Project').members].sort());
    expect(await directory.groupsOwnedBy(userOf('Ines Duarte'))).toContain(groupOf('Atlas Project'));
    expect(await directory.groupsOf(userOf('Ines Duarte'))).toContain(groupOf('Atlas Project'));
    expect((await directory.getUser(userOf('Alex Morgan')))?.roles).toEqual(['Global Administrator']);
    expect((await directory.getUser(userOf('Jordan Blake')))?.roles).toEqual(['Groups Administrator']);
    expect((await directory.getUser(userOf('Rowan Pike')))?.roles).toBeUndefined();
    expect((await directory.getUser(userOf('Tomas Berg')))?.['manager']).toEqual(person('Tomas Berg')['manager']);
    expect((await directory.listSubscribedSkus()).map((s) => s.skuPartNumber)).toContain('SPE_E5');
    expect(await directory.tenantInfo()).toEqual({ displayName: 'Contoso', defaultUsageLocation: 'US' });
  });

  it('follows every nextLink exactly as Graph gave it, to the deltaLink', async () => {
    rig = await openRig();
    rig.stand.pageSize = 10;
    await rig.directory.sync();

    const pages = rig.stand.seen('/users/delta');
    expect(pages).toHaveLength(5);
    // Each later page was asked for with the very link the page before it carried (the stand-in refuses any other).
    expect(pages.slice(1).every((page) => page.query.has('$skiptoken') && !page.query.has('$select'))).toBe(true);
    expect(await rig.directory.listUsers()).toHaveLength(44);
  });

  it('selects only the fields it needs, and sends every sync call at low throttling priority', async () => {
    rig = await openRig();
    await rig.directory.sync();

    const [users] = rig.stand.seen('/users/delta');
    // Delta queries do not support $expand: the manager is tracked by selecting it.
    expect(users!.query.get('$select')!.split(',')).toEqual([...userFields, ...userRelationships]);
    expect(users!.query.has('$expand')).toBe(false);
    const [groups] = rig.stand.seen('/groups/delta');
    expect(groups!.query.get('$select')).toMatch(/groupTypes,mailEnabled,securityEnabled,onPremisesSyncEnabled,isAssignableToRole,membershipRule,membershipRuleProcessingState,visibility,assignedLicenses,members,owners$/);
    expect(rig.stand.seen('/users', 'GET').find((r) => r.path === '/v1.0/users')!.query.get('$select')).toBe('id,licenseAssignmentStates');
    expect(rig.stand.seen('/subscribedSkus')[0]!.query.get('$select')).toBe('skuId,skuPartNumber,appliesTo,capabilityStatus,consumedUnits,prepaidUnits,servicePlans');
    expect(rig.stand.requests.filter((r) => r.method === 'GET' && !r.query.has('$skiptoken') && !r.query.has('$select'))).toEqual([]);
    expect(rig.stand.requests.every((r) => r.headers['x-ms-throttle-priority'] === 'Low')).toBe(true);
  });
});

describe('later sync rounds', () => {
  it('read only what changed since the deltaLink: one changed user with the fields that changed, and a membership change', async () => {
    rig = await openRig();
    const { directory, stand } = rig;
    await directory.sync();
    const heard: DirectoryChanges[] = [];
    directory.onChange((changes) => void heard.push(changes));
    stand.tenant.updateUser(userOf('Rowan Pike'), { department: 'Finance', onPremisesExtensionAttributes: { ...(person('Rowan Pike')['onPremisesExtensionAttributes'] as object), extensionAttribute3: 'Lab-7' } });
    stand.tenant.addToList(groupOf('Atlas Project'), userOf('Rowan Pike'));
    stand.tenant.removeFromList(groupOf('Lunch Club'), sampleGroup('Lunch Club').members[0]!);
    const before = stand.requests.length;

    const changes = await directory.sync();

    const round = stand.requests.slice(before);
    expect(round.filter((r) => r.path.endsWith('/delta')).every((r) => r.query.has('$deltatoken'))).toBe(true);
    expect(changes.users).toEqual([{ userId: userOf('Rowan Pike'), change: 'updated', fields: ['department', 'onPremisesExtensionAttributes.extensionAttribute3'] }]);
    expect(changes.memberships).toEqual(expect.arrayContaining([
      { groupId: groupOf('Atlas Project'), userId: userOf('Rowan Pike'), change: 'added', list: 'members' },
      { groupId: groupOf('Lunch Club'), userId: sampleGroup('Lunch Club').members[0], change: 'removed', list: 'members' },
    ]));
    expect(changes.memberships).toHaveLength(2);
    expect(heard).toEqual([changes]);
    expect((await directory.getUser(userOf('Rowan Pike')))?.department).toBe('Finance');
    expect(await directory.listMembers(groupOf('Atlas Project'))).toContain(userOf('Rowan Pike'));
    expect(await directory.listMembers(groupOf('Lunch Club'))).not.toContain(sampleGroup('Lunch Club').members[0]);
  });

  it('tells nobody anything when nothing changed, and the first load counts as no change', async () => {
    rig = await openRig();
    const heard: DirectoryChanges[] = [];
    rig.directory.onChange((changes) => void heard.push(changes));
    await rig.directory.sync();
    await rig.directory.sync();
    expect(heard).toEqual([]);
  });

  it('keeps its place in the feeds when a round fails part-way, so the changes it had read are reported by the next round', async () => {
    rig = await openRig();
    const { directory, stand } = rig;
    await directory.sync();
    stand.tenant.addToList(groupOf('Atlas Project'), userOf('Rowan Pike'));
    // The delta feeds answer; the round's $batch of tenant facts after them does not.
    stand.answerNext('POST', '/$batch', { status: 400 });
    await expect(directory.sync()).rejects.toThrow();

    const changes = await directory.sync();

    expect(changes.memberships).toEqual([{ groupId: groupOf('Atlas Project'), userId: userOf('Rowan Pike'), change: 'added', list: 'members' }]);
    expect(await directory.listMembers(groupOf('Atlas Project'))).toContain(userOf('Rowan Pike'));
  });

  it('drops a user Entra deleted', async () => {
    rig = await openRig();
    await rig.directory.sync();
    rig.stand.tenant.removeUser(userOf('Rowan Pike'));

    const changes = await rig.directory.sync();

    expect(changes.users).toEqual([{ userId: userOf('Rowan Pike'), change: 'removed', fields: [] }]);
    expect(await rig.directory.getUser(userOf('Rowan Pike'))).toBeUndefined();
  });

  for (const how of ['tooOld', 'reset'] as const) {
    it(`reads the whole feed again when Graph no longer knows the delta link (${how === 'tooOld' ? '400 syncStateNotFound' : '410 Gone'}): the copy then holds, and the round reports, what changed meanwhile, and later rounds use the new link`, async () => {
      rig = await openRig();
      await rig.directory.sync();
      rig.stand.expireDeltaLinks(how);
      // Meanwhile in Entra: a new job title, a user deleted, someone joins a group.
      rig.stand.tenant.updateUser(userOf('Rowan Pike'), { jobTitle: 'Staff Researcher' });
      rig.stand.tenant.removeUser(userOf('Noah Johnson'));
      rig.stand.tenant.addToList(groupOf('Atlas Project'), userOf('Rowan Pike'));

      const changes = await rig.directory.sync();

      expect(rig.stand.seen('/users/delta').at(-1)!.query.get('$select')).toBeTruthy();
      expect(changes.users).toEqual([
        { userId: userOf('Rowan Pike'), change: 'updated', fields: ['jobTitle'] },
        { userId: userOf('Noah Johnson'), change: 'removed', fields: [] },
      ]);
      expect(changes.memberships).toEqual([{ groupId: groupOf('Atlas Project'), userId: userOf('Rowan Pike'), change: 'added', list: 'members' }]);
      expect(await rig.directory.listUsers()).toHaveLength(43);
      expect((await rig.directory.getUser(userOf('Rowan Pike')))?.jobTitle).toBe('Staff Researcher');
      expect(await rig.directory.groupsOf(userOf('Rowan Pike'))).toContain(groupOf('Atlas Project'));
      expect(rig.logger.lines.filter((l) => l.message.includes('expired the delta link'))).toHaveLength(2);
      // The links the resync handed back work: the round after is an ordinary delta round again.
      const before = rig.stand.calls().length;
      rig.stand.tenant.updateUser(userOf('Rowan Pike'), { jobTitle: 'Principal Researcher' });
      expect((await rig.directory.sync()).users).toEqual([{ userId: userOf('Rowan Pike'), change: 'updated', fields: ['jobTitle'] }]);
      expect(rig.stand.calls().slice(before).filter((c) => c.path.endsWith('/delta') && c.query.has('$select'))).toEqual([]);
    });
  }
});

describe('reads', () => {
  it('answer lists and previews from the copy, without calling Graph', async () => {
    rig = await openRig();
    await rig.directory.sync();
    const before = rig.stand.requests.length;

    await rig.directory.listUsers();
    await rig.directory.listGroups();
    await rig.directory.listMembers(groupOf('Atlas Project'));
    await rig.directory.groupsOf(userOf('Rowan Pike'));
    await rig.directory.groupsOwnedBy(userOf('Ines Duarte'));
    await rig.directory.getUser(userOf('Rowan Pike'));
    await rig.directory.getGroup(groupOf('Atlas Project'));

    expect(rig.stand.requests.length).toBe(before);
  });

  it('read owners live, so an owner removed in Entra stops counting at once', async () => {
    rig = await openRig();
    await rig.directory.sync();
    rig.stand.tenant.removeFromList(groupOf('Atlas Project'), userOf('Ines Duarte'), 'owners');

    expect(await rig.directory.listOwners(groupOf('Atlas Project'))).toEqual([userOf('Tomas Berg')]);
    const call = rig.stand.seen(`/groups/${groupOf('Atlas Project')}/owners`)[0]!;
    expect(call.query.get('$select')).toBe('id');
    expect(call.headers['x-ms-throttle-priority']).toBeUndefined();
    expect(await rig.directory.groupsOwnedBy(userOf('Ines Duarte'))).not.toContain(groupOf('Atlas Project'));
  });

  it('look up a user the copy does not know yet, once', async () => {
    rig = await openRig();
    await rig.directory.sync();
    const id = '7d0c3f5e-2b1a-4c9d-8e7f-6a5b4c3d2e1f';
    rig.stand.tenant.users.set(id, { data: { id, displayName: 'Noor Haddad', userPrincipalName: 'noor.haddad@contoso.example', department: 'Sales' }, changedAt: ++rig.stand.tenant.version });

    expect((await rig.directory.getUser(id as never))?.displayName).toBe('Noor Haddad');
    expect(await rig.directory.getUser(id as never)).toBeDefined();
    expect(rig.stand.seen(`/users/${id}`)).toHaveLength(1);
    expect(await rig.directory.getUser('U0SLACKID' as never)).toBeUndefined();
    expect(await rig.directory.getUser('00000000-0000-4000-8000-000000000000' as never)).toBeUndefined();
  });
});
