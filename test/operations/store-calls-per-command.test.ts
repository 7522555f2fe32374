import { afterEach, describe, expect, it } from 'vitest';
import { WebChatDriver } from '../../bench/tenant-scale/web-chat-driver.js';
import type { RunningGroupGate } from '../../bot/start-groupgate.js';
import { GraphStandIn } from '../adapters/directory/graph/graph-stand-in.js';
import { StandInTenant } from '../adapters/directory/graph/stand-in-tenant.js';
import { explainStoreSkips, storeBackends } from '../adapters/store/store-backends.js';
import { person } from '../support/sample-tenant.js';
import { startTestGroupGate } from '../support/start-test-groupgate.js';
import { blockActions, postForm, slashCommand, viewSubmission } from '../adapters/slack/signed-slack-request.js';
import { jsonArg, SlackStandIn, visibleText, type WebApiCall } from '../adapters/slack/slack-stand-in.js';
import { startSlackGroupGate } from '../adapters/slack/slack-test-gate.js';

// Store calls per command on the Graph-backed bot, counted as the benchmark counts them
// (bench/tenant-scale, docs/tenant-scale.md): the `groupgate_store_operations_total` counter of the
// metered store around the real store, from the command until the work it started (telling the
// requester, updating the owners' cards) is done. A count does not depend on the machine or the
// tenant's size, so these bounds are exact gates, not timings.
//
// Issue 16 asks for at most 8 round trips per Approve or Deny click and 10 store calls per other
// command. Round trips are counted where they cost a network wait, on Redis: calls sent together in
// one turn of the event loop travel together (adapters/store/count-round-trips.ts), and an atomic
// update costs one round trip, not two, when this instance saw the key last (last-seen-values.ts).
// Every click meets 8 on Redis, in the web chat and on Slack. In the web chat the store is the
// chat too: a click's edited cards and its message to the requester are store writes, which on
// Slack are Web API calls. A join by someone new (their first rate-limit buckets and first web chat
// message are read before they are swapped) is above the goal. Cards shown in answer are recorded
// where they landed so the close edits them (issue 18): the requester's receipt (one update of the
// request at a join), the copies `pending` showed (one atomic update of all their requests, however many cards), and their
// edits at the decision (web chat writes, sent with the other edits). Each bound is what it costs
// now, so nothing creeps back: see docs/tenant-scale.md.
const bounds = { join: 18, approve: 14, deny: 12, pending: 8, groups: 7 };
const redisRoundTrips = { join: 15, approve: 8, deny: 5, pending: 9, groups: 7 };
const slackBounds = { join: 13, approve: 8, deny: 6 };
const slackRedisRoundTrips = { join: 10, approve: 7, deny: 5 };

explainStoreSkips('store calls per command');

let stand: GraphStandIn | undefined;
let running: RunningGroupGate | undefined;
let chat: WebChatDriver | undefined;
let slack: SlackStandIn | undefined;
afterEach(async () => {
  chat?.close();
  await running?.stop();
  await stand?.stop();
  await slack?.stop();
  chat = running = stand = slack = undefined;
});

/** Store calls so far, by operation. */
async function storeCalls(gate: RunningGroupGate): Promise<Record<string, number>> {
  const counted = await gate.metrics.storeOperations.get();
  return Object.fromEntries(counted.values.map(({ labels, value }) => [String(labels.operation), value]));
}

/** Round trips to the store so far (calls sent together count once). */
async function roundTrips(gate: RunningGroupGate): Promise<number> {
  return (await gate.metrics.storeRoundTrips.get()).values[0]?.value ?? 0;
}

/** The store calls `work` makes, until what it started in the background is done too. */
async function callsOf(work: () => Promise<unknown>): Promise<{ total: number; roundTrips: number; byOperation: Record<string, number> }> {
  const settle = async () => {
    await running!.gate.background.idle();
    await new Promise((resolve) => setTimeout(resolve, 50));
    await running!.gate.background.idle();
  };
  await settle();
  const before = await storeCalls(running!);
  const tripsBefore = await roundTrips(running!);
  await work();
  await settle();
  const after = await storeCalls(running!);
  const trips = (await roundTrips(running!)) - tripsBefore;
  const byOperation: Record<string, number> = Object.fromEntries(Object.entries(after).map(([op, n]) => [op, n - (before[op] ?? 0)] as const).filter(([, n]) => n !== 0));
  return { total: Object.values(byOperation).reduce((sum, n) => sum + n, 0), roundTrips: trips, byOperation };
}

