import { afterEach, describe, expect, it } from 'vitest';
import { handleCardAction } from '../../bot/handle-card-action.js';
import { handleMessage } from '../../bot/handle-message.js';
import type { RunningGroupGate } from '../../bot/start-groupgate.js';
import type { Turn } from '../../bot/turn.js';
import { plainText, type CardView } from '../../cards/card-view.js';
import { RecordingChannel } from '../support/recording-channel.js';
import { person, sampleGroup } from '../support/sample-tenant.js';
import { startTestGroupGate } from '../support/start-test-groupgate.js';

const text = (cards: readonly CardView[]) =>
  cards.map((c) => (c.kind === 'message' ? c.lines.map(plainText).join('\n') : c.kind === 'approval' ? `${c.heading} ${c.groupName} ${c.state.status}` : c.title)).join('\n');

let running: RunningGroupGate | undefined;
afterEach(async () => running?.stop());

describe('a join request from chat to decision', () => {
  it('asks the owners, and the first owner to approve adds the requester and tells everyone', async () => {
    running = await startTestGroupGate();
    const { gate } = running;
    const channel = new RecordingChannel();
    gate.messenger.addChannel(channel);
    const rowan: Turn = { actor: person('Rowan Pike'), platform: 'web' };
    const ines: Turn = { actor: person('Ines Duarte'), platform: 'web' };

    const reply = await handleMessage(gate, rowan, 'join Atlas Project because I moved to the research team');
    expect(text(reply)).toMatch(/I've asked the 2 owners of Atlas Project \(Ines Duarte and Tomas Berg\)/);
    const requestId = /Your request is (R-\w+)/.exec(text(reply))![1]!;
    expect(channel.to(person('Ines Duarte').id)).toHaveLength(1);
    expect(channel.to(person('Tomas Berg').id)).toHaveLength(1);

    const click = await handleCardAction(gate, ines, { action: 'join-request.approve', requestId });
    expect(click.card).toMatchObject({ kind: 'approval', state: { status: 'approved', by: 'Ines Duarte' } });
    await gate.background.idle();

    expect(await gate.directory.listMembers(sampleGroup('Atlas Project').id as never)).toContain(person('Rowan Pike').id);
    expect(channel.updates).toHaveLength(2);
    expect(text(channel.to(person('Rowan Pike').id))).toMatch(/Ines Duarte approved your request — you're now a member of Atlas Project/);

    const late = await handleCardAction(gate, { actor: person('Tomas Berg'), platform: 'web' }, { action: 'join-request.deny', requestId });
    expect(late.card).toMatchObject({ kind: 'approval', notice: [expect.stringMatching(/^Already approved by Ines Duarte at/)] });
  });
});
