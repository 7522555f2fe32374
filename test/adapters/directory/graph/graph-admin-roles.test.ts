import { afterEach, describe, expect, it } from 'vitest';
import { sampleGroup } from '../../../support/sample-tenant.js';
import { groupOf, openRig, userOf, type GraphRig } from './graph-harness.js';
import { roleTemplateIds } from './stand-in-tenant.js';

let rig: GraphRig | undefined;
afterEach(async () => rig?.close());

const rolesOf = async (r: GraphRig, name: string) => (await r.directory.getUser(userOf(name)))?.roles;

describe('admin roles from role assignments (issue 21)', () => {
  it('reads every recognised role in one query, principal and scope together, and only a tenant-wide assignment makes an admin', async () => {
    rig = await openRig();
    // An administrative unit's User Administrator manages only that unit's users: no GroupGate admin.
    rig.stand.tenant.grantRole('User Administrator', userOf('Rowan Pike'), 'user', '/administrativeUnits/5f1c9b47-9d2a-4a41-8e2c-3b7f0a6d1e28');
    rig.stand.tenant.grantRole('User Administrator', userOf('Mere Tane'));
    await rig.directory.sync();

    const [read] = rig.stand.seen('/roleManagement/directory/roleAssignments');
    expect(rig.stand.seen('/roleManagement/directory/roleAssignments')).toHaveLength(1);
    expect(read!.query.get('$filter')).toBe(`roleDefinitionId in (${['Global Administrator', 'Groups Administrator', 'License Administrator', 'User Administrator'].map((r) => `'${roleTemplateIds[r]}'`).join(',')})`);
    expect(read!.query.get('$expand')).toBe('principal');
    expect(rig.stand.seen('/directoryRoles')).toEqual([]);
    expect(await rolesOf(rig, 'Mere Tane')).toEqual(['User Administrator']);
    expect(await rolesOf(rig, 'Rowan Pike')).toBeUndefined();
    expect(await rolesOf(rig, 'Alex Morgan')).toEqual(['Global Administrator']);
  });

  it("passes a role-assignable group's role to its members, gives a service principal's to nobody, and follows a role taken away", async () => {
    rig = await openRig();
    const helpdesk = groupOf('Helpdesk Admins');
    rig.stand.tenant.grantRole('Groups Administrator', helpdesk, 'group');
    rig.stand.tenant.grantRole('License Administrator', 'c1a9e0f2-7b3d-4e8a-9f6c-2d4b8e1a7c35', 'servicePrincipal');
    await rig.directory.sync();

    for (const member of sampleGroup('Helpdesk Admins').members) expect((await rig.directory.getUser(member as never))?.roles).toContain('Groups Administrator');
    expect((await rig.directory.listAdmins()).some((u) => u.roles?.includes('License Administrator') && u.id === 'c1a9e0f2-7b3d-4e8a-9f6c-2d4b8e1a7c35')).toBe(false);

    const assignments = rig.stand.tenant.roleAssignments;
    assignments.splice(assignments.findIndex((a) => a.principalId === userOf('Alex Morgan')), 1);
    const changes = await rig.directory.sync();
    expect(await rolesOf(rig, 'Alex Morgan')).toBeUndefined();
    expect(changes.users).toContainEqual({ userId: userOf('Alex Morgan'), change: 'updated', fields: ['roles'] });
  });
});
