import { afterEach, describe, expect, it } from 'vitest';
import { readGraphLicensingSnapshot } from '../../../../adapters/directory/graph/graph-license-states.js';
import type { GraphDirectory } from '../../../../adapters/directory/graph/graph-directory.js';
import type { RunningGroupGate } from '../../../../bot/start-groupgate.js';
import { sampleGroup } from '../../../support/sample-tenant.js';
import { startTestGroupGate } from '../../../support/start-test-groupgate.js';
import { groupOf, userOf } from './graph-harness.js';
import { GraphStandIn } from './graph-stand-in.js';
import { StandInTenant } from './stand-in-tenant.js';

let stand: GraphStandIn | undefined;
let running: RunningGroupGate | undefined;
afterEach(async () => {
  await running?.stop();
  await stand?.stop();
});

const e5 = '06ebc4ee-1bb5-47dd-8120-11324bc54e06';
const analysts = groupOf('Licensed Analysts');
const byGroup = (state: string, error: string | null, at: string) => ({ assignedByGroup: analysts, skuId: e5, disabledPlans: [], state, error, lastUpdatedDateTime: at });

describe('licensing on a Graph tenant', () => {
  it("takes who holds a seat and who waits from Entra's own license states", async () => {
    const tenant = StandInTenant.sample();
    // E5 has 9 seats and 3 direct holders: by GroupGate's own arithmetic every analyst would get one.
    tenant.licenseStates.set(userOf('Dana Lee'), [byGroup('Active', null, '2026-11-01T08:00:00Z')]);
    tenant.licenseStates.set(userOf('Ben Ortiz'), [byGroup('Error', 'CountViolation', '2026-11-02T08:00:00Z')]);
    tenant.licenseStates.set(userOf('Cara Diaz'), [byGroup('Active', 'None', '2026-11-01T08:00:00Z')]);
    // Graph lists inherited licenses in assignedLicenses too; only the direct one counts as direct.
    tenant.updateUser(userOf('Dana Lee'), { assignedLicenses: [{ skuId: e5, disabledPlans: [] }] });
    stand = await new GraphStandIn(tenant).start();
    running = await startTestGroupGate(stand.env());

    const { state, summary } = await running.gate.licensing.view();

    const record = state.groups[analysts]!;
    expect(Object.keys(record.active).sort()).toEqual([userOf('Dana Lee'), userOf('Cara Diaz')].sort());
    expect(record.failing[userOf('Ben Ortiz')]).toEqual({ since: '2026-11-02T08:00:00Z', failures: [{ skuId: e5, error: 'CountViolation', cause: { reason: 'notEnoughSeats' } }] });
    const pool = summary.pools.find((p) => p.sku.skuId === e5)!;
    expect(pool.waiting).toEqual([userOf('Ben Ortiz')]);
    expect(pool.used).toBe(5);
    expect(summary.groups.find((g) => g.groupId === analysts)).toMatchObject({ members: sampleGroup('Licensed Analysts').members.length, licensed: 2, errors: { CountViolation: 1 } });
  });

  it('counts only direct licenses as direct in the snapshot it reads', async () => {
    const tenant = StandInTenant.sample();
    tenant.updateUser(userOf('Dana Lee'), { assignedLicenses: [{ skuId: e5, disabledPlans: [] }] });
    tenant.licenseStates.set(userOf('Dana Lee'), [byGroup('Active', null, '2026-11-01T08:00:00Z')]);
    stand = await new GraphStandIn(tenant).start();
    running = await startTestGroupGate(stand.env());

    const snapshot = await readGraphLicensingSnapshot(running.gate.directory as GraphDirectory);

    expect(snapshot.users.find((u) => u.id === userOf('Dana Lee'))?.assignedLicenses).toEqual([]);
    expect([...(snapshot.groups.find((g) => g.id === analysts)?.members ?? [])].sort()).toEqual([...sampleGroup('Licensed Analysts').members].sort());
    expect(snapshot.defaultUsageLocation).toBe('US');
  });

  it('asks Entra to reprocess waiting users', async () => {
    stand = await new GraphStandIn(StandInTenant.sample()).start();
    running = await startTestGroupGate(stand.env());

    await running.gate.licensing.reprocess([userOf('Ben Ortiz')]);

    expect(stand.seen(`/users/${userOf('Ben Ortiz')}/reprocessLicenseAssignment`, 'POST')).toHaveLength(1);
    expect(running.gate.licensing.simulatesSeats).toBe(false);
  });

  it('hears from the change feed what touches licensing, and only that: a job title or an ordinary group leaves the snapshot alone', async () => {
    const tenant = StandInTenant.sample();
    tenant.licenseStates.set(userOf('Ben Ortiz'), [byGroup('Error', 'CountViolation', '2026-11-02T08:00:00Z')]);
    stand = await new GraphStandIn(tenant).start();
    running = await startTestGroupGate(stand.env());
    const { gate } = running;
    const directory = gate.directory as GraphDirectory;
    const round = async () => {
      await directory.sync();
      await gate.background.idle();
      await gate.licensing.process();
    };
    const analystsSummary = async () => (await gate.licensing.view()).summary.groups.find((g) => g.groupId === analysts)!;
    const members = sampleGroup('Licensed Analysts').members.length;
    await gate.licensing.process();
    const reads = gate.licensing.rounds.read;

    // Everyday edits outside licensing: nothing to read again.
    tenant.updateUser(userOf('Rowan Pike'), { jobTitle: 'Principal Analyst' });
    tenant.addToList(groupOf('Lunch Club'), userOf('Rowan Pike'));
    await round();
    expect(gate.licensing.rounds.read).toBe(reads);

    // Someone added to the licensing group in Entra: the next round shows them, not an hour later,
    // reading them alone rather than the directory again.
    const patched = gate.licensing.rounds.patched;
    tenant.addToList(analysts, userOf('Rowan Pike'));
    await round();
    expect((await analystsSummary()).members).toBe(members + 1);
    expect(gate.licensing.rounds.read).toBe(reads);
    expect(gate.licensing.rounds.patched).toBe(patched + 1);

    // Entra found Ben a seat: only his license state moved, and licensing sees it.
    tenant.licenseStates.set(userOf('Ben Ortiz'), [byGroup('Active', null, '2026-11-03T08:00:00Z')]);
    await round();
    const { state } = await gate.licensing.view();
    expect(state.groups[analysts]!.failing[userOf('Ben Ortiz')]).toBeUndefined();
    expect(state.groups[analysts]!.active[userOf('Ben Ortiz')]).toBeDefined();
  });
});
