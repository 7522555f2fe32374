import { toAdaptiveCard } from '../../cards/render-card.js';
import type { WebEntry } from './web-conversations.js';

/** A web message as the page receives it: the card already rendered as the Adaptive Card Teams would get. */
export interface BrowserEntry {
  readonly id: string;
  /** `direct`, or the room's id. */
  readonly where: string;
  readonly at: string;
  readonly author: { readonly kind: 'groupgate' | 'person'; readonly name: string; readonly userId?: string };
  readonly text?: string;
  readonly card?: Record<string, unknown>;
  readonly updated: boolean;
}

/** Turns a stored message into what the page shows. */
export function toBrowserEntry(entry: WebEntry): BrowserEntry {
  return {
    id: entry.id,
    where: entry.conversation.startsWith('dm:') ? 'direct' : entry.conversation.slice('room:'.length),
    at: entry.at,
    author: entry.author.kind === 'groupgate' ? { kind: 'groupgate', name: 'GroupGate' } : { kind: 'person', name: entry.author.name, userId: entry.author.userId },
    ...(entry.text !== undefined ? { text: entry.text } : {}),
    ...(entry.card ? { card: toAdaptiveCard(entry.card) } : {}),
    updated: entry.updatedAt !== undefined,
  };
}
