import { describe, expect, it } from 'vitest';
import { keys } from '../../../domain/join-requests/join-request-records.js';
import type { JoinRequestId } from '../../../domain/model/ids.js';
import { blockActions, postForm, slashCommand } from './signed-slack-request.js';
import { jsonArg, visibleText } from './slack-stand-in.js';
import { settle, useSlackGroupGate } from './slack-test-gate.js';

const bed = useSlackGroupGate();

/** A submission of the Approve modal with `value` picked in its select, as Slack sends it. */
function approveSubmission(userId: string, view: { callback_id: string; private_metadata: string }, value: string) {
  const payload = {
    type: 'view_submission', team: { id: 'T0CONTOSO', domain: 'contoso' }, user: { id: userId, team_id: 'T0CONTOSO' }, api_app_id: 'A0GROUPGATE', token: 'legacy-unused',
    trigger_id: `${Date.now()}.3.trigger`,
    view: { id: 'V0MODAL', type: 'modal', ...view, state: { values: { duration: { duration: { type: 'static_select', selected_option: { text: { type: 'plain_text', text: value }, value } } } } } },
  };
  return { payload: JSON.stringify(payload) };
}

describe('approving a time-bound request in Slack', () => {
  it('asks how long to grant in a modal, the length asked preselected, and grants the shorter one picked', async () => {
    await postForm(bed.running.url, slashCommand('U0ROWAN', 'join Atlas Project for 3d because quarter-end audit', bed.slack.responseUrl('rowan')));
    await settle(bed.running);
    const requestId = /R-[0-9A-Z]{4,}/.exec(visibleText(bed.slack.respondedTo('rowan')))![0] as JoinRequestId;
    const card = bed.slack.of('chat.postMessage').find((c) => c.args['channel'] === 'U0INES')!;
    expect(visibleText(jsonArg(card, 'blocks'))).toContain('for 3 days');
    const { channel, ts } = card.answer as { channel: string; ts: string };

    await postForm(bed.running.url, blockActions('U0INES', { action_id: 'join-request.approve:0', value: JSON.stringify({ requestId }) }, { channel, ts, responseUrl: bed.slack.responseUrl('ines') }));
    await settle(bed.running);
    const modal = jsonArg<{ callback_id: string; private_metadata: string; blocks: Array<{ element?: { initial_option?: { value: string }; options?: Array<{ value: string }> } }> }>(bed.slack.of('views.open')[0], 'view');
    const select = modal.blocks.find((b) => b.element)!.element!;
    expect(select.initial_option?.value).toBe('P3D');
    expect(select.options?.map((o) => o.value)).toEqual(['P3D', 'P2D', 'P1D', 'PT8H', 'PT4H', 'PT2H']);
    expect(await bed.running.gate.store.get(keys.request(requestId))).toMatchObject({ status: 'pending' });

    await postForm(bed.running.url, approveSubmission('U0INES', modal, 'PT8H'));
    await settle(bed.running);
    expect(await bed.running.gate.store.get(keys.request(requestId))).toMatchObject({ status: 'approved', decidedBy: expect.any(String), approvedDuration: 'PT8H' });
    expect(visibleText(bed.slack.respondedTo('ines'))).toMatch(/Approved by Ines Duarte/);
    const toRowan = bed.slack.of('chat.postMessage').filter((c) => c.args['channel'] === 'U0ROWAN');
    expect(visibleText(toRowan.map((c) => jsonArg(c, 'blocks')))).toMatch(/you're a member of Atlas Project until .* \(8 hours; you asked for 3 days\)/);
  });

  it('approves a request with no length at once, without a modal', async () => {
    await postForm(bed.running.url, slashCommand('U0ROWAN', 'join Atlas Project', bed.slack.responseUrl('rowan')));
    await settle(bed.running);
    const requestId = /R-[0-9A-Z]{4,}/.exec(visibleText(bed.slack.respondedTo('rowan')))![0] as JoinRequestId;
    await postForm(bed.running.url, blockActions('U0INES', { action_id: 'join-request.approve:0', value: JSON.stringify({ requestId }) }, {}));
    await settle(bed.running);
    expect(bed.slack.of('views.open')).toEqual([]);
    expect(await bed.running.gate.store.get(keys.request(requestId))).toMatchObject({ status: 'approved' });
  });
});
