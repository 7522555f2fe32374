import { afterEach, describe, expect, it } from 'vitest';
import { handleCardAction } from '../../bot/handle-card-action.js';
import { handleMessage } from '../../bot/handle-message.js';
import type { RunningGroupGate } from '../../bot/start-groupgate.js';
import type { Turn } from '../../bot/turn.js';
import type { JoinRequest } from '../../domain/join-requests/join-request.js';
import { keys } from '../../domain/join-requests/join-request-records.js';
import { sweepJoinRequests } from '../../domain/join-requests/sweep-join-requests.js';
import { days, hours, ManualClock } from '../support/manual-clock.js';
import { RecordingChannel } from '../support/recording-channel.js';
import { replyText } from '../support/reply-text.js';
import { person, sampleGroup } from '../support/sample-tenant.js';
import { startTestGroupGate } from '../support/start-test-groupgate.js';

let running: RunningGroupGate | undefined;
afterEach(async () => running?.stop());

const as = (name: string): Turn => ({ actor: person(name), platform: 'web' });

/** A platform that fails (throws) while someone in `down` is being sent a card, as a platform having a bad minute does. */
class FlakyChannel extends RecordingChannel {
  readonly down = new Set<string>();
  override async sendToUser(...args: Parameters<RecordingChannel['sendToUser']>) {
    if (this.down.has(args[0])) throw new Error('503 from the platform');
    return super.sendToUser(...args);
  }
}

async function start(channel = new RecordingChannel()) {
  const clock = new ManualClock();
  running = await startTestGroupGate({ REQUEST_REMIND_AFTER: '2d', REQUEST_EXPIRE_AFTER: '7d' }, { clock });
  running.gate.messenger.addChannel(channel);
  const say = async (name: string, text: string) => replyText(await handleMessage(running!.gate, as(name), text));
  const ask = async (name: string, text: string) => /Your request is (R-\w+)/.exec(await say(name, text))![1]!;
  return { gate: running.gate, clock, channel, say, ask };
}

