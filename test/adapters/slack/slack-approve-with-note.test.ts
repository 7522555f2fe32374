import { describe, expect, it } from 'vitest';
import { keys } from '../../../domain/join-requests/join-request-records.js';
import type { JoinRequestId } from '../../../domain/model/ids.js';
import { blockActions, postForm, slashCommand, viewSubmission } from './signed-slack-request.js';
import { jsonArg, visibleText } from './slack-stand-in.js';
import { settle, useSlackGroupGate } from './slack-test-gate.js';

// Issue 19: the note goes with Approve too. A Slack message holds no input, so the card's
// "Approve with note…" opens a modal; the plain Approve stays one click.
const bed = useSlackGroupGate();
const postedTo = (channel: string) => bed.slack.of('chat.postMessage').filter((c) => c.args['channel'] === channel);
type Button = { action_id: string; value: string; text: { text: string } };

describe('Approve with a note in Slack', () => {
  it('opens a modal for the note, approves when it is submitted, and the requester reads the note', async () => {
    await postForm(bed.running.url, slashCommand('U0ROWAN', 'join Atlas Project because I moved to the research team', bed.slack.responseUrl('rowan')));
    await settle(bed.running);
    const requestId = /R-[0-9A-Z]{4,}/.exec(visibleText(bed.slack.respondedTo('rowan')))![0] as JoinRequestId;
    const card = postedTo('U0TOMAS')[0]!;
    const blocks = jsonArg<Array<{ type: string; elements?: Button[] }>>(card, 'blocks');
    const buttons = blocks.flatMap((b) => (b.type === 'actions' ? (b.elements ?? []) : []));
    expect(buttons.map((b) => b.text.text)).toEqual(['Approve', 'Deny', 'Approve with note…']);
    const withNote = buttons[2]!;
    const where = card.answer as { channel: string; ts: string };

    await postForm(bed.running.url, blockActions('U0TOMAS', { action_id: withNote.action_id, value: withNote.value }, { ...where, responseUrl: bed.slack.responseUrl('tomas') }));
    await settle(bed.running);
    const modal = jsonArg<{ callback_id: string; private_metadata: string; blocks: unknown[] }>(bed.slack.of('views.open')[0], 'view');
    expect(visibleText(modal.blocks)).toContain('Note for the requester');
    expect(await bed.running.gate.store.get(keys.request(requestId))).toMatchObject({ status: 'pending' });

    await postForm(bed.running.url, viewSubmission('U0TOMAS', modal, 'Welcome aboard'));
    await settle(bed.running);
    expect(await bed.running.gate.store.get(keys.request(requestId))).toMatchObject({ status: 'approved', decidedBy: expect.any(String), note: 'Welcome aboard' });
    expect(visibleText(bed.slack.respondedTo('tomas'))).toMatch(/Approved by Tomas Berg.*"Welcome aboard"/);
    expect(visibleText(jsonArg(postedTo('U0ROWAN').at(-1), 'blocks'))).toMatch(/Tomas Berg approved your request[\s\S]*Tomas Berg's note: Welcome aboard/);
  });
});
