import { afterEach, describe, expect, it } from 'vitest';
import { handleCardAction } from '../../bot/handle-card-action.js';
import { handleMessage } from '../../bot/handle-message.js';
import type { RunningGroupGate } from '../../bot/start-groupgate.js';
import type { Turn } from '../../bot/turn.js';
import { recordApprovalCards } from '../../domain/join-requests/approval-cards.js';
import type { JoinRequest } from '../../domain/join-requests/join-request.js';
import { keys } from '../../domain/join-requests/join-request-records.js';
import { sweepJoinRequests } from '../../domain/join-requests/sweep-join-requests.js';
import type { JoinRequestId } from '../../domain/model/ids.js';
import { days, ManualClock } from '../support/manual-clock.js';
import { RecordingChannel } from '../support/recording-channel.js';
import { replyText } from '../support/reply-text.js';
import { person, sampleGroup } from '../support/sample-tenant.js';
import { startTestGroupGate } from '../support/start-test-groupgate.js';

// What a request keeps beside it: the guard that lets a person have one open request per group, and
// where its approval cards are, so that a decision edits every copy without reading anything else.

let running: RunningGroupGate | undefined;
afterEach(async () => running?.stop());

const as = (name: string): Turn => ({ actor: person(name), platform: 'web' });
const atlas = sampleGroup('Atlas Project').id;
const rowan = person('Rowan Pike').id;
const ines = person('Ines Duarte').id;

async function start() {
  const clock = new ManualClock();
  running = await startTestGroupGate({}, { clock });
  const channel = new RecordingChannel();
  running.gate.messenger.addChannel(channel);
  const gate = running.gate;
  const say = async (name: string, text: string) => replyText(await handleMessage(gate, as(name), text));
  const ask = async (name: string) => /Your request is (R-\w+)/.exec(await say(name, 'join Atlas Project because research'))?.[1] as JoinRequestId | undefined;
  const click = async (name: string, verb: 'approve' | 'deny', requestId: string) => {
    await handleCardAction(gate, as(name), { action: `join-request.${verb}`, requestId });
    await gate.background.idle();
  };
  const request = (id: string) => gate.store.get<JoinRequest>(keys.request(id as JoinRequestId));
  return { gate, clock, channel, say, ask, click, request };
}

describe('one open request per person and group', () => {
  it('refuses a second ask while the first waits, and takes a new ask once the first is denied or cancelled', async () => {
    const { say, ask, click, request } = await start();
    const first = await ask('Rowan Pike');
    expect(first).toBeDefined();
    expect(await say('Rowan Pike', 'join Atlas Project because still research')).toMatch(new RegExp(`already .*${first}|${first}.*already`, 'i'));

    await click('Ines Duarte', 'deny', first!);
    const second = await ask('Rowan Pike');
    expect(second).toBeDefined();
    expect(second).not.toBe(first);
    expect(await request(second!)).toMatchObject({ status: 'pending' });
    expect(await request(first!)).toMatchObject({ status: 'denied' });

    await say('Rowan Pike', `cancel ${second}`);
    const third = await ask('Rowan Pike');
    expect(third).toBeDefined();
    expect(await request(third!)).toMatchObject({ status: 'pending' });
  });

  it('keeps the guard of a kept request, and the daily forgetting pass removes those of forgotten requests and the ones an earlier version left', async () => {
    const { gate, clock, ask, click } = await start();
    const decided = await ask('Rowan Pike');
    await click('Ines Duarte', 'approve', decided!);
    expect(await gate.store.get(keys.openRequest(atlas, rowan))).toBe(decided);
    // Guards as an earlier version kept them: one of a request that is settled, one of a request still waiting.
    const waiting = await ask('Kai Moreno');
    await gate.store.put(`join-request-open:${atlas}:${rowan}`, decided);
    await gate.store.put(`join-request-open:${atlas}:${person('Kai Moreno').id}`, waiting);

    clock.advance(days(91));
    expect((await sweepJoinRequests(gate.requests)).forgotten).toBe(1);
    expect(await gate.store.get(keys.openRequest(atlas, rowan))).toBeUndefined();
    expect(await gate.store.get(`join-request-open:${atlas}:${rowan}`)).toBeUndefined();
    expect(await gate.store.get(keys.openRequest(atlas, person('Kai Moreno').id))).toBe(waiting);
    expect(await gate.store.get(`join-request-open:${atlas}:${person('Kai Moreno').id}`)).toBe(waiting);
  });
});

describe('where the approval cards are', () => {
  it('records every card with the request, reminders too, and edits each one at the decision', async () => {
    const { gate, clock, channel, ask, click, request } = await start();
    const id = await ask('Rowan Pike');
    expect((await request(id!))?.approvalCards?.map((card) => card.userId).sort()).toEqual([ines, person('Tomas Berg').id].sort());
    clock.advance(days(2));
    expect((await sweepJoinRequests(gate.requests)).reminded).toBe(1);
    expect((await request(id!))?.approvalCards).toHaveLength(4);

    await click('Ines Duarte', 'approve', id!);
    expect(channel.updates.map((u) => u.location.messageId).sort()).toEqual(channel.sent.filter((s) => s.card.kind === 'approval').map((s) => s.location.messageId).sort());
    expect(channel.updates.map((u) => u.card.kind === 'approval' && u.card.state)).toEqual(Array(4).fill(expect.objectContaining({ status: 'approved', by: 'Ines Duarte' })));
  });

  it('edits the cards of a request an earlier version stored, whose cards it kept under a key of their own', async () => {
    const { gate, channel, ask, click, request } = await start();
    const id = await ask('Rowan Pike');
    // As an earlier version left it: no list on the request, the cards under card-locations:<id>.
    const { approvalCards, ...asStoredBefore } = (await request(id!))!;
    await gate.store.put(keys.request(id!), asStoredBefore);
    await gate.store.put(`card-locations:${id}`, approvalCards);
    expect(approvalCards).toHaveLength(2);

    await click('Ines Duarte', 'approve', id!);
    expect(channel.updates.map((u) => u.location.messageId).sort()).toEqual(approvalCards!.map((c) => c.location['messageId']).sort());
  });

  it('brings a card up to date that went out while the request was being decided', async () => {
    const { gate, channel, ask, click, request } = await start();
    const id = await ask('Rowan Pike');
    const asSeenBefore = (await request(id!))!;
    await click('Ines Duarte', 'deny', id!);
    const editedAtTheDecision = channel.updates.length;

    // A card sent from the snapshot read before the decision (say, to an owner who just opened the chat) lands after it.
    const late = { userId: person('Tomas Berg').id, location: { platform: 'web' as const, messageId: 'm-late' } };
    const stored = await recordApprovalCards(gate.requests, asSeenBefore, [late]);
    expect(stored.status).toBe('denied');
    expect(stored.approvalCards).toContainEqual(late);
    const edits = channel.updates.slice(editedAtTheDecision);
    expect(edits.map((u) => [u.location.messageId, u.card.kind === 'approval' && u.card.state.status])).toEqual([['m-late', 'denied']]);
  });
});
