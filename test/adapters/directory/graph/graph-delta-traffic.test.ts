import { afterEach, describe, expect, it } from 'vitest';
import { person } from '../../../support/sample-tenant.js';
import { groupOf, openRig, userOf, type GraphRig } from './graph-harness.js';

let rig: GraphRig | undefined;
afterEach(async () => rig?.close());

describe('a manager through the users delta (issue 21)', () => {
  it('is tracked by $select=manager: a new manager and a manager taken away both reach the copy and the round', async () => {
    rig = await openRig();
    await rig.directory.sync();
    expect((await rig.directory.getUser(userOf('Tomas Berg')))?.['manager']).toEqual(person('Tomas Berg')['manager']);

    // Rowan reports to Ines Duarte; Entra moves Rowan to Dana Lee.
    rig.stand.tenant.setManager(userOf('Rowan Pike'), userOf('Dana Lee'));
    const moved = await rig.directory.sync();
    expect(moved.users).toEqual([{ userId: userOf('Rowan Pike'), change: 'updated', fields: ['manager.id'] }]);
    expect((await rig.directory.getUser(userOf('Rowan Pike')))?.['manager']).toEqual({ id: userOf('Dana Lee') });

    rig.stand.tenant.setManager(userOf('Rowan Pike'), undefined);
    const removed = await rig.directory.sync();
    expect(removed.users).toEqual([{ userId: userOf('Rowan Pike'), change: 'updated', fields: ['manager'] }]);
    expect((await rig.directory.getUser(userOf('Rowan Pike')))?.['manager']).toBeNull();
  });

  it('the stand-in refuses $expand on a delta query, as Graph documents it unsupported', async () => {
    rig = await openRig();
    await rig.directory.sync();
    const token = [...rig.stand.authority.issued][0]!;
    const answer = await fetch(`${rig.stand.url}/v1.0/users/delta?$select=id&$expand=manager`, { headers: { authorization: `Bearer ${token}` } });
    expect(answer.status).toBe(400);
    expect(((await answer.json()) as { error: { code: string } }).error.code).toBe('Request_UnsupportedQuery');
  });
});

