import type { Platform } from '../../domain/join-requests/join-request.js';
import type { UserId } from '../../domain/model/ids.js';
import type { CardView } from '../../cards/card-view.js';
import type { CardLocation, ChannelAddress, ChatChannel } from '../../bot/notify/chat-channel.js';

/** An in-memory chat platform that records what GroupGate sends; `reachable` limits who can get messages. */
export class RecordingChannel implements ChatChannel {
  readonly sent: Array<{ to: UserId; card: CardView; location: CardLocation }> = [];
  readonly updates: Array<{ location: CardLocation; card: CardView }> = [];
  readonly posted: Array<{ address: ChannelAddress; card: CardView; location: CardLocation }> = [];
  private next = 1;

  constructor(readonly platform: Platform = 'web', private readonly reachable?: (id: UserId) => boolean) {}

  async sendToUser(userId: UserId, card: CardView): Promise<CardLocation | undefined> {
    if (this.reachable && !this.reachable(userId)) return undefined;
    const location = { platform: this.platform, messageId: `m${this.next++}`, userId };
    this.sent.push({ to: userId, card, location });
    return location;
  }

  async updateCard(location: CardLocation, card: CardView): Promise<void> {
    this.updates.push({ location, card });
  }

  async sendToChannel(address: ChannelAddress, card: CardView): Promise<CardLocation | undefined> {
    const location = { platform: this.platform, messageId: `c${this.next++}` };
    this.posted.push({ address, card, location });
    return location;
  }

  /** Cards sent to one person. */
  to(userId: string): CardView[] {
    return this.sent.filter((s) => s.to === userId).map((s) => s.card);
  }
}
