import type { SlackMessage } from '../../cards/adaptive-card.js';
import type { Reply } from '../../cards/card-view.js';
import { toBlockKit } from '../../cards/render-card.js';
import { clip } from '../../cards/rich-text.js';
import { fitToSlack, maxBlocks } from './fit-to-slack.js';

const divider = { type: 'divider' };

/**
 * Several messages as one: blocks in order, block ids prefixed so they stay unique (Slack
 * rejects repeats), and cut to what Slack takes.
 */
export function combineSlackMessages(messages: readonly SlackMessage[], limit: number = maxBlocks.message): SlackMessage {
  const blocks = messages.flatMap((message, i) => message.blocks.map((block) => (messages.length > 1 ? prefixBlockId(block, i) : block)));
  return fitToSlack({ text: clip(messages.map((m) => m.text).filter(Boolean).join('\n'), 3000), blocks }, limit);
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
