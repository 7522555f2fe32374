import { describe, expect, it } from 'vitest';
import { keys } from '../../../domain/join-requests/join-request-records.js';
import type { JoinRequestId } from '../../../domain/model/ids.js';
import { blockActions, eventCallback, postForm, postJson, slashCommand, viewSubmission } from './signed-slack-request.js';
import { jsonArg, visibleText } from './slack-stand-in.js';
import { settle, useSlackGroupGate } from './slack-test-gate.js';

const bed = useSlackGroupGate();

const postedTo = (channel: string) => bed.slack.of('chat.postMessage').filter((c) => c.args['channel'] === channel);

/** Rowan asks to join Atlas Project; returns the request id and where each owner's card landed. */
async function rowanAsks() {
  await postForm(bed.running.url, slashCommand('U0ROWAN', 'join Atlas Project because I moved to the research team', bed.slack.responseUrl('rowan')));
  await settle(bed.running);
  const requestId = /R-[0-9A-Z]{4,}/.exec(visibleText(bed.slack.respondedTo('rowan')))![0] as JoinRequestId;
  const card = (user: string) => postedTo(user)[0]!.answer as { channel: string; ts: string };
  return { requestId, ines: card('U0INES'), tomas: card('U0TOMAS') };
}

describe('Deny with a note, and deciding from the App Home tab', () => {
  it('opens a modal for the note on Deny, and the note reaches the requester when it is submitted', async () => {
    const { requestId, ines, tomas } = await rowanAsks();
    bed.slack.updateErrors.set(ines.ts, 'message_not_found'); // Ines deleted her copy: its update fails as "gone", the rest goes on

    await postForm(bed.running.url, blockActions('U0TOMAS', { action_id: 'join-request.deny:1', value: JSON.stringify({ requestId }) }, { ...tomas, responseUrl: bed.slack.responseUrl('tomas') }));
    await settle(bed.running);
    const [opened] = bed.slack.of('views.open');
    expect(opened?.args['trigger_id']).toMatch(/trigger$/);
    const modal = jsonArg<{ callback_id: string; private_metadata: string; blocks: unknown[] }>(opened, 'view');
    expect(visibleText(modal.blocks)).toContain('Note for the requester');
    expect(await bed.running.gate.store.get(keys.request(requestId))).toMatchObject({ status: 'pending' });

    const submitted = await postForm(bed.running.url, viewSubmission('U0TOMAS', modal, 'Please use Atlas Readers instead'));
    expect(submitted.status).toBe(200);
    expect(await submitted.text()).toBe(''); // an empty ack closes the modal
    await settle(bed.running);

    expect(await bed.running.gate.store.get(keys.request(requestId))).toMatchObject({ status: 'denied', note: 'Please use Atlas Readers instead' });
    expect(bed.slack.respondedTo('tomas')).toEqual([expect.objectContaining({ replace_original: true })]);
    expect(visibleText(bed.slack.respondedTo('tomas'))).toMatch(/Denied by Tomas Berg.*"Please use Atlas Readers instead"/);
    expect(bed.slack.of('chat.update').map((u) => u.args['ts']).sort()).toEqual([ines.ts, tomas.ts].sort());
    const toRowan = postedTo('U0ROWAN');
    expect(toRowan).toHaveLength(1);
    expect(visibleText(jsonArg(toRowan[0], 'blocks'))).toMatch(/Tomas Berg declined your request to join Atlas Project.*Please use Atlas Readers instead/);
  });

  it('decides from the App Home tab and republishes it', async () => {
    const { requestId, ines, tomas } = await rowanAsks();
    await postJson(bed.running.url, eventCallback({ type: 'app_home_opened', user: 'U0INES', channel: 'D0INES', tab: 'home', event_ts: '1' }));
    await settle(bed.running);
    expect(bed.slack.of('views.publish')[0]?.args['view']).toContain(JSON.stringify(JSON.stringify({ requestId })).slice(1, -1));

    // A click on the Home tab has no message and no response_url.
    await postForm(bed.running.url, blockActions('U0INES', { action_id: 'join-request.approve:0', value: JSON.stringify({ requestId }) }, {}));
    await settle(bed.running);

    expect(await bed.running.gate.store.get(keys.request(requestId))).toMatchObject({ status: 'approved' });
    const republished = bed.slack.of('views.publish');
    expect(republished).toHaveLength(2);
    expect(visibleText(jsonArg(republished[1], 'view'))).toMatch(/Nothing is waiting for you/);
    expect(bed.slack.of('chat.update').map((u) => `${u.args['channel']} ${u.args['ts']}`).sort()).toEqual([`${ines.channel} ${ines.ts}`, `${tomas.channel} ${tomas.ts}`].sort());
    expect(visibleText(postedTo('U0ROWAN'))).toMatch(/Ines Duarte approved your request/);
  });
});
