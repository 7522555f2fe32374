import { describe, expect, it } from 'vitest';
import { snapshotState, expectNothingChanged } from '../../support/state-snapshot.js';
import { postForm, postJson, slashCommand } from './signed-slack-request.js';
import { settle, useSlackGroupGate } from './slack-test-gate.js';

// One workspace and one app: the ids the fixtures name (T0CONTOSO, A0GROUPGATE).
const bed = useSlackGroupGate({ perFile: true, env: () => ({ SLACK_TEAM_ID: 'T0CONTOSO', SLACK_APP_ID: 'A0GROUPGATE' }) });

const join = (fields: Record<string, string> = {}) => ({ ...slashCommand('U0ROWAN', 'join Atlas Project because I moved teams', bed.slack.responseUrl('scope')), ...fields });
const nowSeconds = () => Math.floor(Date.now() / 1000);

describe('POST /slack/events takes signed requests for this workspace and app only', () => {
  it('refuses a correctly signed request dated more than 5 minutes ahead (replayable until then) with 401, and changes nothing', async () => {
    const before = await snapshotState(bed.running.gate);
    const ahead = await postForm(bed.running.url, join(), { timestamp: nowSeconds() + 6 * 60 });
    expect({ status: ahead.status, body: await ahead.json() }).toEqual({ status: 401, body: { code: 'Unauthorized', message: 'The request is dated more than 5 minutes ahead.' } });
    await settle(bed.running);
    await expectNothingChanged(bed.running.gate, before);
    expect(bed.slack.responses).toEqual([]);
    // A clock a little ahead is still Slack's usual skew.
    expect((await postForm(bed.running.url, slashCommand('U0ROWAN', 'help', bed.slack.responseUrl('skew')), { timestamp: nowSeconds() + 60 })).status).toBe(200);
  });

  it('refuses a signed request naming another workspace or another app with 401, and changes nothing', async () => {
    const before = await snapshotState(bed.running.gate);
    expect((await postForm(bed.running.url, join({ team_id: 'T0OTHER' }))).status).toBe(401);
    expect((await postForm(bed.running.url, join({ api_app_id: 'A0OTHER' }))).status).toBe(401);
    const click = { type: 'block_actions', team: { id: 'T0OTHER' }, api_app_id: 'A0GROUPGATE', user: { id: 'U0INES' }, trigger_id: 't', container: { type: 'message' }, actions: [{ action_id: 'join-request.approve', value: '{}' }] };
    expect((await postForm(bed.running.url, { payload: JSON.stringify(click) })).status).toBe(401);
    const event = { token: 'legacy-unused', team_id: 'T0OTHER', api_app_id: 'A0GROUPGATE', type: 'event_callback', event_id: 'Ev0OTHER', event_time: nowSeconds(), event: { type: 'message', channel_type: 'im', channel: 'D0ROWAN', user: 'U0ROWAN', text: 'join Atlas Project', ts: '1700000000.000100' } };
    expect((await postJson(bed.running.url, event)).status).toBe(401);
    await settle(bed.running);
    await expectNothingChanged(bed.running.gate, before);
    expect(bed.slack.calls.filter((call) => call.method === 'chat.postMessage')).toEqual([]);
  });

  it('acknowledges at once, and does nothing with, signed payloads GroupGate has no handler for', async () => {
    const before = await snapshotState(bed.running.gate);
    const payloads = {
      view_closed: { type: 'view_closed', team: { id: 'T0CONTOSO' }, api_app_id: 'A0GROUPGATE', user: { id: 'U0ROWAN' }, view: { id: 'V0MODAL', callback_id: 'groupgate.deny-note' }, is_cleared: false },
      block_suggestion: { type: 'block_suggestion', team: { id: 'T0CONTOSO' }, api_app_id: 'A0GROUPGATE', user: { id: 'U0ROWAN' }, action_id: 'pick', block_id: 'b', value: 'atl' },
      shortcut: { type: 'shortcut', team: { id: 'T0CONTOSO' }, api_app_id: 'A0GROUPGATE', user: { id: 'U0ROWAN' }, callback_id: 'anything', trigger_id: 't' },
      message_action: { type: 'message_action', team: { id: 'T0CONTOSO' }, api_app_id: 'A0GROUPGATE', user: { id: 'U0ROWAN' }, callback_id: 'anything', trigger_id: 't', message: { ts: '1', text: 'x' } },
    };
    for (const [type, payload] of Object.entries(payloads)) {
      const started = performance.now();
      const answer = await postForm(bed.running.url, { payload: JSON.stringify(payload) });
      const ms = performance.now() - started;
      expect({ type, status: answer.status, body: await answer.json() }).toEqual({ type, status: 200, body: type === 'block_suggestion' ? { options: [] } : {} });
      expect(ms, type).toBeLessThan(1_000);
    }
    const limited = await postJson(bed.running.url, { token: 'legacy-unused', type: 'app_rate_limited', team_id: 'T0CONTOSO', minute_rate_limited: nowSeconds(), api_app_id: 'A0GROUPGATE' });
    expect(limited.status).toBe(200);
    await settle(bed.running);
    await expectNothingChanged(bed.running.gate, before);
    expect(bed.slack.calls).toEqual([]);
  });
});