describe('a pending request over time', () => {
  it('reminds the owners once after two days, then expires after seven and tells the requester', async () => {
    const { gate, clock, channel, ask } = await start();
    const id = await ask('Rowan Pike', 'join Atlas Project because research');
    const ines = person('Ines Duarte').id;
    expect(channel.to(ines).map((c) => c.kind === 'approval' && c.heading)).toEqual(['Join request']);

    clock.advance(days(1));
    expect(await sweepJoinRequests(gate.requests)).toMatchObject({ reminded: 0, expired: 0, pending: 1 });
    clock.advance(days(1));
    expect(await sweepJoinRequests(gate.requests)).toMatchObject({ reminded: 1 });
    expect(channel.to(ines).map((c) => c.kind === 'approval' && c.heading)).toEqual(['Join request', 'Still waiting']);
    clock.advance(hours(1));
    expect(await sweepJoinRequests(gate.requests)).toMatchObject({ reminded: 0 });

    clock.advance(days(5));
    expect(await sweepJoinRequests(gate.requests)).toMatchObject({ expired: 1, pending: 0 });
    expect((await gate.store.get<JoinRequest>(keys.request(id as never)))?.status).toBe('expired');
    expect(replyText(channel.to(person('Rowan Pike').id))).toMatch(/Your request to join Atlas Project expired after 7 days without an answer\. You can ask again\./);
    // Every card the owners hold (the first and the reminder, for both owners) now shows it expired.
    expect(channel.updates.map((u) => u.card.kind === 'approval' && u.card.state.status)).toEqual(['expired', 'expired', 'expired', 'expired']);
    expect(await gate.directory.listMembers(sampleGroup('Atlas Project').id as never)).not.toContain(person('Rowan Pike').id);
  });

  it('lets the requester cancel, after which owners can no longer decide it', async () => {
    const { gate, channel, ask, say } = await start();
    const id = await ask('Rowan Pike', 'join Atlas Project');
    expect(await say('Ines Duarte', `cancel ${id}`)).toMatch(/Only the person who asked can cancel a request\./);
    expect(await say('Rowan Pike', `cancel ${id.toLowerCase()}`)).toMatch(new RegExp(`Cancelled ${id} — you won't be added to Atlas Project\\.`));
    await gate.background.idle();
    expect(channel.updates.every((u) => u.card.kind === 'approval' && u.card.state.status === 'cancelled')).toBe(true);
    const click = await handleCardAction(gate, as('Ines Duarte'), { action: 'join-request.approve', requestId: id });
    expect(click.card).toMatchObject({ notice: [expect.stringMatching(/^The requester cancelled this request at/)] });
    expect(await gate.directory.listMembers(sampleGroup('Atlas Project').id as never)).not.toContain(person('Rowan Pike').id);
  });

  it('passes a denial note to the requester', async () => {
    const { gate, channel, ask } = await start();
    const id = await ask('Rowan Pike', 'join Atlas Project');
    await handleCardAction(gate, as('Tomas Berg'), { action: 'join-request.deny', requestId: id, note: 'Please use Atlas Readers instead.' });
    await gate.background.idle();
    expect(replyText(channel.to(person('Rowan Pike').id))).toMatch(/Tomas Berg declined your request to join Atlas Project: Please use Atlas Readers instead\./);
  });

  it('refuses a click from someone who does not own the group, and changes nothing', async () => {
    const { gate, ask } = await start();
    const id = await ask('Rowan Pike', 'join Atlas Project');
    const before = await gate.store.get(keys.request(id as never));
    const click = await handleCardAction(gate, as('Kai Moreno'), { action: 'join-request.approve', requestId: id });
    expect(click.card).toBeUndefined();
    expect(replyText(click.reply)).toMatch(/Only the owners of Atlas Project can decide this request\./);
    expect(await gate.store.get(keys.request(id as never))).toEqual(before);
  });

  it('refuses a click GroupGate never issued', async () => {
    const { gate } = await start();
    const click = await handleCardAction(gate, as('Ines Duarte'), { action: 'join-request.approve-all', requestId: 'R-0000' });
    expect(replyText(click.reply)).toMatch(/That button isn't one of mine/);
  });

  it('shows owners what waits for them, and requesters their requests', async () => {
    const { ask, say } = await start();
    const id = await ask('Rowan Pike', 'join Atlas Project because research');
    expect(await say('Ines Duarte', 'pending')).toMatch(/1 request is waiting for you\.[\s\S]*Rowan Pike asks to join Atlas Project/);
    expect(await say('Rowan Pike', 'my requests')).toMatch(new RegExp(`Atlas Project · ${id} — waiting since`));
    expect(await say('Kai Moreno', 'approvals')).toMatch(/Nothing is waiting for you/);
  });

  it('lets an owner change the join policy, and refuses everyone else', async () => {
    const { say } = await start();
    expect(await say('Rowan Pike', 'policy Atlas Project open')).toMatch(/Only the owners of Atlas Project or an admin can change its policy/);
    expect(await say('Ines Duarte', 'policy Atlas Project open')).toMatch(/Atlas Project is now open/);
    expect(await say('Rowan Pike', 'join Atlas Project')).toMatch(/Done — you're now a member of Atlas Project/);
    expect(await say('Jordan Blake', 'policy atlas-project closed')).toMatch(/Atlas Project is now closed/);
    expect(await say('Rowan Pike', 'policy Atlas Project')).toMatch(/Atlas Project is closed — owners add members themselves/);
  });
});

describe('a request stored but its approvers never told', () => {
  it('is sent to the approvers by the sweep, once; an ask that went through leaves the sweep nothing to send', async () => {
    const { gate, channel, ask, clock } = await start();
    const ines = person('Ines Duarte').id;
    const told = await ask('Kai Moreno', 'join Atlas Project');
    const id = await ask('Rowan Pike', 'join Atlas Project');
    expect((await sweepJoinRequests(gate.requests, 0)).toldApprovers).toBe(0);
    // What a crash between storing the request and sending the cards leaves behind:
    await gate.store.update<JoinRequest, void>(keys.request(id as never), (r) => ({ next: { ...r!, approversToBeTold: true }, result: undefined }));
    const before = channel.to(ines).length;

    expect((await sweepJoinRequests(gate.requests)).toldApprovers).toBe(0); // still fresh: the asking instance may be sending
    clock.advance(60_000);
    expect((await sweepJoinRequests(gate.requests)).toldApprovers).toBe(1);
    const sent = channel.to(ines).slice(before);
    expect(sent.map((c) => c.kind === 'approval' && [c.heading, c.state.status])).toEqual([['Join request', 'pending']]);
    expect(JSON.stringify(sent)).toContain(id);
    expect(JSON.stringify(sent)).not.toContain(told);
    expect((await sweepJoinRequests(gate.requests)).toldApprovers).toBe(0);
    expect(channel.to(ines)).toHaveLength(before + 1);
  });
});

describe('a platform failing to deliver an approval card', () => {
  const ines = person('Ines Duarte').id;
  const tomas = person('Tomas Berg').id;

  it('tells the requester in words, and the sweep sends that owner the card once the platform is back', async () => {
    const flaky = new FlakyChannel();
    const { gate, clock, say } = await start(flaky);
    flaky.down.add(ines);

    const reply = await say('Rowan Pike', 'join Atlas Project because research');
    expect(reply).toMatch(/I couldn't reach Ines Duarte just now; I'll try again in a minute or two\./);
    expect(reply).not.toMatch(/installed/);
    expect(flaky.to(tomas)).toHaveLength(1);
    expect(flaky.to(ines)).toHaveLength(0);

    clock.advance(60_000);
    expect((await sweepJoinRequests(gate.requests)).toldApprovers).toBe(1); // still down: tried, and kept for later
    expect(flaky.to(ines)).toHaveLength(0);
    flaky.down.clear();
    clock.advance(60_000);
    expect((await sweepJoinRequests(gate.requests)).toldApprovers).toBe(1);
    expect(flaky.to(ines).map((c) => c.kind === 'approval' && c.heading)).toEqual(['Join request']);
    expect(flaky.to(tomas)).toHaveLength(1);
    expect((await sweepJoinRequests(gate.requests)).toldApprovers).toBe(0);
  });

  it('says nobody has seen the request yet when no owner could be reached', async () => {
    const flaky = new FlakyChannel();
    const { say } = await start(flaky);
    flaky.down.add(ines).add(tomas);
    expect(await say('Rowan Pike', 'join Atlas Project')).toMatch(/I couldn't reach Ines Duarte and Tomas Berg just now, so nobody has seen your request yet; I'll try again in a minute or two\./);
  });
});

describe('a closed request after REQUEST_RETENTION (90 days)', () => {
  it('is forgotten by the sweep, while a waiting one is kept; its history stays in the audit log', async () => {
    const { gate, clock, ask, say } = await start();
    const id = await ask('Rowan Pike', 'join Atlas Project');
    await handleCardAction(gate, as('Ines Duarte'), { action: 'join-request.approve', requestId: id });
    await gate.background.idle();

    clock.advance(days(89));
    const waiting = await ask('Kai Moreno', 'join Atlas Project');
    expect((await sweepJoinRequests(gate.requests)).forgotten).toBe(0);
    expect(await say('Rowan Pike', 'my requests')).toContain(id);

    clock.advance(days(1));
    expect((await sweepJoinRequests(gate.requests)).forgotten).toBe(1);
    expect(await gate.store.get(keys.request(id as never))).toBeUndefined();
    expect(await gate.store.get(keys.request(waiting as never))).toMatchObject({ status: 'pending' });
    expect(await say('Rowan Pike', 'my requests')).not.toContain(id);
    expect(await say('Jordan Blake', 'audit Rowan Pike')).toMatch(/Ines Duarte approved/);
    expect((await sweepJoinRequests(gate.requests)).forgotten).toBe(0);
  });
});

describe('a decision stored but not applied', () => {
  it('is finished on the next start: the member is added once and the requester told', async () => {
    const { gate, ask } = await start();
    const id = await ask('Rowan Pike', 'join Atlas Project');
    // What a crash between storing the decision and applying it leaves behind:
    await gate.store.update<JoinRequest, void>(keys.request(id as never), (r) => ({
      next: { ...r!, status: 'approved', decidedBy: person('Ines Duarte').id, decidedAt: gate.clock.now().toISOString() },
      result: undefined,
    }));
    const atlas = sampleGroup('Atlas Project').id as never;
    expect(await gate.directory.listMembers(atlas)).not.toContain(person('Rowan Pike').id);

    const report = await sweepJoinRequests(gate.requests, 0);
    expect(report.finished).toBe(1);
    const members = await gate.directory.listMembers(atlas);
    expect(members.filter((m) => m === person('Rowan Pike').id)).toHaveLength(1);
    const stored = await gate.store.get<JoinRequest>(keys.request(id as never));
    expect(stored?.appliedAt).toBeDefined();
    expect(stored?.notifiedAt).toBeDefined();
    expect((await sweepJoinRequests(gate.requests, 0)).finished).toBe(0);
  });

  // What a crash, or the store going away, leaves behind after the member was added:
  it.each([
    ['before `appliedAt` was recorded (the write then reads `unchanged`)', {}],
    ['after `appliedAt`, before the announcement (a crash, or a lost store reply)', { appliedAt: 'now', announcementOwed: true }],
  ] as const)('is announced once when the member was added %s', async (_, left) => {
    const { gate, ask } = await start();
    const id = await ask('Rowan Pike', 'join Atlas Project');
    const atlas = sampleGroup('Atlas Project').id as never;
    const rowan = person('Rowan Pike').id;
    const heard: unknown[] = [];
    gate.membershipListeners.push(async (change) => void heard.push(change));
    const now = gate.clock.now().toISOString();
    await gate.directory.addMember(atlas, rowan as never);
    await gate.store.update<JoinRequest, void>(keys.request(id as never), (r) => ({
      next: { ...r!, status: 'approved', decidedBy: person('Ines Duarte').id, decidedAt: now, ...left, ...('appliedAt' in left ? { appliedAt: now } : {}) },
      result: undefined,
    }));

    expect((await sweepJoinRequests(gate.requests, 0)).finished).toBe(1);
    expect((await sweepJoinRequests(gate.requests, 0)).finished).toBe(0);
    // Licensing, the audit log and the logs hear of the new member once.
    expect(heard).toEqual([{ groupId: atlas, userId: rowan, change: 'added', cause: 'joinRequest' }]);
    expect((await gate.directory.listMembers(atlas)).filter((m) => m === rowan)).toHaveLength(1);
    expect(await gate.store.get<JoinRequest>(keys.request(id as never))).not.toHaveProperty('announcementOwed');
  });

  it('is left to the instance that is finishing it while it is fresh', async () => {
    const { gate, ask, clock } = await start();
    const id = await ask('Rowan Pike', 'join Atlas Project');
    await gate.store.update<JoinRequest, void>(keys.request(id as never), (r) => ({
      next: { ...r!, status: 'denied', decidedBy: person('Ines Duarte').id, decidedAt: gate.clock.now().toISOString() },
      result: undefined,
    }));
    expect((await sweepJoinRequests(gate.requests)).finished).toBe(0);
    clock.advance(60_000);
    expect((await sweepJoinRequests(gate.requests)).finished).toBe(1);
  });
});