describe('delta traffic as Graph sends it (issue 21)', () => {
  it("a later round with a big group's members@delta split over several pages, empty pages with a nextLink between, loses no member", async () => {
    rig = await openRig();
    await rig.directory.sync();
    Object.assign(rig.stand, { pageSize: 1, membersPerObject: 2, emptyPages: true });
    const before = rig.stand.requests.length;
    const atlas = groupOf('Atlas Project');
    const joiners = [...rig.stand.tenant.users.keys()].filter((id) => !rig!.stand.tenant.groups.get(atlas)!.members.includes(id)).slice(0, 7);
    for (const id of joiners) rig.stand.tenant.addToList(atlas, id);
    rig.stand.tenant.updateUser(userOf('Rowan Pike'), { jobTitle: 'Staff Researcher' });

    const changes = await rig.directory.sync();

    // Atlas Project on four pages (two joiners each), an empty page after each but the last.
    expect(rig.stand.requests.slice(before).filter((r) => r.path === '/v1.0/groups/delta')).toHaveLength(7);
    expect(changes.memberships.filter((m) => m.groupId === atlas).map((m) => m.userId).sort()).toEqual([...joiners].sort());
    expect([...(await rig.directory.listMembers(atlas))].sort()).toEqual([...rig.stand.tenant.groups.get(atlas)!.members].sort());
    expect(changes.users).toEqual([{ userId: userOf('Rowan Pike'), change: 'updated', fields: ['jobTitle'] }]);
  });

  it('an object sent twice in a round counts as it was sent last, in the first round and later', async () => {
    rig = await openRig();
    rig.stand.pageSize = 5;
    rig.stand.staleFirst.set(userOf('Rowan Pike'), { jobTitle: 'Intern', department: 'Mailroom' });
    await rig.directory.sync();
    expect(await rig.directory.getUser(userOf('Rowan Pike'))).toMatchObject({ jobTitle: person('Rowan Pike')['jobTitle'], department: 'Research' });

    rig.stand.tenant.updateUser(userOf('Rowan Pike'), { jobTitle: 'Staff Researcher', department: 'Finance' });
    const changes = await rig.directory.sync();
    expect(changes.users).toEqual([{ userId: userOf('Rowan Pike'), change: 'updated', fields: ['department', 'jobTitle'] }]);
    expect(await rig.directory.getUser(userOf('Rowan Pike'))).toMatchObject({ jobTitle: 'Staff Researcher', department: 'Finance' });
  });

  it('@removed with reason changed or deleted, on users and groups, in the first round and in later ones', async () => {
    const tenant = (await import('./stand-in-tenant.js')).StandInTenant.sample();
    // Deleted before GroupGate ever looked: Graph lists them as @removed in its initial round.
    tenant.removeUser(userOf('Noah Johnson'), 'changed');
    tenant.removeGroup(groupOf('Lunch Club'), 'deleted');
    rig = await openRig(tenant);
    await rig.directory.sync();
    expect(await rig.directory.ready()).toBe(true);
    expect(await rig.directory.getUser(userOf('Noah Johnson'))).toBeUndefined();
    expect((await rig.directory.listGroups()).map((g) => g.id)).not.toContain(groupOf('Lunch Club'));
    expect(await rig.directory.listUsers()).toHaveLength(43);

    const atlasMembers = [...tenant.groups.get(groupOf('Atlas Project'))!.members];
    tenant.removeUser(userOf('Rowan Pike'), 'deleted');
    tenant.removeGroup(groupOf('Atlas Project'), 'changed');
    const changes = await rig.directory.sync();

    expect(changes.users).toEqual([{ userId: userOf('Rowan Pike'), change: 'removed', fields: [] }]);
    expect(changes.groups).toEqual([{ groupId: groupOf('Atlas Project'), change: 'removed', fields: [] }]);
    expect(changes.memberships.filter((m) => m.groupId === groupOf('Atlas Project')).map((m) => m.userId).sort()).toEqual(atlasMembers.sort());
    for (const member of atlasMembers) expect(await rig.directory.groupsOf(member as never)).not.toContain(groupOf('Atlas Project'));
    const lastRound = rig.stand.seen('/users/delta').at(-1)!;
    expect(lastRound.query.has('$deltatoken')).toBe(true);
  });
});

describe('later rounds ask for only what changed (issue 21)', () => {
  it('send Prefer: return=minimal on delta links (not on the first round), and merge the partial objects into the copy', async () => {
    rig = await openRig();
    await rig.directory.sync();
    expect(rig.stand.seen('/users/delta').every((r) => r.headers['prefer'] === undefined)).toBe(true);
    rig.stand.tenant.updateUser(userOf('Rowan Pike'), { jobTitle: 'Staff Researcher', mobilePhone: null });
    rig.stand.tenant.updateGroup(groupOf('Atlas Project'), { description: 'The Atlas programme' });
    rig.stand.tenant.addToList(groupOf('Lunch Club'), userOf('Rowan Pike'));
    const before = rig.stand.requests.length;

    const changes = await rig.directory.sync();

    const deltas = rig.stand.requests.slice(before).filter((r) => r.path.endsWith('/delta'));
    expect(deltas.map((r) => r.headers['prefer'])).toEqual(['return=minimal', 'return=minimal']);
    expect(changes.users).toEqual([{ userId: userOf('Rowan Pike'), change: 'updated', fields: ['jobTitle'] }]);
    expect(changes.groups).toEqual([{ groupId: groupOf('Atlas Project'), change: 'updated', fields: ['description'] }]);
    // What Graph left out is what did not change: kept as it was.
    expect(await rig.directory.getUser(userOf('Rowan Pike'))).toMatchObject({ displayName: 'Rowan Pike', userPrincipalName: person('Rowan Pike')['userPrincipalName'], department: 'Research', jobTitle: 'Staff Researcher', manager: { id: userOf('Ines Duarte') } });
    expect(await rig.directory.getGroup(groupOf('Lunch Club'))).toMatchObject({ displayName: 'Lunch Club' });
    expect(await rig.directory.getGroup(groupOf('Atlas Project'))).toMatchObject({ displayName: 'Atlas Project', description: 'The Atlas programme' });
    expect(await rig.directory.listMembers(groupOf('Lunch Club'))).toContain(userOf('Rowan Pike'));
  });
});
