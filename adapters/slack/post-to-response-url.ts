import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { SlackMessageArgs } from './slack-message.js';

/** How a response_url post lands: a new message only the clicker sees, or a replacement of the clicked one. */
export type ResponseMode = { readonly response_type: 'ephemeral'; readonly replace_original: false } | { readonly replace_original: true };

export const ephemeral: ResponseMode = { response_type: 'ephemeral', replace_original: false };
export const replaceOriginal: ResponseMode = { replace_original: true };

// Connections kept open: a busy instance posts several outcomes a second to the same Slack host.
const agents = { 'http:': new HttpAgent({ keepAlive: true }), 'https:': new HttpsAgent({ keepAlive: true }) } as const;

/**
 * Posts to a slash command's or click's response_url (JSON; valid 30 minutes, 5 posts). Bolt's
 * own `respond()` does the same; this one also serves the Deny modal, whose submission only
 * carries the url the click had. Plain node:http rather than fetch: a quarter of the CPU per post,
 * which counts when every click ends in one.
 */
export async function postToResponseUrl(url: string, message: SlackMessageArgs, mode: ResponseMode): Promise<void> {
  const target = new URL(url);
  if (target.protocol !== 'https:' && target.protocol !== 'http:') throw new Error('a response_url is an http(s) address');
  const body = JSON.stringify({ ...mode, ...message });
  const [send, agent] = target.protocol === 'https:' ? [httpsRequest, agents['https:']] : [httpRequest, agents['http:']];
  const status = await new Promise<number>((resolve, reject) => {
    const headers = { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) };
    const post = send(target, { method: 'POST', agent, headers, timeout: 10_000 }, (response) => {
      response.resume();
      response.once('end', () => resolve(response.statusCode ?? 0));
      response.once('error', reject);
    });
    post.once('timeout', () => post.destroy(new Error("Slack's response_url did not answer within 10 seconds")));
    post.once('error', reject);
    post.end(body);
  });
  if (status < 200 || status > 299) throw new Error(`Slack's response_url answered ${status}`);
}
