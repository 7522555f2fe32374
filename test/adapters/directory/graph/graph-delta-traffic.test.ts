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
