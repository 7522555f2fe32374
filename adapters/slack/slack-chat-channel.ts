import type { webApi } from '@slack/bolt';
import { z } from 'zod';
import type { CardLocation, ChannelAddress, ChatChannel } from '../../bot/notify/chat-channel.js';
import type { CardView } from '../../cards/card-view.js';
import type { Logger } from '../../domain/ports/logger.js';
import type { UserId } from '../../domain/model/ids.js';
import { slackErrorCode } from './slack-error-code.js';
import type { SlackIdentity } from './slack-identity.js';
import { cardArgs, noUnfurling, postedSchema } from './slack-message.js';

/** Where a card sent on Slack lives: the conversation (a D… id for a DM) and the message ts. */
const slackLocationSchema = z.object({ platform: z.literal('slack'), channel: z.string().min(1), ts: z.string().min(1) });

/** chat.update answers these when the message can no longer be edited: not worth retrying. */
const goneErrors = new Set(['message_not_found', 'channel_not_found', 'cant_update_message', 'is_archived', 'not_in_channel']);

/** chat.postMessage answers these when a person can't be sent a DM at all (left, deactivated): no contact, not a failure to retry. */
const unreachableErrors = new Set(['user_not_found', 'user_disabled', 'account_inactive', 'channel_not_found', 'cannot_dm_bot', 'not_allowed_token_type']);

/** Slack as the messenger sees it: DMs to people, edits of sent cards, posts into alert channels. */
export class SlackChatChannel implements ChatChannel {
  readonly platform = 'slack' as const;

  constructor(
    private readonly client: webApi.WebClient,
    private readonly identity: SlackIdentity,
    private readonly logger: Logger,
  ) {}

  async sendToUser(userId: UserId, card: CardView): Promise<CardLocation | undefined> {
    const slackUserId = await this.identity.slackIdFor(userId);
    if (!slackUserId) return undefined;
    try {
      return await this.post(slackUserId, card);
    } catch (error) {
      const code = slackErrorCode(error);
      if (!code || !unreachableErrors.has(code)) throw error;
      this.logger.info({ userId, slackError: code }, 'slack: this person cannot be sent a DM; treated as unreachable');
      return undefined;
    }
  }

  async updateCard(location: CardLocation, card: CardView): Promise<void> {
    const where = slackLocationSchema.safeParse(location);
    if (!where.success) {
      this.logger.warn({ platform: 'slack' }, 'slack: a stored card location is not one Slack wrote; left it alone');
      return;
    }
    try {
      // For a DM the channel must be the D… id chat.postMessage returned, never the U… user id.
      await this.client.chat.update({ channel: where.data.channel, ts: where.data.ts, ...cardArgs(card) });
    } catch (error) {
      const code = slackErrorCode(error);
      if (!code || !goneErrors.has(code)) throw error;
      this.logger.info({ channel: where.data.channel, ts: where.data.ts, slackError: code }, 'slack: card is gone; not updated');
    }
  }

  async sendToChannel(address: ChannelAddress, card: CardView): Promise<CardLocation | undefined> {
    return this.post(address.id, card);
  }

  private async post(channel: string, card: CardView): Promise<CardLocation> {
    const posted = postedSchema.parse(await this.client.chat.postMessage({ channel, ...cardArgs(card), ...noUnfurling }));
    return { platform: 'slack', channel: posted.channel, ts: posted.ts };
  }
}
