import { z } from 'zod';
import type { types } from '@slack/bolt';
import type { SlackMessage } from '../../cards/adaptive-card.js';
import type { CardView } from '../../cards/card-view.js';
import { toBlockKit } from '../../cards/render-card.js';
import { fitToSlack, maxBlocks } from './fit-to-slack.js';

/** Arguments for chat.postMessage, chat.update and response_url posts. */
export interface SlackMessageArgs {
  readonly text: string;
  readonly blocks: types.KnownBlock[];
}

/**
 * A rendered message as Web API arguments, cut to what Slack takes. cards/ builds Block Kit as
 * plain data; tests hold it to Slack's limits (find-block-kit-problems.ts).
 */
export function messageArgs(message: SlackMessage, limit: number = maxBlocks.message): SlackMessageArgs {
  const fitted = fitToSlack(message, limit);
  return { text: fitted.text, blocks: [...fitted.blocks] as types.KnownBlock[] };
}

/** chat.postMessage options: a link someone typed into a reason never unfurls into a preview. */
export const noUnfurling = { unfurl_links: false, unfurl_media: false } as const;

/** A card as Web API arguments. */
export const cardArgs = (card: CardView): SlackMessageArgs => messageArgs(toBlockKit(card));

/** What chat.postMessage answers that says where the message is: the conversation (a D… id for a DM) and its ts. */
export const postedSchema = z.object({ channel: z.string().min(1), ts: z.string().min(1) });
