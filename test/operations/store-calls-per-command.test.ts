import { afterEach, describe, expect, it } from 'vitest';
import { WebChatDriver } from '../../bench/tenant-scale/web-chat-driver.js';
import type { RunningGroupGate } from '../../bot/start-groupgate.js';
import { GraphStandIn } from '../adapters/directory/graph/graph-stand-in.js';
import { StandInTenant } from '../adapters/directory/graph/stand-in-tenant.js';
import { explainStoreSkips, storeBackends } from '../adapters/store/store-backends.js';
import { person } from '../support/sample-tenant.js';
import { startTestGroupGate } from '../support/start-test-groupgate.js';

// Store calls per command on the Graph-backed bot, counted as the benchmark counts them
// (bench/tenant-scale, docs/tenant-scale.md): the `groupgate_store_operations_total` counter of the
// metered store around the real store, from the command until the work it started (telling the
// requester, updating the owners' cards) is done. A count does not depend on the machine or the
// tenant's size, so these bounds are exact gates, not timings.
//
// Issue 16 asks for at most 8 per Approve or Deny click and 10 per other command. `pending` and
// `groups <words>` meet that; the clicks and `join` are bounded at what they cost now (down from
// 36.5, 22.5 and 35.5), so nothing creeps back while the rest of the way is made: see
// docs/tenant-scale.md for what they still spend their calls on.
const bounds = { join: 19, approve: 15, deny: 13, pending: 10, groups: 10 };

explainStoreSkips('store calls per command');

let stand: GraphStandIn | undefined;
let running: RunningGroupGate | undefined;
let chat: WebChatDriver | undefined;
afterEach(async () => {
  chat?.close();
  await running?.stop();
  await stand?.stop();
});

/** Store calls so far, by operation. */
async function storeCalls(gate: RunningGroupGate): Promise<Record<string, number>> {
  const counted = await gate.metrics.storeOperations.get();
  return Object.fromEntries(counted.values.map(({ labels, value }) => [String(labels.operation), value]));
}

/** The store calls `work` makes, until what it started in the background is done too. */
async function callsOf(work: () => Promise<unknown>): Promise<{ total: number; byOperation: Record<string, number> }> {
  const settle = async () => {
    await running!.gate.background.idle();
    await new Promise((resolve) => setTimeout(resolve, 50));
    await running!.gate.background.idle();
  };
  await settle();
  const before = await storeCalls(running!);
  await work();
  await settle();
  const after = await storeCalls(running!);
  const byOperation: Record<string, number> = Object.fromEntries(Object.entries(after).map(([op, n]) => [op, n - (before[op] ?? 0)] as const).filter(([, n]) => n !== 0));
  return { total: Object.values(byOperation).reduce((sum, n) => sum + n, 0), byOperation };
}

const id = (name: string) => person(name).id;
const requestIdIn = (text: string) => /Your request is (R-\w+)/.exec(text)?.[1];

// A running GroupGate takes sqlite:// and redis:// only (docs/multi-instance.md): Redis Cluster is the store's, tested in test/adapters/store/.
const botStores = storeBackends('store-calls').filter(([name]) => name !== 'Redis Cluster');

describe.each(botStores)('store calls per command on the %s store', (_, makeUrl) => {
  it('join, pending, groups <words>, an Approve and a Deny click each stay within their bound', async () => {
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
    for (const [command, { total, byOperation }] of Object.entries(counts)) {
      expect(total, `${command}: ${JSON.stringify(byOperation)}`).toBeLessThanOrEqual(bounds[command as keyof typeof bounds]);
    }
  });
});
