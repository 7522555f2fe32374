import type { CardLocation, Platform } from '../../domain/join-requests/join-request.js';
import type { UserId } from '../../domain/model/ids.js';
import type { CardView } from '../../cards/card-view.js';

export type { CardLocation };

/** A conversation GroupGate can post into without being asked (an alerts channel). */
export interface ChannelAddress {
  readonly platform: Platform;
  /** Stable id of the conversation, for display and de-duplication. */
  readonly id: string;
  readonly name?: string;
  readonly [detail: string]: unknown;
}

/** One chat platform as the messenger sees it. Adapters implement it. */
export interface ChatChannel {
  readonly platform: Platform;
  /** Sends a card to one person directly; undefined when they can't be reached on this platform. */
  sendToUser(userId: UserId, card: CardView): Promise<CardLocation | undefined>;
  /** Replaces a card sent earlier. A card that is gone (deleted, blocked) is not an error. */
  updateCard(location: CardLocation, card: CardView): Promise<void>;
  /** Posts a card into a channel or group conversation. */
  sendToChannel(address: ChannelAddress, card: CardView): Promise<CardLocation | undefined>;
}
