import { createHmac } from 'node:crypto';

export const signingSecret = 'test-signing-secret-0123456789';

/** Slack's request signature: v0=HMAC-SHA256(secret, "v0:<ts>:<raw body>"). */
export function slackSignature(secret: string, rawBody: string, timestamp: number): Record<string, string> {
  const signature = createHmac('sha256', secret).update(`v0:${timestamp}:${rawBody}`).digest('hex');
  return { 'x-slack-request-timestamp': String(timestamp), 'x-slack-signature': `v0=${signature}` };
}

export interface SendOptions {
  /** Sign with this secret instead of the right one (a forgery). */
  readonly secret?: string;
  /** Unix seconds to sign with; default now. */
  readonly timestamp?: number;
  readonly headers?: Record<string, string>;
}

const nowSeconds = () => Math.floor(Date.now() / 1000);

/** POSTs a raw body to /slack/events, signed as Slack signs it. */
export async function postSigned(baseUrl: string, rawBody: string, contentType: string, options: SendOptions = {}): Promise<Response> {
  const timestamp = options.timestamp ?? nowSeconds();
  return fetch(`${baseUrl}/slack/events`, {
    method: 'POST',
    // Slack sends the bare form type; Bolt rejects "; charset=utf-8", so the header is set by hand with a string body.
    headers: { 'content-type': contentType, ...slackSignature(options.secret ?? signingSecret, rawBody, timestamp), ...options.headers },
    body: rawBody,
  });
}

/** A form-encoded post (slash commands; interactivity as `payload=<json>`). */
export const postForm = (baseUrl: string, fields: Record<string, string>, options?: SendOptions) =>
  postSigned(baseUrl, new URLSearchParams(fields).toString(), 'application/x-www-form-urlencoded', options);

/** A JSON post (Events API). */
export const postJson = (baseUrl: string, body: unknown, options?: SendOptions) => postSigned(baseUrl, JSON.stringify(body), 'application/json', options);

/** A `/groups` slash command as Slack sends it. */
export function slashCommand(userId: string, text: string, responseUrl: string, channelId = 'C0GENERAL'): Record<string, string> {
  return {
    token: 'legacy-unused', team_id: 'T0CONTOSO', team_domain: 'contoso', channel_id: channelId, channel_name: 'general',
    user_id: userId, user_name: userId.toLowerCase(), command: '/groups', text, api_app_id: 'A0GROUPGATE',
    is_enterprise_install: 'false', response_url: responseUrl, trigger_id: `${Date.now()}.1.trigger`,
  };
}

/** A button click on a message (or on the Home tab when `channel` is omitted) as Slack sends it. */
export function blockActions(userId: string, action: { action_id: string; value: string }, where: { channel?: string; ts?: string; responseUrl?: string }): Record<string, string> {
  const onMessage = where.channel !== undefined;
  const payload = {
    type: 'block_actions',
    user: { id: userId, username: userId.toLowerCase(), team_id: 'T0CONTOSO' },
    team: { id: 'T0CONTOSO', domain: 'contoso' }, api_app_id: 'A0GROUPGATE', token: 'legacy-unused',
    trigger_id: `${Date.now()}.2.trigger`,
    container: onMessage
      ? { type: 'message', message_ts: where.ts, channel_id: where.channel, is_ephemeral: false }
      : { type: 'view', view_id: 'V0HOME' },
    ...(onMessage ? { channel: { id: where.channel, name: 'directmessage' }, message: { type: 'message', ts: where.ts, text: '', blocks: [] } } : { view: { id: 'V0HOME', type: 'home' } }),
    ...(where.responseUrl ? { response_url: where.responseUrl } : {}),
    actions: [{ type: 'button', block_id: 'decision', text: { type: 'plain_text', text: 'Approve' }, action_ts: `${nowSeconds()}.000200`, ...action }],
  };
  return { payload: JSON.stringify(payload) };
}

/** A modal submission as Slack sends it, `note` typed into its input block (`inputBlock`). */
export function viewSubmission(userId: string, view: { callback_id: string; private_metadata: string }, note: string | null, inputBlock = 'note'): Record<string, string> {
  const payload = {
    type: 'view_submission', team: { id: 'T0CONTOSO', domain: 'contoso' }, user: { id: userId, team_id: 'T0CONTOSO' }, api_app_id: 'A0GROUPGATE', token: 'legacy-unused',
    trigger_id: `${Date.now()}.3.trigger`,
    view: { id: 'V0MODAL', type: 'modal', ...view, state: { values: { [inputBlock]: { [inputBlock]: { type: 'plain_text_input', value: note } } } } },
  };
  return { payload: JSON.stringify(payload) };
}

let eventCounter = 0;

/** An Events API delivery. */
export function eventCallback(event: Record<string, unknown>, eventId = `Ev${Date.now()}${eventCounter++}`) {
  return { token: 'legacy-unused', team_id: 'T0CONTOSO', api_app_id: 'A0GROUPGATE', type: 'event_callback', event_id: eventId, event_time: nowSeconds(), event };
}
