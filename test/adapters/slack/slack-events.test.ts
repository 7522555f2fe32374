import { describe, expect, it } from 'vitest';
import { listJoinRequests } from '../../../domain/join-requests/join-request-records.js';
import { blockActions, eventCallback, postForm, postJson } from './signed-slack-request.js';
import { visibleText, type WebApiCall } from './slack-stand-in.js';
import { settle, useSlackGroupGate } from './slack-test-gate.js';

const bed = useSlackGroupGate();

const postedTo = (channel: string) => bed.slack.of('chat.postMessage').filter((c) => c.args['channel'] === channel);
const directMessage = (user: string, text: string) => ({ type: 'message', channel_type: 'im', channel: `D${user.slice(1)}`, user, text, ts: `${Math.floor(Date.now() / 1000)}.000100`, event_ts: '1' });

describe('Slack events', () => {
  it('acts once on an event Slack delivers again (X-Slack-Retry-Num, same event_id), even when the copies race', async () => {
    const delivery = eventCallback(directMessage('U0ROWAN', 'join Atlas Project because I moved to the research team'), 'Ev0REDELIVERED');
    const first = await postJson(bed.running.url, delivery);
    expect(first.status).toBe(200);
    const retries = await Promise.all(
      [1, 2, 2].map((n) => postJson(bed.running.url, delivery, { headers: { 'x-slack-retry-num': String(n), 'x-slack-retry-reason': 'http_timeout' } })),
    );
    expect(retries.map((r) => r.status)).toEqual([200, 200, 200]);
    await settle(bed.running);

    expect(await listJoinRequests(bed.running.gate.store)).toHaveLength(1);
    expect(postedTo('D0ROWAN')).toHaveLength(1);
    expect(visibleText(postedTo('D0ROWAN'))).toMatch(/I've asked the 2 owners of Atlas Project/);
    expect(postedTo('U0INES')).toHaveLength(1);
    expect(postedTo('U0TOMAS')).toHaveLength(1);
  });

  it('answers a direct message in the DM, reading Slack-escaped text as typed', async () => {
    // Slack sends "R&D <Lab>" as "R&amp;D &lt;Lab&gt;".
    await postJson(bed.running.url, eventCallback(directMessage('U0ROWAN', 'join R&amp;D &lt;Lab&gt;')));
    await settle(bed.running);
    const [reply] = postedTo('D0ROWAN');
    expect(reply?.args['thread_ts']).toBeUndefined();
    expect(visibleText(JSON.parse(reply!.args['blocks']!))).toContain('I couldn\'t find a group called "R&D <Lab>"');
    // The notification fallback escapes it again, so it can't turn into a link or mention.
    expect(reply?.args['text']).toContain('R&amp;D &lt;Lab&gt;');
  });

  it('answers an @mention in a channel in its thread, without the mention', async () => {
    await postJson(bed.running.url, eventCallback({ type: 'app_mention', channel: 'C0GENERAL', user: 'U0ROWAN', text: '<@UBOT> my requests', ts: '1700000123.000200', event_ts: '1700000123.000200' }));
    await settle(bed.running);
    const [reply] = postedTo('C0GENERAL');
    expect(reply?.args['thread_ts']).toBe('1700000123.000200');
    expect(visibleText(JSON.parse(reply!.args['blocks']!))).toMatch(/You haven't asked to join any group yet/);
  });

  it("ignores GroupGate's own and other bots' messages", async () => {
    await postJson(bed.running.url, eventCallback({ ...directMessage('U0ROWAN', 'help'), bot_id: 'B0OTHER', subtype: 'bot_message' }));
    await postJson(bed.running.url, eventCallback({ ...directMessage('UBOT', 'help'), bot_id: 'BBOT' }));
    await settle(bed.running);
    expect(bed.slack.of('chat.postMessage')).toEqual([]);
  });

  it('shows the App Home tab: my requests, and the requests waiting for my approval with their buttons', async () => {
    await postJson(bed.running.url, eventCallback(directMessage('U0ROWAN', 'join Atlas Project because I moved teams')));
    await settle(bed.running);
    await postJson(bed.running.url, eventCallback({ type: 'app_home_opened', user: 'U0INES', channel: 'D0INES', tab: 'home', event_ts: '1' }));
    await settle(bed.running);

    const [published] = bed.slack.of('views.publish');
    expect(published?.args['user_id']).toBe('U0INES');
    const view = JSON.parse(published!.args['view']!) as { type: string; blocks: Array<{ type: string; elements?: Array<{ action_id?: string }> }> };
    expect(view.type).toBe('home');
    const text = visibleText(view.blocks);
    expect(text.indexOf('My requests')).toBeLessThan(text.indexOf('Waiting for my approval'));
    expect(text).toMatch(/Rowan Pike.*asks to join Atlas Project/);
    const buttons = view.blocks.flatMap((b) => (b.type === 'actions' ? (b.elements ?? []) : [])).map((e) => e.action_id);
    expect(buttons).toEqual(expect.arrayContaining(['join-request.approve:0', 'join-request.deny:1']));
  });

  it("edits the owner's pending copy and the requester's receipt in their DMs when another owner approves (issue 18)", async () => {
    await postJson(bed.running.url, eventCallback(directMessage('U0ROWAN', 'join Atlas Project because I moved to the research team')));
    await settle(bed.running);
    const [receipt] = postedTo('D0ROWAN');
    const requestId = /R-[0-9A-Z]{4,}/.exec(visibleText(receipt))![0];
    await postJson(bed.running.url, eventCallback(directMessage('U0INES', 'pending')));
    await settle(bed.running);
    const shown = postedTo('D0INES').find((call) => visibleText(call).includes('Rowan Pike') && String(call.args['blocks']).includes(requestId))!;
    expect(shown).toBeDefined();

    const tomasCard = postedTo('U0TOMAS')[0]!;
    const where = tomasCard.answer as { channel: string; ts: string };
    await postForm(bed.running.url, blockActions('U0TOMAS', { action_id: 'join-request.approve:0', value: JSON.stringify({ requestId }) }, { ...where, responseUrl: bed.slack.responseUrl('tomas') }));
    await settle(bed.running);

    const editOf = (call: WebApiCall) => {
      const { channel, ts } = call.answer as { channel: string; ts: string };
      return bed.slack.of('chat.update').filter((u) => u.args['channel'] === channel && u.args['ts'] === ts);
    };
    expect(visibleText(editOf(shown))).toMatch(/Approved by Tomas Berg/);
    expect(String(editOf(shown)[0]?.args['blocks'])).not.toMatch(/join-request\.approve/);
    expect(visibleText(editOf(receipt!))).toMatch(new RegExp(`Your request to join Atlas Project \\(${requestId}\\) was approved by Tomas Berg`));
    expect(String(editOf(receipt!)[0]?.args['blocks'])).not.toMatch(/join-request\.cancel/);
  });
});
