import { z } from 'zod';
import { blockTextLength, maxBlockText, maxBlocks } from './fit-to-slack.js';

/** Where blocks are shown: a message allows 50 blocks, a modal or the Home tab 100. */
export type BlockKitSurface = 'message' | 'view';

const plainText = (max: number) => z.object({ type: z.literal('plain_text'), text: z.string().min(1).max(max), emoji: z.boolean().optional() });
const textObject = (max: number) => z.object({ type: z.enum(['plain_text', 'mrkdwn']), text: z.string().min(1).max(max) }).loose();
const blockId = z.string().min(1).max(255).optional();
const button = z.strictObject({
  type: z.literal('button'),
  action_id: z.string().min(1).max(255),
  text: plainText(75),
  value: z.string().max(2000).optional(),
  url: z.string().max(3000).optional(),
  style: z.enum(['primary', 'danger']).optional(),
});
const richTextElement = z.strictObject({
  type: z.literal('text'),
  text: z.string().min(1),
  style: z.strictObject({ bold: z.boolean().optional(), italic: z.boolean().optional(), code: z.boolean().optional() }).optional(),
});
const richTextPart = z.strictObject({ type: z.enum(['rich_text_section', 'rich_text_preformatted']), elements: z.array(richTextElement).min(1) });

/** The blocks GroupGate sends, with Slack's documented limits (docs.slack.dev Block Kit reference). */
const blockSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('header'), block_id: blockId, text: plainText(150) }),
  z.strictObject({ type: z.literal('divider'), block_id: blockId }),
  z.strictObject({ type: z.literal('section'), block_id: blockId, text: textObject(3000).optional(), fields: z.array(textObject(2000)).max(10).optional() }),
  z.strictObject({ type: z.literal('context'), block_id: blockId, elements: z.array(textObject(3000)).min(1).max(10) }),
  z.strictObject({ type: z.literal('actions'), block_id: blockId, elements: z.array(button).min(1).max(25) }),
  z.strictObject({ type: z.literal('rich_text'), block_id: blockId, elements: z.array(richTextPart).min(1) }),
  z.strictObject({ type: z.literal('input'), block_id: blockId, label: plainText(2000), element: z.object({ type: z.string(), action_id: z.string().max(255) }).loose(), optional: z.boolean().optional(), hint: plainText(2000).optional() }),
]);


/**
 * Everything about a Slack message that Slack would reject or mis-render: too many blocks,
 * over-long texts, repeated ids, and fallback text that is not mrkdwn-escaped (a raw `<` could
 * become a mention or a link). An empty list means it is fine.
 */
export function findBlockKitProblems(message: { readonly text?: string; readonly blocks: readonly unknown[] }, surface: BlockKitSurface = 'message'): string[] {
  const problems: string[] = [];
  const limit = maxBlocks[surface];
  if (message.blocks.length > limit) problems.push(`${message.blocks.length} blocks; a ${surface} takes at most ${limit}`);
  const blockIds = new Set<string>();
  message.blocks.forEach((block, i) => {
    const parsed = blockSchema.safeParse(block);
    if (!parsed.success) {
      problems.push(...parsed.error.issues.map((issue) => `block ${i}${issue.path.length ? `.${issue.path.join('.')}` : ''}: ${issue.message}`));
      return;
    }
    const id = parsed.data.block_id;
    if (id !== undefined && blockIds.has(id)) problems.push(`block ${i}: block_id "${id}" repeats`);
    if (id !== undefined) blockIds.add(id);
    if (parsed.data.type === 'actions') {
      const actionIds = parsed.data.elements.map((e) => e.action_id);
      if (new Set(actionIds).size !== actionIds.length) problems.push(`block ${i}: action_id repeats within the block`);
    }
  });
  const blockText = blockTextLength(message.blocks);
  if (blockText > maxBlockText) problems.push(`${blockText} characters of text in blocks; Slack refuses more than about ${maxBlockText}`);
  if (message.text !== undefined) problems.push(...fallbackTextProblems(message.text));
  return problems;
}

function fallbackTextProblems(text: string): string[] {
  const problems: string[] = [];
  if (text.length === 0) problems.push('fallback text is empty (notifications would be blank)');
  if (text.length > 40_000) problems.push(`fallback text is ${text.length} characters; Slack cuts at 40,000`);
  if (/[<>]/.test(text)) problems.push('fallback text has an unescaped < or > (mentions and links could get through)');
  if (/&(?!amp;|lt;|gt;)/.test(text)) problems.push('fallback text has an unescaped &');
  return problems;
}
