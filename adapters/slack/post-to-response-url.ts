import type { SlackMessageArgs } from './slack-message.js';

/** How a response_url post lands: a new message only the clicker sees, or a replacement of the clicked one. */
export type ResponseMode = { readonly response_type: 'ephemeral'; readonly replace_original: false } | { readonly replace_original: true };

export const ephemeral: ResponseMode = { response_type: 'ephemeral', replace_original: false };
export const replaceOriginal: ResponseMode = { replace_original: true };

/**
 * Posts to a slash command's or click's response_url (JSON; valid 30 minutes, 5 posts). Bolt's
 * own `respond()` does the same; this one also serves the Deny modal, whose submission only
 * carries the url the click had.
 */
export async function postToResponseUrl(url: string, message: SlackMessageArgs, mode: ResponseMode): Promise<void> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ...mode, ...message }),
    signal: AbortSignal.timeout(10_000),
  });
  if (!response.ok) throw new Error(`Slack's response_url answered ${response.status}`);
}
