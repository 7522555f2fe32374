import { z } from 'zod';
import type { UserId } from '../../domain/model/ids.js';
import type { Logger } from '../../domain/ports/logger.js';
import type { CardView } from '../../cards/card-view.js';
import type { CardLocation, ChannelAddress, ChatChannel } from '../../bot/notify/chat-channel.js';
import type { WebConversations, WebEntry } from './web-conversations.js';
import { directChat, roomChat } from './web-rooms.js';

/** Where a web card lives: its conversation and message id (read back from the store, so checked). */
const webCardLocation = z.object({
  platform: z.literal('web'),
  conversation: z.string().regex(/^(dm|room):[\w-]+$/).transform((key) => key as WebEntry['conversation']),
  messageId: z.string().regex(/^\d{10}$/),
});

/** The stored location of a web message. */
export const locationOf = (entry: WebEntry): CardLocation => ({ platform: 'web', conversation: entry.conversation, messageId: entry.id });

/** The web chat as the messenger sees it: everyone is reachable, every card lands in the store first. */
export class WebChatChannel implements ChatChannel {
  readonly platform = 'web' as const;

  constructor(private readonly conversations: WebConversations, private readonly logger: Logger) {}

  async sendToUser(userId: UserId, card: CardView): Promise<CardLocation | undefined> {
    return locationOf(await this.conversations.append(directChat(userId), { author: { kind: 'groupgate' }, card }));
  }

  async updateCard(location: CardLocation, card: CardView): Promise<void> {
    const parsed = webCardLocation.safeParse(location);
    if (!parsed.success) {
      this.logger.warn({ platform: 'web' }, 'ignored a card update for a location the web chat did not issue');
      return;
    }
    await this.conversations.replaceCard(parsed.data.conversation, parsed.data.messageId, card);
  }

  async sendToChannel(address: ChannelAddress, card: CardView): Promise<CardLocation | undefined> {
    const room = roomChat(address.id);
    if (!room) return undefined;
    return locationOf(await this.conversations.append(room, { author: { kind: 'groupgate' }, card }));
  }
}
