import type { webApi } from '@slack/bolt';
import type { CardView, Reply } from '../../cards/card-view.js';
import { withFriendlyErrors } from '../../bot/friendly-errors.js';
import type { GroupGate } from '../../bot/group-gate.js';
import type { Turn } from '../../bot/turn.js';
import type { PostedCard } from '../../bot/notify/remember-shown-cards.js';
import { err, ok, type Result } from '../../domain/result.js';
import { slackMessagesFor } from './combine-slack-messages.js';
import { homeView } from './home-view.js';
import { identityProblemWords } from './identity-problem-words.js';
import { ephemeral, postToResponseUrl, replaceOriginal } from './post-to-response-url.js';
import { SlackIdentity } from './slack-identity.js';
import { cardArgs, messageArgs, noUnfurling, postedSchema } from './slack-message.js';

/** A response_url takes at most 5 posts. */
const responseUrlPosts = 5;

/** The conversation a Slack channel id names: D… is a direct chat, G… a group, C… a channel. */
export function slackConversation(channelId: string): NonNullable<Turn['conversation']> {
  const kind = channelId.startsWith('D') ? 'personal' : channelId.startsWith('G') ? 'group' : 'channel';
  return { platform: 'slack', id: channelId, kind };
}

/** What every Slack handler works with: the core, the Web API client, and who is who. */
export class SlackSurface {
  readonly identity: SlackIdentity;

  constructor(
    readonly gate: GroupGate,
    readonly client: webApi.WebClient,
    readonly botUserId: string,
  ) {
    this.identity = new SlackIdentity(gate, client);
  }

  /** Runs a handler's work after its ack, tracked so shutdown (and tests) can wait for it. */
  afterAck(name: string, work: () => Promise<unknown>): void {
    this.gate.background.run(name, work);
  }

  /**
   * The turn for a Slack user in a conversation, or the words saying why GroupGate won't act for
   * them — including when the lookup itself failed (store or Slack down): fail closed, in words.
   */
  async turnFor(slackUserId: string, channelId?: string): Promise<Result<Turn, Reply>> {
    return withFriendlyErrors(
      this.gate.logger,
      async (): Promise<Result<Turn, Reply>> => {
        const person = await this.identity.directoryUserFor(slackUserId);
        if (!person.ok) {
          this.gate.logger.info({ slackUserId, problem: person.error }, 'slack: refused a user GroupGate could not match to the directory');
          return err([identityProblemWords(person.error)]);
        }
        return ok({ actor: person.value, platform: 'slack', ...(channelId ? { conversation: slackConversation(channelId) } : {}) });
      },
      (reply) => err(reply),
    );
  }

  /** Posts a reply into a conversation (a user id opens their DM), one message per card, in order: each card with where it landed. */
  async post(channel: string, reply: Reply, threadTs?: string): Promise<PostedCard[]> {
    const posted: PostedCard[] = [];
    for (const [i, message] of slackMessagesFor(reply).entries()) {
      const answer = postedSchema.safeParse(await this.client.chat.postMessage({ channel, ...messageArgs(message), ...noUnfurling, ...(threadTs ? { thread_ts: threadTs } : {}) }));
      posted.push({ card: reply[i]!, ...(answer.success ? { location: { platform: 'slack', channel: answer.data.channel, ts: answer.data.ts } } : {}) });
    }
    return posted;
  }

  /** Answers through a response_url with messages only the person sees. */
  async respondEphemeral(responseUrl: string, reply: Reply, postsLeft = responseUrlPosts): Promise<void> {
    for (const message of slackMessagesFor(reply, postsLeft)) await postToResponseUrl(responseUrl, messageArgs(message), ephemeral);
  }

  /** Replaces the message a response_url belongs to with a card. */
  async replaceOriginal(responseUrl: string, card: CardView): Promise<void> {
    await postToResponseUrl(responseUrl, cardArgs(card), replaceOriginal);
  }

  /** Publishes a person's App Home tab as it stands now. */
  async publishHome(slackUserId: string, turn: Result<Turn, Reply>): Promise<void> {
    await this.client.views.publish({ user_id: slackUserId, view: await homeView(this.gate, turn) });
  }
}
