import { afterEach, describe, expect, it } from 'vitest';
import { groupOf, openRig, userOf, type GraphRig } from './graph-harness.js';
import { StandInTenant } from './stand-in-tenant.js';

let rig: GraphRig | undefined;
afterEach(async () => rig?.close());

const e5 = '06ebc4ee-1bb5-47dd-8120-11324bc54e06';
const analysts = groupOf('Licensed Analysts');
const seat = (state: string, error: string | null) => ({ assignedByGroup: analysts, skuId: e5, disabledPlans: [], state, error, lastUpdatedDateTime: '2026-12-01T08:00:00Z' });

/** The sample tenant with `extra` more users, none of them in any group. */
function tenantWith(extra: number): StandInTenant {
  const tenant = StandInTenant.sample();
  for (let i = 0; i < extra; i++) {
    const id = `00000009-0000-4000-8000-${i.toString(16).padStart(12, '0')}`;
    tenant.users.set(id, { data: { id, displayName: `Extra ${i}`, userPrincipalName: `extra${i}@contoso.example`, accountEnabled: true, assignedLicenses: [] }, changedAt: 1 });
  }
  return tenant;
}

/** The HTTP calls GroupGate makes for one sync round, as "METHOD path". */
async function callsOfRound(r: GraphRig): Promise<string[]> {
  const before = r.stand.calls().length;
  await r.directory.sync();
  return r.stand.calls().slice(before).map((c) => `${c.method} ${c.path}`);
}

describe('what a sync round costs in Microsoft Graph calls', () => {
  it('is three calls when nothing changed, on 44 users as on 5,044: the two delta links and one $batch', async () => {
    const rounds: string[][] = [];
    for (const tenant of [StandInTenant.sample(), tenantWith(5_000)]) {
      rig = await openRig(tenant);
      await rig.directory.sync();
      rounds.push((await callsOfRound(rig)).sort());
      await rig.close();
      rig = undefined;
    }
    expect(rounds[0]).toEqual(['GET /v1.0/groups/delta', 'GET /v1.0/users/delta', 'POST /v1.0/$batch']);
    expect(rounds[1]).toEqual(rounds[0]);
  });

  it('answers the roles, SKUs, the tenant and license failures from that one batch, at low priority', async () => {
    rig = await openRig();
    await rig.directory.sync();
    const before = rig.stand.requests.length;
    await rig.directory.sync();

    const inBatch = rig.stand.requests.slice(before).filter((r) => r.inBatch);
    expect(inBatch.map((r) => r.path).sort()).toEqual([
      '/v1.0/groups',
      '/v1.0/organization',
      '/v1.0/roleManagement/directory/roleAssignments',
      '/v1.0/subscribedSkus',
    ]);
    expect(inBatch.every((r) => r.headers['x-ms-throttle-priority'] === 'Low')).toBe(true);
    expect((await rig.directory.getUser(userOf('Alex Morgan')))?.roles).toEqual(['Global Administrator']);
  });

  it('sends a read Graph throttled inside the batch again after its Retry-After, and the round still succeeds', async () => {
    rig = await openRig();
    rig.stand.answerNext('GET', '/subscribedSkus', { status: 429, headers: { 'Retry-After': '0' } });
    await rig.directory.sync();

    expect(rig.stand.calls().filter((c) => c.path === '/v1.0/$batch')).toHaveLength(2);
    expect(rig.stand.seen('/subscribedSkus')).toHaveLength(2);
    expect((await rig.directory.listSubscribedSkus()).map((s) => s.skuPartNumber)).toContain('SPE_E5');
    expect(rig.logger.lines.some((l) => l.message.includes('slow down'))).toBe(true);
  });
});

