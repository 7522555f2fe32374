import { afterEach, describe, expect, it } from 'vitest';
import { handleCardAction } from '../../bot/handle-card-action.js';
import { handleMessage } from '../../bot/handle-message.js';
import type { RunningGroupGate } from '../../bot/start-groupgate.js';
import type { Turn } from '../../bot/turn.js';
import type { JoinRequest } from '../../domain/join-requests/join-request.js';
import { keys } from '../../domain/join-requests/join-request-records.js';
import { sweepJoinRequests } from '../../domain/join-requests/sweep-join-requests.js';
import { days, ManualClock } from '../support/manual-clock.js';
import { RecordingChannel } from '../support/recording-channel.js';
import { replyText } from '../support/reply-text.js';
import { person } from '../support/sample-tenant.js';
import { startTestGroupGate } from '../support/start-test-groupgate.js';

// Issue 19, escalation: a stage unanswered for N days (per group, off by default) also goes to
// alternates, who may then decide; the requester is told. The real GroupGate, on a manual clock.
let running: RunningGroupGate | undefined;
afterEach(async () => running?.stop());
const as = (name: string): Turn => ({ actor: person(name), platform: 'web' });

async function start() {
  const clock = new ManualClock();
  const channel = new RecordingChannel();
  running = await startTestGroupGate({ REQUEST_REMIND_AFTER: '2d', REQUEST_EXPIRE_AFTER: '7d' }, { clock });
  running.gate.messenger.addChannel(channel);
  const say = async (name: string, text: string) => replyText(await handleMessage(running!.gate, as(name), text));
  return { gate: running.gate, clock, channel, say };
}

describe('escalation of an unanswered stage', () => {
  it('sends the request to the alternates after the days set, once, tells the requester, and lets an alternate decide', async () => {
    const { gate, clock, channel, say } = await start();
    expect(await say('Ines Duarte', 'policy Atlas Project escalate after three days to Dana Lee')).toMatch(/couldn't read "after three days to Dana Lee"[\s\S]*escalate after 3d to admins/);
    expect(await say('Ines Duarte', 'policy Atlas Project escalate after 3d to Dana Lee')).toMatch(/Atlas Project: a stage unanswered for 3 days also goes to Dana Lee\./);
    expect(await say('Tomas Berg', 'policy Atlas Project')).toMatch(/A stage unanswered for 3 days also goes to Dana Lee/);
    const id = /Your request is (R-\w+)/.exec(await say('Rowan Pike', 'join Atlas Project because research'))![1]!;
    const dana = person('Dana Lee').id;
    const early = await handleCardAction(gate, as('Dana Lee'), { action: 'join-request.approve', requestId: id });
    expect(replyText(early.reply)).toMatch(/Only the owners of Atlas Project can decide this request/);

    clock.advance(days(2));
    await sweepJoinRequests(gate.requests);
    expect(channel.to(dana)).toEqual([]);
    clock.advance(days(1));
    await sweepJoinRequests(gate.requests);
    await sweepJoinRequests(gate.requests);
    expect(channel.to(dana).map((c) => c.kind === 'approval' && c.groupName)).toEqual(['Atlas Project']);
    expect(replyText(channel.to(person('Rowan Pike').id))).toMatch(new RegExp(`Your request to join Atlas Project \\(${id}\\) had no answer for 3 days, so I've also asked Dana Lee\\.`));

    await handleCardAction(gate, as('Dana Lee'), { action: 'join-request.approve', requestId: id });
    await gate.background.idle();
    expect(await gate.store.get<JoinRequest>(keys.request(id as never))).toMatchObject({ status: 'approved', decidedBy: dana });
    expect(await say('Ines Duarte', 'audit Atlas Project')).toMatch(/request escalated to alternates/);
  });

  it('never escalates a group that has not asked for it', async () => {
    const { gate, clock, channel, say } = await start();
    await say('Rowan Pike', 'join Atlas Project because research');
    clock.advance(days(6));
    await sweepJoinRequests(gate.requests);
    expect(channel.sent.map((s) => s.to).filter((to) => to !== person('Ines Duarte').id && to !== person('Tomas Berg').id && to !== person('Rowan Pike').id)).toEqual([]);
  });
});
