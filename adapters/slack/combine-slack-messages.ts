import type { SlackMessage } from '../../cards/adaptive-card.js';
import type { Reply } from '../../cards/card-view.js';
import { toBlockKit } from '../../cards/render-card.js';
import { clip } from '../../cards/rich-text.js';

/** Slack's block limits: 50 in a message, 100 in a modal or the App Home tab. */
export const maxBlocks = { message: 50, view: 100 } as const;

const divider = { type: 'divider' };

/**
 * Several messages as one: blocks in order, block ids prefixed so they stay unique (Slack
 * rejects repeats), and cut to `limit` blocks with a line saying so.
 */
export function combineSlackMessages(messages: readonly SlackMessage[], limit: number = maxBlocks.message): SlackMessage {
  const blocks = messages.flatMap((message, i) => message.blocks.map((block) => (messages.length > 1 ? prefixBlockId(block, i) : block)));
  const cut = blocks.length > limit;
  return {
    text: clip(messages.map((m) => m.text).filter(Boolean).join('\n'), 3000),
    blocks: cut
      ? [...blocks.slice(0, limit - 1), { type: 'context', elements: [{ type: 'plain_text', text: 'There was more than fits here; the rest was left out.' }] }]
      : blocks,
  };
}

/**
 * A reply as Slack messages, one per card, but at most `maxMessages` (a response_url takes 5
 * posts): cards beyond that are combined, with dividers, into the last message.
 */
export function slackMessagesFor(reply: Reply, maxMessages = Number.POSITIVE_INFINITY): SlackMessage[] {
  const messages = reply.map(toBlockKit);
  if (messages.length <= maxMessages) return messages;
  const keep = Math.max(0, maxMessages - 1);
  const rest = messages.slice(keep).flatMap((message, i) => (i === 0 ? [message] : [{ text: '', blocks: [divider] }, message]));
  return [...messages.slice(0, keep), combineSlackMessages(rest)];
}

function prefixBlockId(block: unknown, index: number): unknown {
  if (typeof block !== 'object' || block === null || !('block_id' in block) || typeof block.block_id !== 'string') return block;
  return { ...block, block_id: `${index}.${block.block_id}`.slice(0, 255) };
}
