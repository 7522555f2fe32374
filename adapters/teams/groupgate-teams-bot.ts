import { TeamsActivityHandler, TurnContext, type Activity, type InvokeResponse } from 'botbuilder';
import { withFriendlyErrors } from '../../bot/friendly-errors.js';
import { handleCardAction, type CardActionResult } from '../../bot/handle-card-action.js';
import { handleMessage } from '../../bot/handle-message.js';
import type { GroupGate } from '../../bot/group-gate.js';
import { rememberShownCards } from '../../bot/notify/remember-shown-cards.js';
import { readClickedRequest } from '../../bot/read-clicked-request.js';
import type { Turn } from '../../bot/turn.js';
import type { UserId } from '../../domain/model/ids.js';
import { err, ok, type Result } from '../../domain/result.js';
import { plainText, type MessageView, type Reply } from '../../cards/card-view.js';
import { toAdaptiveCard } from '../../cards/render-card.js';
import { cardActionFromInvoke } from './card-action-from-invoke.js';
import { referenceFor, type ConversationReferences } from './conversation-references.js';
import { mentionsAsPeople } from './mentions-as-people.js';
import { rememberTeamsContact } from './remember-teams-contact.js';
import { readTeamsActivity } from './teams-activity.js';
import { cardActivity } from './teams-chat-channel.js';
import { teamsWords } from './teams-words.js';
import { welcomeOnInstall } from './welcome-on-install.js';
import { withoutBidiControls } from '../../domain/group-management/normalise-group-name.js';

/** An `adaptiveCard/action` answer: the card as the clicker should now see it, or a short message. */
interface CardInvokeResponse {
  readonly statusCode: 200;
  readonly type: 'application/vnd.microsoft.card.adaptive' | 'application/vnd.microsoft.activity.message';
  readonly value: unknown;
}

const cardResponse = (card: Record<string, unknown>): CardInvokeResponse => ({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: card });
const textResponse = (text: string): CardInvokeResponse => ({ statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: text });
const messageText = (view: MessageView) => [view.title, ...view.lines.map(plainText)].filter(Boolean).join('\n');

/**
 * The Teams side of GroupGate, kept thin: messages become `handleMessage` calls, card clicks
 * become `handleCardAction` calls, and every activity from a person refreshes where GroupGate
 * can reach them. The person is who Teams says sent the activity, never anyone a card names.
 */
export class GroupGateTeamsBot extends TeamsActivityHandler {
  constructor(
    private readonly gate: GroupGate,
    private readonly references: ConversationReferences,
  ) {
    super();
    this.onTurn(async (context, next) => {
      // Where to reach this person later is not needed for this answer: stored alongside it, not before it.
      this.gate.background.run('teams: remember contact', () => this.remember(context.activity));
      await next();
    });
    this.onMessage(async (context, next) => {
      await this.answerMessage(context);
      await next();
    });
    this.onConversationUpdate(async (context, next) => {
      // A welcome that fails (the store, the connector) is not worth failing the install event for.
      await welcomeOnInstall(this.gate, context).catch((error: unknown) => this.gate.logger.warn({ err: error }, 'could not welcome a person who installed GroupGate in Teams'));
      await next();
    });
  }

  protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    if (context.activity.name !== 'adaptiveCard/action') return super.onInvokeActivity(context);
    const response = await withFriendlyErrors(this.gate.logger, () => this.answerCardAction(context), (reply) =>
      textResponse(reply.map((view) => (view.kind === 'message' ? messageText(view) : '')).join('\n')),
    );
    return { status: response.statusCode, body: response };
  }

  private async answerMessage(context: TurnContext): Promise<void> {
    // In channels and group chats the text starts with "<at>GroupGate</at>"; Teams may pad with non-breaking spaces.
    // Bidi controls go too: they make a name or reason read in another order than it is stored.
    const text = withoutBidiControls((TurnContext.removeRecipientMention(context.activity) ?? context.activity.text ?? '').replace(/\u00a0|&nbsp;/g, ' ')).trim();
    let actor: UserId | undefined;
    const reply = await withFriendlyErrors(
      this.gate.logger,
      async () => {
        const turn = await this.turnFor(context.activity);
        if (turn.ok) actor = turn.value.actor.id;
        return turn.ok ? handleMessage(this.gate, turn.value, await mentionsAsPeople(context.activity, text, this.gate.directory)) : [turn.error];
      },
      (fallback) => fallback,
    );
    await this.send(context, actor, reply);
  }

  /** Posts a reply, one message per card, and records where the cards about a join request landed (rememberShownCards). */
  private async send(context: TurnContext, actor: UserId | undefined, reply: Reply): Promise<void> {
    const sent = await context.sendActivities(reply.map(cardActivity));
    const reference = referenceFor(context.activity);
    if (!actor || !reference) return;
    rememberShownCards(this.gate, actor, reply.map((card, i) => ({ card, ...(sent[i]?.id ? { location: { platform: 'teams', reference, activityId: sent[i]!.id } } : {}) })));
  }

  private async answerCardAction(context: TurnContext): Promise<CardInvokeResponse> {
    const reading = cardActionFromInvoke(context.activity.value);
    if (reading.kind === 'refresh') return textResponse(teamsWords.nothingToRefresh);
    // The clicker and the request an Approve or Deny names are read together (one round trip, not two).
    const action = reading.kind === 'click' ? reading.action : reading.payload;
    const [turn, request] = await Promise.all([this.turnFor(context.activity), readClickedRequest(this.gate.store, action)]);
    if (!turn.ok) return textResponse(messageText(turn.error));
    if (reading.kind === 'refused') this.gate.logger.warn({ problem: reading.problem }, 'Teams card invoke GroupGate cannot act on');
    // handleCardAction is the one place that refuses clicks GroupGate did not issue, in words.
    const result = await handleCardAction(this.gate, turn.value, action, request);
    // Fan-out to other owners and the requester already runs in the background: Teams waits ~5 s at most.
    return this.answerClick(context, turn.value.actor.id, result);
  }

  private async answerClick(context: TurnContext, actor: UserId, result: CardActionResult): Promise<CardInvokeResponse> {
    const [only] = result.reply;
    if (!result.card && result.reply.length === 1 && only?.kind === 'message' && !only.buttons?.length && !only.preformatted) {
      return textResponse(messageText(only));
    }
    if (result.reply.length > 0) await this.send(context, actor, result.reply);
    return result.card ? cardResponse(toAdaptiveCard(result.card)) : textResponse(teamsWords.answeredInChat);
  }

  /** The directory user who sent the activity, or the words telling them GroupGate doesn't know them. */
  private async turnFor(activity: Activity): Promise<Result<Turn, MessageView>> {
    const read = readTeamsActivity(activity);
    if (!read.ok) {
      this.gate.logger.warn({ problem: read.error }, 'Teams activity without a usable sender or conversation');
      return err(teamsWords.unknownPerson);
    }
    const { aadObjectId, conversation } = read.value;
    const actor = aadObjectId ? await this.gate.directory.getUser(aadObjectId as UserId) : undefined;
    return actor ? ok({ actor, platform: 'teams', conversation }) : err(teamsWords.unknownPerson);
  }

  private async remember(activity: Activity): Promise<void> {
    try {
      await rememberTeamsContact(this.gate, this.references, activity);
    } catch (error) {
      // Answering matters more than remembering; the next activity tries again.
      this.gate.logger.warn({ err: error }, 'could not store where to reach this Teams conversation');
    }
  }
}
