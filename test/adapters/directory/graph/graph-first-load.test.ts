import { afterEach, describe, expect, it } from 'vitest';
import { DirectoryCopy } from '../../../../adapters/directory/graph/directory-copy.js';
import { groupId, userId } from '../../../../domain/model/ids.js';
import { openRig, type GraphRig } from './graph-harness.js';
import { StandInTenant } from './stand-in-tenant.js';

let rig: GraphRig | undefined;
afterEach(async () => rig?.close());

// Small pages, and big groups' members split over objects at the end of the round, as Graph sends
// a large tenant: the first load is applied a page at a time, never the whole round at once.
async function pagedRig(): Promise<GraphRig> {
  const opened = await openRig();
  opened.stand.pageSize = 5;
  opened.stand.membersPerObject = 2;
  return opened;
}

const tenantMembers = (r: GraphRig, id: string) => [...r.stand.tenant.groups.get(id)!.members].sort();

describe('the first load, applied page by page', () => {
  it('has every member of a group whose members came on several pages, both ways round', async () => {
    rig = await pagedRig();
    await rig.directory.sync();

    expect(await rig.directory.ready()).toBe(true);
    expect(await rig.directory.listUsers()).toHaveLength(44);
    expect(await rig.directory.listGroups()).toHaveLength(19);
    const split = [...rig.stand.tenant.groups.keys()].filter((id) => rig!.stand.tenant.groups.get(id)!.members.length > 2);
    expect(split.length).toBeGreaterThan(3);
    for (const id of split) {
      expect([...(await rig.directory.listMembers(groupId(id)))].sort()).toEqual(tenantMembers(rig, id));
      const last = tenantMembers(rig, id).at(-1)!;
      expect(await rig.directory.groupsOf(userId(last))).toContain(id);
    }
  });

  it('cut short, stores no delta link and is not ready; after a restart the next load has the tenant as it is by then', async () => {
    // Big enough that what was read before the failure has reached the store (batches of 4,000 entries).
    rig = await openRig(StandInTenant.synthetic(3_000, 300));
    rig.stand.membersPerObject = 10;
    const tenant = rig.stand.tenant;
    const [first, second] = [...tenant.groups.keys()] as [string, string];
    // The groups feed fails on its third page (of 100 groups each); the users feed stops with it.
    rig.stand.answerLater('GET', '/groups/delta', 2, { status: 500, body: { error: { code: 'UnknownError', message: 'Something went wrong.' } } });
    await expect(rig.directory.sync()).rejects.toThrow(/500/);

    const copy = new DirectoryCopy(rig.store);
    expect(await copy.getGroup(first)).toBeDefined();
    expect(await copy.syncState()).toEqual({});
    expect(await rig.directory.ready()).toBe(false);
    // Meanwhile in Entra: someone leaves the first group, the second is deleted, a user moves department.
    const leaver = tenant.groups.get(first)!.members[0]!;
    tenant.removeFromList(first, leaver);
    const secondMembers = tenant.groups.get(second)!.members;
    tenant.groups.delete(second);
    tenant.removedGroups.set(second, ++tenant.version);
    const mover = [...tenant.users.keys()][0]!;
    tenant.updateUser(mover, { department: 'Procurement' });

    const restarted = await rig.restart();
    await restarted.sync();

    expect(await restarted.ready()).toBe(true);
    expect(await restarted.listUsers()).toHaveLength(3_000);
    expect((await restarted.getUser(userId(mover)))?.department).toBe('Procurement');
    expect(await restarted.groupsOf(userId(leaver))).not.toContain(first);
    expect((await restarted.listGroups()).map((g) => g.id)).not.toContain(second);
    for (const member of secondMembers) expect(await restarted.groupsOf(userId(member))).not.toContain(second);
    // Every list, and every person's groups, exactly as in Entra.
    const groupsOf = new Map<string, string[]>();
    for (const [id, group] of tenant.groups) {
      expect([...(await restarted.listMembers(groupId(id)))].sort()).toEqual(tenantMembers(rig, id));
      for (const member of group.members) groupsOf.set(member, [...(groupsOf.get(member) ?? []), id]);
    }
    for (const user of tenant.users.keys()) expect([...(await restarted.groupsOf(userId(user)))].sort()).toEqual((groupsOf.get(user) ?? []).sort());
    // Both links were stored with the load: the round after reads only changes.
    const before = rig.stand.requests.length;
    await restarted.sync();
    expect(rig.stand.requests.slice(before).filter((r) => r.path.endsWith('/delta')).every((r) => r.query.has('$deltatoken'))).toBe(true);
  }, 60_000);
});