const id = (name: string) => person(name).id;
const requestIdIn = (text: string) => /Your request is (R-\w+)/.exec(text)?.[1];

// A running GroupGate takes sqlite:// and redis:// only (docs/multi-instance.md): Redis Cluster is the store's, tested in test/adapters/store/.
const botStores = storeBackends('store-calls').filter(([name]) => name !== 'Redis Cluster');

describe.each(botStores)('store calls per command on the %s store', (storeName, makeUrl) => {
  it('join, pending, groups <words>, an Approve and a Deny click each stay within their bound (on Redis, clicks within 8 round trips)', async () => {
    stand = await new GraphStandIn(StandInTenant.sample()).start();
    running = await startTestGroupGate({
      ...stand.env(), STORE_URL: makeUrl(), WEB_CHAT: 'on', TEAMS: 'off',
      // One driver plays every person, as in the benchmark.
      RATE_LIMIT_COMMANDS_PER_MINUTE: '100000', RATE_LIMIT_JOIN_REQUESTS_PER_HOUR: '100000', MAX_PENDING_REQUESTS: '1000',
    });
    chat = new WebChatDriver(running.url);
    const owner = id('Ines Duarte');
    await chat.open(owner);
    const ask = async (name: string) => {
      const answer = await chat!.say(id(name), 'join Atlas Project because of the store-call count');
      expect(answer.text).toMatch(/I've asked the 2 owners of Atlas Project/);
      return requestIdIn(answer.text)!;
    };
    // The first ask also brings the copy of the group's owners up to date (once a minute at most).
    const requests = [await ask('Rowan Pike')];
    const join = await callsOf(async () => requests.push(await ask('Dana Lee')));
    requests.push(await ask('Ada Ito'));

    const pending = await callsOf(async () => expect((await chat!.say(owner, 'pending')).text).toMatch(/3 requests are waiting for you/));
    const groups = await callsOf(async () => expect((await chat!.say(id('Rowan Pike'), 'groups atlas project')).text).toMatch(/Groups matching "atlas project"Atlas Project/));
    const click = async (requestId: string, verb: 'join-request.approve' | 'join-request.deny', outcome: RegExp) => {
      const card = await chat!.cardFor(owner, requestId);
      return callsOf(async () => expect((await chat!.click(owner, card, verb, { requestId })).text).toMatch(outcome));
    };
    const approve = await click(requests[0]!, 'join-request.approve', /approved/i);
    const deny = await click(requests[1]!, 'join-request.deny', /denied|declined/i);

    const counts = { join, approve, deny, pending, groups };
    for (const [command, { total, roundTrips, byOperation }] of Object.entries(counts)) {
      if (process.env.PRINT_STORE_CALLS) console.log(command, total, 'round trips', roundTrips, JSON.stringify(byOperation));
      expect(total, `${command}: ${JSON.stringify(byOperation)}`).toBeLessThanOrEqual(bounds[command as keyof typeof bounds]);
      if (storeName === 'Redis') expect(roundTrips, `${command} round trips`).toBeLessThanOrEqual(redisRoundTrips[command as keyof typeof redisRoundTrips]);
    }
  });
});

describe.each(botStores)('store calls per click through Slack on the %s store', (storeName, makeUrl) => {
  it('a join stays within 13 store calls, an Approve click within 8, a Deny with its note within 6; a first contact lists nothing', async () => {
    stand = await new GraphStandIn(StandInTenant.sample()).start();
    slack = await new SlackStandIn().start();
    const slackIds = { 'Rowan Pike': 'U0ROWAN', 'Dana Lee': 'U0DANA', 'Ada Ito': 'U0ADA', 'Ines Duarte': 'U0INES' } as const;
    for (const [name, slackId] of Object.entries(slackIds)) slack.emails.set(slackId, person(name).mail!);
    running = await startSlackGroupGate(slack, { ...stand.env(), STORE_URL: makeUrl(), TEAMS: 'off', WEB_CHAT: 'off' });
    const settle = async () => {
      await new Promise((resolve) => setImmediate(resolve));
      await running!.gate.background.idle();
      await new Promise((resolve) => setTimeout(resolve, 50));
      await running!.gate.background.idle();
    };
    const cardsToInes = () => slack!.of('chat.postMessage').filter((c) => c.args['channel'] === 'U0INES');
    const button = (call: WebApiCall, verb: string) =>
      jsonArg<Array<{ type: string; elements?: Array<{ action_id: string; value: string }> }>>(call, 'blocks')
        .flatMap((b) => (b.type === 'actions' ? (b.elements ?? []) : []))
        .find((e) => e.action_id.startsWith(`${verb}:`))!;
    const ask = async (name: keyof typeof slackIds) => {
      await postForm(running!.url, slashCommand(slackIds[name], 'join Atlas Project because of the store-call count', slack!.responseUrl(name)));
      await settle();
    };
    await ask('Rowan Pike');
    // Dana's first contact finds her in the directory by her Slack profile's address, through the name
    // index, never by listing every user. Then her join is measured as it usually is.
    const firstContact = await callsOf(async () => {
      await postForm(running!.url, slashCommand(slackIds['Dana Lee'], 'my requests', slack!.responseUrl('first contact')));
      await settle();
    });
    expect(firstContact.byOperation, 'a first contact lists no collection').not.toHaveProperty('list');
    const join = await callsOf(() => ask('Dana Lee'));
    await ask('Ada Ito');
    const [rowans, danas, adas] = cardsToInes();
    expect([rowans, danas, adas].map((card) => visibleText(jsonArg(card, 'blocks')))).toEqual([
      expect.stringContaining('Rowan Pike'), expect.stringContaining('Dana Lee'), expect.stringContaining('Ada Ito'),
    ]);
    const click = (card: WebApiCall, verb: string, key: string) =>
      postForm(running!.url, blockActions('U0INES', button(card, verb), { ...(card.answer as { channel: string; ts: string }), responseUrl: slack!.responseUrl(key) }));
    // The first click also looks Ines up in Slack and brings the copy of the group's owners up to date.
    await click(rowans!, 'join-request.approve', 'first');
    await settle();

    const approve = await callsOf(async () => {
      await click(danas!, 'join-request.approve', 'approve');
      await settle();
    });
    expect(visibleText(slack.respondedTo('approve')[0])).toMatch(/Approved by Ines Duarte/);
    const deny = await callsOf(async () => {
      await click(adas!, 'join-request.deny', 'deny');
      await settle();
      const modal = jsonArg<{ callback_id: string; private_metadata: string }>(slack!.of('views.open').at(-1), 'view');
      await postForm(running!.url, viewSubmission('U0INES', modal, 'Atlas Readers is the one you want'));
      await settle();
    });
    expect(visibleText(slack.respondedTo('deny')[0])).toMatch(/Denied by Ines Duarte/);
    expect(slack.of('chat.postMessage').filter((c) => c.args['channel'] === 'U0ADA').map((c) => String(c.args['text']))).toEqual([expect.stringMatching(/Atlas Readers is the one you want/)]);

    if (process.env.PRINT_STORE_CALLS) console.log(`Slack join ${join.total} (${join.roundTrips} round trips) ${JSON.stringify(join.byOperation)}, approve ${approve.total} (${approve.roundTrips} round trips) ${JSON.stringify(approve.byOperation)}, deny ${deny.total} (${deny.roundTrips} round trips) ${JSON.stringify(deny.byOperation)}`);
    for (const [click, { total, roundTrips, byOperation }] of Object.entries({ join, approve, deny })) {
      expect(total, `${click}: ${JSON.stringify(byOperation)}`).toBeLessThanOrEqual(slackBounds[click as keyof typeof slackBounds]);
      if (storeName === 'Redis') expect(roundTrips, `${click} round trips`).toBeLessThanOrEqual(slackRedisRoundTrips[click as keyof typeof slackRedisRoundTrips]);
    }
  });
});
