import { describe, expect, it } from 'vitest';
import { listJoinRequests } from '../../../domain/join-requests/join-request-records.js';
import { blockActions, postForm, slashCommand, viewSubmission } from './signed-slack-request.js';
import { jsonArg, visibleText } from './slack-stand-in.js';
import { settle, useSlackGroupGate } from './slack-test-gate.js';

// Issue 18: the groups list's Ask to join asks why before it files the request. Teams and the web
// chat show an input on the card; a Slack message holds none, so the click opens a modal.
const bed = useSlackGroupGate();

type Block = { type: string; elements?: Array<{ action_id: string; value: string; text: { text: string } }> };

/** Rowan lists groups matching "atlas" and clicks Ask to join on the first; returns the modal Slack was asked to open. */
async function rowanClicksAskToJoin() {
  await postForm(bed.running.url, slashCommand('U0ROWAN', 'groups atlas project', bed.slack.responseUrl('groups')));
  await settle(bed.running);
  const [listed] = bed.slack.respondedTo('groups');
  const button = (listed as { blocks: Block[] }).blocks.flatMap((b) => b.elements ?? []).find((e) => e.text?.text === 'Ask to join')!;
  expect(JSON.parse(button.value)).toMatchObject({ command: 'join Atlas Project' });
  await postForm(bed.running.url, blockActions('U0ROWAN', button, { responseUrl: bed.slack.responseUrl('click') }));
  await settle(bed.running);
  return jsonArg<{ callback_id: string; private_metadata: string; blocks: unknown[] }>(bed.slack.of('views.open').at(-1), 'view');
}

describe('Ask to join from Slack', () => {
  it('opens a modal that asks why, and files the request with the reason typed', async () => {
    const modal = await rowanClicksAskToJoin();
    expect(visibleText(modal.blocks)).toMatch(/Why do you want to join\?/);
    expect(await listJoinRequests(bed.running.gate.store)).toEqual([]);

    await postForm(bed.running.url, viewSubmission('U0ROWAN', modal, 'I moved to the research team', 'reason'));
    await settle(bed.running);
    const [request] = await listJoinRequests(bed.running.gate.store);
    expect(request).toMatchObject({ reason: 'I moved to the research team', status: 'pending' });
    expect(visibleText(bed.slack.respondedTo('click'))).toMatch(/I've asked the 2 owners of Atlas Project/);
  });

  it('files it without a reason when none is typed and the owners ask for none', async () => {
    const modal = await rowanClicksAskToJoin();
    await postForm(bed.running.url, viewSubmission('U0ROWAN', modal, null, 'reason'));
    await settle(bed.running);
    const [request] = await listJoinRequests(bed.running.gate.store);
    expect(request?.status).toBe('pending');
    expect(request?.reason).toBeUndefined();
  });
});
