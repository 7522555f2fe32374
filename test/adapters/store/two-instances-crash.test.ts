import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JoinRequest } from '../../../domain/join-requests/join-request.js';
import { explainRedisSkip, redisUrl } from '../../support/temp-store-url.js';
import { clickInTeams, Fleet, fleetTenantFile, owners, requesterSlackId, seedRequests } from './fleet.js';
import { eventually, sleep, type GroupGateProcess } from './groupgate-process.js';

explainRedisSkip('an instance killed mid-decision (Redis)');

/** Test-only: the instance kills itself (SIGKILL) right after it stores a decision, before the membership changes. */
const dies = { TEST_FAULT: 'kill-after-decision', SWEEP_INTERVAL: '1s' };

describe.skipIf(!redisUrl)('an instance killed (kill -9) between storing a decision and applying it', () => {
  let fleet: Fleet;
  let ids: string[];
  const request = async (id: string) => (await fleet.requests()).find((r) => r.id === id) as JoinRequest;
  const dmsTo = (i: number) => fleet.slack.of('chat.postMessage').filter((call) => call.args['channel'] === requesterSlackId(i));
  const changes = () => fleet.instances.flatMap((instance) => instance.logged('membership changed').map((line) => ({ on: instance.name, userId: line['userId'] })));

  beforeAll(async () => {
    fleet = await new Fleet(redisUrl!, fleetTenantFile(4)).open();
    const survivor = await fleet.start('survivor', { SWEEP_INTERVAL: '1s' });
    await fleet.introduceOwners(survivor);
    ids = await seedRequests(fleet.store, 4);
  }, 120_000);
  afterAll(async () => fleet?.close(), 60_000);

  it("is finished by the other instance's sweep: the member added once, the requester told once", async () => {
    const [survivor] = fleet.instances as [GroupGateProcess];
    const doomed = await fleet.start('doomed', dies);
    await expect(clickInTeams(doomed, fleet.connector.url, owners.a, ids[0]!, 'approve')).rejects.toThrow();
    expect((await doomed.exited).signal).toBe('SIGKILL');
    // The decision is stored; the membership change is not.
    expect(await request(ids[0]!)).toMatchObject({ status: 'approved', decidedBy: owners.a.id });
    expect((await request(ids[0]!)).appliedAt).toBeUndefined();
    expect(await fleet.members()).toEqual([]);

    const finished = await eventually('the survivor to finish the decision', async () => {
      const stored = await request(ids[0]!);
      return stored.appliedAt && stored.notifiedAt ? stored : undefined;
    });
    expect(finished.status).toBe('approved');
    expect(await fleet.members()).toEqual(['requester-0']);
    expect(changes()).toEqual([{ on: survivor.name, userId: 'requester-0' }]);
    expect(dmsTo(0)).toHaveLength(1);

    // The crashed instance comes back; nothing is done twice.
    const back = await fleet.start('doomed, restarted', { SWEEP_INTERVAL: '1s' });
    expect((await back.health()).status).toBe(200);
    await sleep(2_500); // a few sweeps on both instances
    expect(await fleet.members()).toEqual(['requester-0']);
    expect(changes()).toHaveLength(1);
    expect(dmsTo(0)).toHaveLength(1);
  }, 120_000);

  it('is finished by the restart when no other instance is running', async () => {
    // Everyone else stops cleanly (handing back the leases); one instance is left, and it dies mid-decision.
    await Promise.all(fleet.instances.map((instance) => instance.stop()));
    const doomed = await fleet.start('doomed again', dies);
    await expect(clickInTeams(doomed, fleet.connector.url, owners.b, ids[1]!, 'approve')).rejects.toThrow();
    expect((await doomed.exited).signal).toBe('SIGKILL');
    expect((await request(ids[1]!)).appliedAt).toBeUndefined();

    // Its sweep lease (two sweep intervals) runs out; then a restart finishes the decision before it even listens.
    await sleep(2_500);
    const restarted = await fleet.start('restarted', { SWEEP_INTERVAL: '10m' });
    expect(await request(ids[1]!)).toMatchObject({ status: 'approved', decidedBy: owners.b.id, appliedAt: expect.any(String), notifiedAt: expect.any(String) });
    expect([...(await fleet.members())].sort()).toEqual(['requester-0', 'requester-1']);
    expect(changes().filter((change) => change.userId === 'requester-1')).toEqual([{ on: restarted.name, userId: 'requester-1' }]);
    expect(dmsTo(1)).toHaveLength(1);
    // The requests nobody decided are untouched.
    expect((await request(ids[2]!)).status).toBe('pending');
  }, 120_000);
});
