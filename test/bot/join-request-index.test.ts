import { afterEach, describe, expect, it } from 'vitest';
import { handleMessage } from '../../bot/handle-message.js';
import type { RunningGroupGate } from '../../bot/start-groupgate.js';
import type { Turn } from '../../bot/turn.js';
import { requestIndexKeys } from '../../domain/join-requests/join-request-index.js';
import type { JoinRequest } from '../../domain/join-requests/join-request.js';
import { keys } from '../../domain/join-requests/join-request-records.js';
import { sweepJoinRequests } from '../../domain/join-requests/sweep-join-requests.js';
import { groupId, joinRequestId, userId } from '../../domain/model/ids.js';
import type { Store } from '../../domain/ports/store.js';
import { ManualClock } from '../support/manual-clock.js';
import { replyText } from '../support/reply-text.js';
import { person, sampleGroup } from '../support/sample-tenant.js';
import { startTestGroupGate } from '../support/start-test-groupgate.js';
import { tempSqliteUrl } from '../support/temp-store-url.js';

const running: RunningGroupGate[] = [];
afterEach(async () => {
  for (const r of running.splice(0)) await r.stop();
});

const as = (name: string): Turn => ({ actor: person(name), platform: 'web' });

/** Counts listings of every join request kept. */
function countRequestListings(store: Store) {
  const counts = { listings: 0 };
  const list = store.list.bind(store);
  store.list = (prefix) => {
    if (prefix === keys.requests) counts.listings++;
    return list(prefix);
  };
  return counts;
}

/** Requests other people made long ago, closed: what 90 days of a big tenant leave in the store. */
async function closedRequests(store: Store, count: number): Promise<void> {
  const createdAt = new Date(Date.now() - 3_600_000).toISOString();
  for (let i = 0; i < count; i++) {
    const request: JoinRequest = { id: joinRequestId(`R-OLD${i}`), groupId: groupId(sampleGroup('Atlas Project').id), requesterId: userId(`someone-${i}`), createdAt, status: 'denied', decidedAt: createdAt, notifiedAt: createdAt };
    await store.put(keys.request(request.id), request);
  }
}

describe('join requests by index', () => {
  it('join, my requests, pending and the sweep read the requests they are about, never every request kept', async () => {
    const started = await startTestGroupGate({}, { clock: new ManualClock() });
    running.push(started);
    const { gate } = started;
    const say = async (name: string, text: string) => replyText(await handleMessage(gate, as(name), text));
    await sweepJoinRequests(gate.requests);
    const counts = countRequestListings(gate.store);

    expect(await say('Rowan Pike', 'join Atlas Project because research')).toMatch(/Your request is R-\w+/);
    expect(await say('Rowan Pike', 'my requests')).toMatch(/Atlas Project/);
    expect(await say('Ines Duarte', 'pending')).toMatch(/Rowan Pike/);
    expect((await sweepJoinRequests(gate.requests)).pending).toBe(1);

    expect(counts.listings).toBe(0);
  });

  it('indexes the requests a store written by an earlier version holds, once, on first use', async () => {
    const storeUrl = tempSqliteUrl();
    const first = await startTestGroupGate({ STORE_URL: storeUrl }, { clock: new ManualClock() });
    const say = async (gateOf: RunningGroupGate, name: string, text: string) => replyText(await handleMessage(gateOf.gate, as(name), text));
    await say(first, 'Rowan Pike', 'join Atlas Project because research');
    // What an earlier version left: the requests without their index (written straight, index and mark gone).
    await closedRequests(first.gate.store, 3);
    await first.gate.store.write([{ deleteSet: requestIndexKeys.byRequester(userId(person('Rowan Pike').id)) }, { deleteSet: requestIndexKeys.open }]);
    await first.gate.store.delete(requestIndexKeys.built);
    await first.stop();

    const again = await startTestGroupGate({ STORE_URL: storeUrl }, { clock: new ManualClock() });
    running.push(again);
    expect(await say(again, 'Rowan Pike', 'my requests')).toMatch(/Atlas Project · R-\w+ — waiting/);
    expect(await say(again, 'Rowan Pike', 'join Atlas Project')).toMatch(/already (asked|waiting)|already have a request/i);
    expect(await say(again, 'Ines Duarte', 'pending')).toMatch(/Rowan Pike/);
    expect(await again.gate.store.setMembers(requestIndexKeys.open)).toHaveLength(1);
  });

  it('picks up within a day a request an earlier version made during a rolling update, after the index was built', async () => {
    const clock = new ManualClock();
    const started = await startTestGroupGate({}, { clock });
    running.push(started);
    const { gate } = started;
    const say = async (name: string, text: string) => replyText(await handleMessage(gate, as(name), text));
    await sweepJoinRequests(gate.requests);
    // The earlier version stores the request alone, as it always did.
    const request: JoinRequest = { id: joinRequestId('R-OLDV'), groupId: groupId(sampleGroup('Atlas Project').id), requesterId: userId(person('Rowan Pike').id), createdAt: clock.now().toISOString(), status: 'pending', reason: 'research' };
    await gate.store.put(keys.request(request.id), request);
    expect(await say('Ines Duarte', 'pending')).not.toMatch(/Rowan Pike/);

    clock.advance(86_400_000);
    await sweepJoinRequests(gate.requests);
    expect(await say('Ines Duarte', 'pending')).toMatch(/Rowan Pike/);
    expect(await say('Rowan Pike', 'my requests')).toMatch(/R-OLDV/);
  });
});
