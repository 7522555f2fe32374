import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { explainRedisSkip, redisUrl } from '../../support/temp-store-url.js';
import { clickInSlack, clickInTeams, Fleet, fleetTenantFile, inParallel, owners, requesterSlackId, seedRequests, slackOutcome, type ClickOutcome, type Owner } from './fleet.js';
import { eventually, type GroupGateProcess } from './groupgate-process.js';

const races = 1_000;

explainRedisSkip('two instances racing on one Redis');

describe.skipIf(!redisUrl)('two GroupGate instances on one Redis, owners clicking at once', () => {
  let fleet: Fleet;
  beforeAll(async () => {
    fleet = await new Fleet(redisUrl!, fleetTenantFile(races)).open();
    // A long sweep interval: here every decision is finished by the instance that made it.
    await Promise.all([fleet.start('instance 1', { SWEEP_INTERVAL: '5m' }), fleet.start('instance 2', { SWEEP_INTERVAL: '5m' })]);
  }, 120_000);
  afterAll(async () => fleet?.close(), 60_000);

  it(`gives each of ${races.toLocaleString('en-US')} requests exactly one decision when one owner approves and the other denies at the same moment on different instances and platforms, and adds each approved requester once`, async () => {
    const [one, two] = fleet.instances as [GroupGateProcess, GroupGateProcess];
    await fleet.introduceOwners(one);
    const ids = await seedRequests(fleet.store, races);

    // Per request, owner A approves while owner B denies: one click on each instance, one in Slack and one in Teams.
    type Click = { readonly on: GroupGateProcess; readonly via: 'slack' | 'teams'; readonly owner: Owner; readonly verb: 'approve' | 'deny' };
    const plan = ids.map((id, i) => {
      const [first, second] = i % 4 < 2 ? [one, two] : [two, one];
      const [approveVia, denyVia] = i % 2 === 0 ? (['slack', 'teams'] as const) : (['teams', 'slack'] as const);
      return { id, clicks: [{ on: first, via: approveVia, owner: owners.a, verb: 'approve' }, { on: second, via: denyVia, owner: owners.b, verb: 'deny' }] as Click[] };
    });
    const teamsOutcomes = new Map<string, ClickOutcome>();
    const started = performance.now();
    await inParallel(plan, 250, async ({ id, clicks }) => {
      await Promise.all(
        clicks.map(async (click) => {
          if (click.via === 'slack') return clickInSlack(click.on, fleet.slack, click.owner, id, click.verb);
          teamsOutcomes.set(`${id}:${click.owner.id}`, await clickInTeams(click.on, fleet.connector.url, click.owner, id, click.verb));
        }),
      );
    });
    const outcome = (id: string, click: Click) => (click.via === 'teams' ? teamsOutcomes.get(`${id}:${click.owner.id}`) : slackOutcome(fleet.slack, id, click.owner));
    await eventually('every Slack click to be answered at its response_url', () => plan.every(({ id, clicks }) => clicks.every((c) => outcome(id, c))), 120_000);
    await eventually('every decision to be carried through (membership and notifications)', async () => (await fleet.requests()).every((r) => r.notifiedAt !== undefined), 120_000);
    const seconds = (performance.now() - started) / 1000;

    const stored = new Map((await fleet.requests()).map((r) => [r.id as string, r]));
    const winsByInstance = new Map<string, number>();
    for (const { id, clicks } of plan) {
      const seen = clicks.map((click) => ({ click, shown: outcome(id, click)! }));
      // Both clickers see the card as it now stands; exactly one of them made the decision.
      expect(seen.map(({ shown }) => shown.kind), id).toEqual(['card', 'card']);
      const winners = seen.filter(({ shown }) => shown.kind === 'card' && shown.won);
      expect(winners, `${id}: ${seen.map(({ shown }) => shown.text).join(' | ')}`).toHaveLength(1);
      const winner = winners[0]!.click;
      const request = stored.get(id)!;
      expect(request.status).toBe(winner.verb === 'approve' ? 'approved' : 'denied');
      expect(request.decidedBy).toBe(winner.owner.id);
      winsByInstance.set(winner.on.name, (winsByInstance.get(winner.on.name) ?? 0) + 1);
    }
    // The races really interleaved: both instances, and both verdicts, won some.
    expect([...winsByInstance.values()].every((wins) => wins > 0) && winsByInstance.size === 2).toBe(true);
    const approved = [...stored.values()].filter((r) => r.status === 'approved').map((r) => r.requesterId as string);
    expect(approved.length).toBeGreaterThan(0);
    expect(approved.length).toBeLessThan(races);

    // Each approved requester was added once, by one instance, and nobody else was.
    const members = await fleet.members();
    expect(new Set(members).size).toBe(members.length);
    expect([...members].sort()).toEqual([...approved].sort());
    const changes = fleet.instances.flatMap((instance) => instance.logged('membership changed'));
    expect(changes.map((c) => c['userId']).sort()).toEqual([...approved].sort());
    expect(changes.every((c) => c['change'] === 'added' && c['cause'] === 'joinRequest')).toBe(true);

    // Every requester heard the outcome exactly once.
    const told = fleet.slack.of('chat.postMessage').map((call) => call.args['channel']);
    for (let i = 0; i < races; i++) expect(told.filter((channel) => channel === requesterSlackId(i)), requesterSlackId(i)).toHaveLength(1);
    expect(fleet.instances.flatMap((instance) => instance.logs().filter((line) => line.level >= 50))).toEqual([]);
    console.log(`[two instances] ${races} races (${races * 2} clicks) decided in ${seconds.toFixed(1)} s: ${approved.length} approved, ${races - approved.length} denied; wins ${JSON.stringify(Object.fromEntries(winsByInstance))}`);
  }, 300_000);
});
