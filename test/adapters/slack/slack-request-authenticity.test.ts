import { describe, expect, it } from 'vitest';
import { listJoinRequests } from '../../../domain/join-requests/join-request-records.js';
import { postForm, postJson, postSigned, slackSignature, signingSecret, slashCommand } from './signed-slack-request.js';
import { settle, useSlackGroupGate } from './slack-test-gate.js';

const bed = useSlackGroupGate({ perFile: true });

const join = () => slashCommand('U0ROWAN', 'join Atlas Project because I moved teams', bed.slack.responseUrl('forged'));

describe('POST /slack/events checks that Slack sent it', () => {
  it('refuses a request signed with the wrong secret with 401, and does nothing', async () => {
    const response = await postForm(bed.running.url, join(), { secret: 'not-the-signing-secret' });
    expect(response.status).toBe(401);
    await settle(bed.running);
    expect(bed.slack.calls).toEqual([]);
    expect(bed.slack.responses).toEqual([]);
    expect(await listJoinRequests(bed.running.gate.store)).toEqual([]);
  });

  it('refuses a correctly signed request older than 5 minutes (a replay) with 401', async () => {
    const response = await postForm(bed.running.url, join(), { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 });
    expect(response.status).toBe(401);
    await settle(bed.running);
    expect(await listJoinRequests(bed.running.gate.store)).toEqual([]);
  });

  it('refuses a body changed after signing with 401', async () => {
    const raw = new URLSearchParams(join()).toString();
    const tampered = await fetch(`${bed.running.url}/slack/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...slackSignature(signingSecret, raw, Math.floor(Date.now() / 1000)) },
      body: raw.replace('Atlas', 'Board'),
    });
    expect(tampered.status).toBe(401);
  });

  it("answers Slack's url_verification challenge", async () => {
    const response = await postJson(bed.running.url, { token: 'legacy-unused', challenge: 'c-3po-r2d2', type: 'url_verification' });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ challenge: 'c-3po-r2d2' });
  });

  it('refuses a form post with a charset in its content type (Slack never sends one) with 400', async () => {
    const response = await postSigned(bed.running.url, new URLSearchParams(join()).toString(), 'application/x-www-form-urlencoded; charset=utf-8');
    expect(response.status).toBe(400);
  });
});
