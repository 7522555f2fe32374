import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseMembershipRule, previewRule } from '../../../../domain/membership-rules/index.js';
import { groupId } from '../../../../domain/model/ids.js';
import { openRig, type GraphRig } from './graph-harness.js';
import { StandInTenant } from './stand-in-tenant.js';

// A tenant of 20,000 users in 200 groups, paged 200 to a delta page as Graph does for large
// directories. The bounds are generous (shared CI machines); the numbers are printed.
const users = 20_000;
let rig: GraphRig;
const timings: Record<string, number> = {};

beforeAll(async () => {
  rig = await openRig(StandInTenant.synthetic(users, 200));
  rig.stand.pageSize = 200;
});
afterAll(async () => {
  console.log(`[graph sync, ${users.toLocaleString('en-US')} users] ${Object.entries(timings).map(([what, ms]) => `${what}: ${Math.round(ms)} ms`).join(', ')}`);
  await rig.close();
});

const timed = async <T>(what: string, work: () => Promise<T>): Promise<T> => {
  const started = performance.now();
  const result = await work();
  timings[what] = performance.now() - started;
  return result;
};

describe(`a ${users.toLocaleString('en-US')}-user tenant`, () => {
  it('loads in one full sync round within a minute', async () => {
    await timed('full sync', () => rig.directory.sync());

    expect(await rig.directory.listUsers()).toHaveLength(users);
    expect(rig.stand.seen('/users/delta')).toHaveLength(users / 200);
    expect(timings['full sync']).toBeLessThan(60_000);
  }, 120_000);

  it('previews a rule over the whole tenant from the copy, with no Graph call', async () => {
    const before = rig.stand.requests.length;
    const all = await timed('read the copy', () => rig.directory.listUsers());
    const { rule } = parseMembershipRule('(user.department -eq "Sales") -and (user.country -eq "US")');
    const members = await rig.directory.listMembers(groupId((await rig.directory.listGroups())[0]!.id));
    const preview = await timed('preview', async () => previewRule(rule!, all, members));

    expect(preview.total).toBe(users);
    expect(preview.matched).toBeGreaterThan(0);
    expect(rig.stand.requests.length).toBe(before);
  });

  it('catches up on one change in a later round, fast', async () => {
    const first = [...rig.stand.tenant.users.keys()][0]!;
    rig.stand.tenant.updateUser(first, { department: 'Finance' });

    const changes = await timed('delta round', () => rig.directory.sync());

    expect(changes.users).toEqual([{ userId: first, change: 'updated', fields: ['department'] }]);
  }, 60_000);
});
