import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handleCardAction } from '../../bot/handle-card-action.js';
import { handleMessage } from '../../bot/handle-message.js';
import type { RunningGroupGate } from '../../bot/start-groupgate.js';
import type { Turn } from '../../bot/turn.js';
import type { JoinRequest } from '../../domain/join-requests/join-request.js';
import { keys } from '../../domain/join-requests/join-request-records.js';
import type { JoinRequestId } from '../../domain/model/ids.js';
import { replyText } from '../support/reply-text.js';
import { person, sampleGroup } from '../support/sample-tenant.js';
import { startTestGroupGate } from '../support/start-test-groupgate.js';

// The words of issue 18 that read wrong: one owner addressed as "one of them", admins of an
// ownerless group told about "owners", a requester told about "the requester", an unknown policy
// value read as part of the group's name.

let running: RunningGroupGate;
beforeAll(async () => {
  running = await startTestGroupGate({});
});
afterAll(async () => running.stop());

const as = (name: string): Turn => ({ actor: person(name), platform: 'web' });
const say = async (name: string, text: string) => replyText(await handleMessage(running.gate, as(name), text));
const click = async (name: string, action: string, requestId: string) => {
  const result = await handleCardAction(running.gate, as(name), { action, requestId });
  await running.gate.background.idle();
  return replyText([...result.reply, ...(result.card && result.card.kind === 'approval' && result.card.notice ? [{ kind: 'message' as const, lines: [result.card.notice] }] : [])]);
};
const idIn = (text: string) => /Your request is (R-\w+)/.exec(text)![1]!;
const stored = (id: string) => running.gate.store.get<JoinRequest>(keys.request(id as JoinRequestId));

describe('words that fit who reads them', () => {
  it('tells a requester of a group with one owner that they will hear when that owner decides', async () => {
    const answer = await say('Rowan Pike', 'join Licensed Analysts because I analyse sales');
    expect(answer).toMatch(/I've asked the owner of Licensed Analysts \(Dana Lee\)\. I'll let you know as soon as they decide\./);
    expect(await say('Kai Moreno', 'join Atlas Project because research')).toMatch(/I've asked the 2 owners of Atlas Project \(Ines Duarte and Tomas Berg\)\. I'll let you know as soon as one of them decides\./);
  });

  it('speaks of admins, not owners, for a group without owners, and changes nothing', async () => {
    const tomasAsks = idIn(await say('Tomas Berg', 'join Orphaned Wiki because the docs live there'));
    expect(await click('Rowan Pike', 'join-request.approve', tomasAsks)).toMatch(/Orphaned Wiki has no owners, so only Groups or Global Administrators can decide this request\./);
    expect(await stored(tomasAsks)).toMatchObject({ status: 'pending' });

    const alexAsks = idIn(await say('Alex Morgan', 'join Orphaned Wiki because I keep it tidy'));
    expect(await click('Alex Morgan', 'join-request.approve', alexAsks)).toMatch(/You can't decide your own request — another admin will\./);
    expect(await stored(alexAsks)).toMatchObject({ status: 'pending' });
  });

  it('tells a requester who cancelled and clicks Cancel again that they cancelled it', async () => {
    const id = idIn(await say('Ben Ortiz', 'join Atlas Project because design'));
    await click('Ben Ortiz', 'join-request.cancel', id);
    expect(await stored(id)).toMatchObject({ status: 'cancelled' });
    expect(await click('Ben Ortiz', 'join-request.cancel', id)).toMatch(/^You cancelled this request at \d\d:\d\d/);
    // An owner clicking the card afterwards reads it about the requester.
    expect(await click('Ines Duarte', 'join-request.approve', id)).toMatch(/The requester cancelled this request at \d\d:\d\d/);
  });

  it('names the join policies there are when the last word is not one, instead of looking for a group by a longer name', async () => {
    const before = await running.gate.store.get(keys.groupSettings(sampleGroup('Atlas Project').id as never));
    expect(await say('Ines Duarte', 'policy Atlas Project auto')).toMatch(/"auto" isn't a join policy\. Atlas Project can be open, approval or closed: for example policy Atlas Project approval\./);
    expect(await running.gate.store.get(keys.groupSettings(sampleGroup('Atlas Project').id as never))).toEqual(before);
    expect(await say('Ines Duarte', 'policy Atlas Projectt auto')).toMatch(/I couldn't find a group called "Atlas Projectt auto"/);
    expect(await say('Ines Duarte', 'policy Atlas Project')).toMatch(/Atlas Project is approval — an owner approves each request\./);
  });
});

describe('words that say what was meant (issue 18, Words and help)', () => {
  it('keeps a reason whole when it ends in "please", and drops a please between the group and the reason', async () => {
    const id = idIn(await say('Grace Kim', 'join Design Reviews because E5 please'));
    expect(await stored(id)).toMatchObject({ reason: 'E5 please' });
    const polite = idIn(await say('Mere Tane', 'join Design Reviews please because I review designs'));
    expect(await stored(polite)).toMatchObject({ groupId: sampleGroup('Design Reviews').id, reason: 'I review designs' });
    // A please at the end of a command with no reason is still only politeness.
    expect(await say('Grace Kim', 'my requests please')).toMatch(/Your requests/);
  });

  it("shows a new maximum's example under that maximum, not a fixed 8h", async () => {
    expect(await say('Kai Moreno', 'max duration Lunch Club 2h')).toMatch(/may ask for less: join Lunch Club for 1h\./);
    expect(await say('Kai Moreno', 'max duration Lunch Club 90d')).toMatch(/may ask for less: join Lunch Club for 45d\./);
    expect(await say('Kai Moreno', 'max duration Lunch Club 5m')).toMatch(/may ask for less: join Lunch Club for 5m\./);
    await say('Kai Moreno', 'max duration Lunch Club off');
  });
});
