import { CardFactory, MessageFactory, TeamsInfo, type Activity, type CloudAdapter, type TurnContext } from 'botbuilder';
import { z } from 'zod';
import type { CardLocation, ChannelAddress, ChatChannel } from '../../bot/notify/chat-channel.js';
import type { UserId } from '../../domain/model/ids.js';
import type { Logger } from '../../domain/ports/logger.js';
import type { CardView } from '../../cards/card-view.js';
import { toAdaptiveCard } from '../../cards/render-card.js';
import { conversationReferenceSchema, type ConversationReferences, type StoredReference } from './conversation-references.js';

/** Where a card GroupGate sent in Teams lives: the conversation and the message id, for updateActivity. */
const teamsCardLocationSchema = z.object({
  platform: z.literal('teams'),
  reference: conversationReferenceSchema,
  activityId: z.string().min(1),
});

/** What the Teams channel is built from. */
export interface TeamsChatChannelParts {
  readonly adapter: CloudAdapter;
  /** The bot's Microsoft App ID; '' in no-auth mode. */
  readonly appId: string;
  readonly references: ConversationReferences;
  readonly logger: Logger;
  /** With TEAMS_INSTALL_FOR_OWNERS=on: asks Graph to install GroupGate for an approver Teams cannot reach yet. */
  readonly installForOwners?: { ask(userId: UserId): void } | undefined;
}

// TeamsInfo.sendMessageToTeamsChannel takes a path that needs an app id; with authentication off
// any non-empty id works, because the credential factory's own (empty) id is what decides.
const noAuthAppId = 'groupgate-local';

/** Builds the message activity for a card. */
export const cardActivity = (card: CardView): Partial<Activity> => MessageFactory.attachment(CardFactory.adaptiveCard(toAdaptiveCard(card)));

/** Teams as the messenger sees it: personal chats of people who installed GroupGate, and channels it was added to. */
export class TeamsChatChannel implements ChatChannel {
  readonly platform = 'teams' as const;

  constructor(private readonly parts: TeamsChatChannelParts) {}

  async sendToUser(userId: UserId, card: CardView): Promise<CardLocation | undefined> {
    const reference = await this.parts.references.person(userId);
    // Teams can't open a chat with someone who never installed the app; the messenger tells the requester.
    // An approver may get it installed for them: the card then reaches them once Teams says so.
    if (!reference) {
      if (card.kind === 'approval') this.parts.installForOwners?.ask(userId);
      return undefined;
    }
    try {
      return await this.post(reference, card);
    } catch (error) {
      if (!isGone(error)) throw error;
      this.parts.logger.info({ userId, status: statusOf(error) }, 'Teams chat is gone (uninstalled or blocked); forgetting it');
      await this.parts.references.forgetPerson(userId);
      return undefined;
    }
  }

  async updateCard(location: CardLocation, card: CardView): Promise<void> {
    const parsed = teamsCardLocationSchema.safeParse(location);
    if (!parsed.success) {
      this.parts.logger.warn({ problem: z.prettifyError(parsed.error) }, 'not a Teams card location; left the card as it was');
      return;
    }
    const { reference, activityId } = parsed.data;
    try {
      await this.continueIn(reference as StoredReference, async (context) => {
        await context.updateActivity({ ...cardActivity(card), id: activityId });
      });
    } catch (error) {
      if (!isGone(error)) throw error;
      this.parts.logger.info({ conversationId: reference.conversation.id, status: statusOf(error) }, 'Teams card is gone; not updated');
    }
  }

  async sendToChannel(address: ChannelAddress, card: CardView): Promise<CardLocation | undefined> {
    const reference = await this.parts.references.conversation(address.id);
    if (!reference) {
      this.parts.logger.warn({ conversationId: address.id }, 'GroupGate is not in this Teams conversation any more; alert not posted');
      return undefined;
    }
    if (reference.conversation.conversationType !== 'channel') return this.post(reference, card);
    // A channel post starts a new thread, so the alert is not buried in an old conversation.
    let location: CardLocation | undefined;
    await this.continueIn(reference, async (context) => {
      const [, threadId] = await TeamsInfo.sendMessageToTeamsChannel(context, cardActivity(card) as Activity, address.id, this.parts.appId || noAuthAppId);
      // What comes back is the new thread's conversation id ("…;messageid=N"); the root post is N.
      const activityId = /;messageid=(.+)$/.exec(threadId)?.[1] ?? threadId;
      location = { platform: 'teams', reference: { ...reference, conversation: { ...reference.conversation, id: threadId } }, activityId };
    });
    return location;
  }

  private async post(reference: StoredReference, card: CardView): Promise<CardLocation> {
    let activityId: string | undefined;
    await this.continueIn(reference, async (context) => {
      activityId = (await context.sendActivity(cardActivity(card)))?.id;
    });
    if (!activityId) throw new Error('the Bot Connector accepted the card but returned no message id');
    return { platform: 'teams', reference, activityId };
  }

  private async continueIn(reference: StoredReference, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    // botbuilder hands a failure inside the logic to onTurnError and returns normally; keep it, to throw it here.
    let failure: { error: unknown } | undefined;
    await this.parts.adapter.continueConversationAsync(this.parts.appId, reference, async (context) => {
      try {
        await logic(context);
      } catch (error) {
        failure = { error };
      }
    });
    if (failure) throw failure.error;
  }
}

const statusOf = (error: unknown): number | undefined => {
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' ? status : undefined;
};

/** 403 (blocked: MessageWritesBlocked, or removed from the chat) and 404 (deleted) won't get better by retrying. */
const isGone = (error: unknown) => statusOf(error) === 403 || statusOf(error) === 404;
