import type { SlackMessage } from '../../cards/adaptive-card.js';
import type { CardView, Reply } from '../../cards/card-view.js';
import { toBlockKit } from '../../cards/render-card.js';
import type { GroupGate } from '../../bot/group-gate.js';
import { handleMessage } from '../../bot/handle-message.js';
import type { Turn } from '../../bot/turn.js';
import type { Result } from '../../domain/result.js';
import { combineSlackMessages } from './combine-slack-messages.js';
import { maxBlocks } from './fit-to-slack.js';
import { messageArgs } from './slack-message.js';

const heading = (text: string): SlackMessage => ({ text, blocks: [{ type: 'header', text: { type: 'plain_text', text, emoji: true } }] });
const divider: SlackMessage = { text: '', blocks: [{ type: 'divider' }] };

/** A section's cards, without the first card's own title (the section heading replaces it). */
function section(title: string, cards: readonly CardView[]): SlackMessage[] {
  return [
    heading(title),
    ...cards.map((card, i) => {
      const message = toBlockKit(card);
      const [first, ...rest] = message.blocks;
      const titled = i === 0 && card.kind === 'list' && typeof first === 'object' && first !== null && 'type' in first && first.type === 'header';
      return titled ? { ...message, blocks: rest } : message;
    }),
  ];
}

/**
 * The App Home tab: "My requests" (with Cancel) and "Waiting for my approval" (with Approve and
 * Deny) — the same cards `my requests` and `pending` answer with anywhere else.
 */
export async function homeView(gate: GroupGate, turn: Result<Turn, Reply>) {
  // GroupGate's own view, republished after clicks: not commands the person typed, so not counted.
  const parts = turn.ok
    ? [
        ...section('My requests', await handleMessage(gate, turn.value, 'my requests', { internal: true })),
        divider,
        ...section('Waiting for my approval', await handleMessage(gate, turn.value, 'pending', { internal: true })),
      ]
    : [heading('GroupGate'), ...turn.error.map(toBlockKit)];
  return { type: 'home' as const, blocks: messageArgs(combineSlackMessages(parts, maxBlocks.view), maxBlocks.view).blocks };
}