describe('license states in a full round (issue 21)', () => {
  it("reads only the licensing groups' members when that takes fewer calls than the whole tenant: 5,044 users are six pages, four licensing groups one $batch", async () => {
    const tenant = tenantWith(5_000);
    tenant.licenseStates.set(userOf('Dana Lee'), [seat('Active', null)]);
    // A direct license on a user in no licensing group: the user's assignedLicenses already say so.
    tenant.licenseStates.set('00000009-0000-4000-8000-000000000007', [{ ...seat('Active', null), assignedByGroup: null }]);
    rig = await openRig(tenant);
    await rig.directory.sync();

    expect(rig.stand.seen('/users', 'GET').filter((r) => r.path === '/v1.0/users')).toEqual([]);
    const reads = rig.stand.seen('/groups/', 'GET').filter((r) => r.inBatch && r.path.endsWith('/members'));
    expect(reads.map((r) => r.query.get('$select'))).toEqual(['id,licenseAssignmentStates', 'id,licenseAssignmentStates', 'id,licenseAssignmentStates', 'id,licenseAssignmentStates']);
    expect(rig.stand.calls().filter((c) => c.path === '/v1.0/$batch')).toHaveLength(2);
    expect(await rig.directory.licenseAssignmentStates(userOf('Dana Lee'))).toEqual([seat('Active', null)]);
    expect(Object.keys(await rig.directory.allLicenseAssignmentStates())).toEqual([userOf('Dana Lee')]);
  });

  it('reads the whole tenant when that is no more calls (44 users: one page)', async () => {
    rig = await openRig();
    await rig.directory.sync();
    expect(rig.stand.seen('/users', 'GET').filter((r) => r.path === '/v1.0/users')).toHaveLength(1);
    expect(rig.stand.seen('/groups/', 'GET').filter((r) => r.path.endsWith('/members'))).toEqual([]);
  });
});

describe('license states after the first round', () => {
  it('re-reads only the user who joined a licensing group, and keeps everyone else as read', async () => {
    const tenant = StandInTenant.sample();
    tenant.licenseStates.set(userOf('Dana Lee'), [seat('Active', null)]);
    rig = await openRig(tenant);
    await rig.directory.sync();

    tenant.addToList(analysts, userOf('Rowan Pike'));
    tenant.licenseStates.set(userOf('Rowan Pike'), [seat('Active', null)]);
    const before = rig.stand.requests.length;
    await rig.directory.sync();

    const userReads = rig.stand.requests.slice(before).filter((r) => r.path.startsWith('/v1.0/users/') && !r.path.endsWith('/delta'));
    expect(userReads.map((r) => r.path)).toEqual([`/v1.0/users/${userOf('Rowan Pike')}`]);
    expect(rig.stand.requests.slice(before).some((r) => r.path === '/v1.0/users')).toBe(false);
    expect(await rig.directory.licenseAssignmentStates(userOf('Rowan Pike'))).toEqual([seat('Active', null)]);
    expect(await rig.directory.licenseAssignmentStates(userOf('Dana Lee'))).toEqual([seat('Active', null)]);
  });

  it('sees a license failure from membersWithLicenseErrors, and its end on the round after', async () => {
    const tenant = StandInTenant.sample();
    rig = await openRig(tenant);
    await rig.directory.sync();

    // Entra runs out of E5 seats for Ben: nothing in the delta feeds says so.
    tenant.licenseStates.set(userOf('Ben Ortiz'), [seat('Error', 'CountViolation')]);
    await rig.directory.sync();
    expect(await rig.directory.licenseAssignmentStates(userOf('Ben Ortiz'))).toEqual([seat('Error', 'CountViolation')]);
    expect(rig.stand.seen(`/groups/${analysts}/membersWithLicenseErrors`)).toHaveLength(1);

    // Seats bought, Entra retries and Ben gets one: the round re-reads him because he was failing.
    tenant.licenseStates.set(userOf('Ben Ortiz'), [seat('Active', null)]);
    await rig.directory.sync();
    expect(await rig.directory.licenseAssignmentStates(userOf('Ben Ortiz'))).toEqual([seat('Active', null)]);
    expect(rig.stand.seen(`/users/${userOf('Ben Ortiz')}`)).toHaveLength(1);

    // Nobody fails any more: the next round reads nobody's states.
    const before = rig.stand.requests.length;
    await rig.directory.sync();
    expect(rig.stand.requests.slice(before).filter((r) => r.path.startsWith('/v1.0/users/') && !r.path.endsWith('/delta'))).toEqual([]);
  });

  it('moves the single value an earlier version stored into per-user entries, reading the tenant once more', async () => {
    const tenant = StandInTenant.sample();
    tenant.licenseStates.set(userOf('Dana Lee'), [seat('Active', null)]);
    rig = await openRig(tenant);
    await rig.directory.sync();
    await rig.store.put('graph:license-states', { [userOf('Cara Diaz')]: [seat('Error', 'CountViolation')] });

    await rig.directory.sync();

    expect(await rig.store.get('graph:license-states')).toBeUndefined();
    expect(rig.stand.seen('/users', 'GET').filter((r) => r.path === '/v1.0/users')).toHaveLength(2);
    // What Graph says now wins over what the old value held.
    expect(await rig.directory.licenseAssignmentStates(userOf('Cara Diaz'))).toEqual([]);
    expect(Object.keys(await rig.directory.allLicenseAssignmentStates())).toEqual([userOf('Dana Lee')]);
  });
});
