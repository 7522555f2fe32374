import type { SlackMessage } from '../../cards/adaptive-card.js';

/** Slack's block limits: 50 in a message, 100 in a modal or the App Home tab. */
export const maxBlocks = { message: 50, view: 100 } as const;

// Undocumented, but Slack answers msg_blocks_too_long from about 13,000 characters of block text.
export const maxBlockText = 12_000;

const leftOut = { type: 'context', elements: [{ type: 'plain_text', text: 'There was more than fits here; the rest was left out.' }] };

/** Characters of every `text` inside blocks: what counts toward msg_blocks_too_long. */
export function blockTextLength(value: unknown): number {
  if (Array.isArray(value)) return value.reduce((sum: number, item: unknown) => sum + blockTextLength(item), 0);
  if (typeof value !== 'object' || value === null) return 0;
  return Object.entries(value).reduce((sum, [key, inner]) => sum + (key === 'text' && typeof inner === 'string' ? inner.length : blockTextLength(inner)), 0);
}

/**
 * A message cut to what Slack takes — `limit` blocks and about 12,000 characters of text — with
 * a closing line saying something was left out. Whole blocks go first, from the end; a single
 * block that is too long on its own has its texts shortened.
 */
export function fitToSlack(message: SlackMessage, limit: number = maxBlocks.message): SlackMessage {
  if (message.blocks.length <= limit && blockTextLength(message.blocks) <= maxBlockText) return message;
  const budget = maxBlockText - blockTextLength(leftOut);
  const blocks = message.blocks.slice(0, limit - 1);
  while (blocks.length > 1 && blockTextLength(blocks) > budget) blocks.pop();
  const fitted = blockTextLength(blocks) > budget ? [clipTexts(blocks[0], { left: budget })] : blocks;
  return { text: message.text, blocks: [...fitted, leftOut] };
}

/** Shortens every `text` in document order so together they stay within the budget; none becomes empty. */
function clipTexts(value: unknown, budget: { left: number }): unknown {
  if (Array.isArray(value)) return value.map((item) => clipTexts(item, budget));
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => {
      if (key !== 'text' || typeof inner !== 'string') return [key, clipTexts(inner, budget)];
      const keep = Math.max(0, Math.min(inner.length, budget.left - 1));
      budget.left -= keep + 1;
      return [key, keep === inner.length ? inner : `${inner.slice(0, keep)}…`];
    }),
  );
}
