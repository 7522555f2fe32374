import { approvalCardsOf } from '../../domain/join-requests/approval-cards.js';
import type { JoinRequest, Platform, SentApprovalCard } from '../../domain/join-requests/join-request.js';
import type { JoinRequestTiming } from '../../domain/join-requests/join-request-timing.js';
import type { UserId } from '../../domain/model/ids.js';
import type { Clock } from '../../domain/ports/clock.js';
import type { Directory } from '../../domain/ports/directory.js';
import type { Logger } from '../../domain/ports/logger.js';
import type { Notification, Notifier, NotifyReport } from '../../domain/ports/notifier.js';
import type { Store } from '../../domain/ports/store.js';
import { membershipEndKeys, type MembershipEnd } from '../../domain/time-bound-membership/membership-end.js';
import type { CardView, Line, MessageView } from '../../cards/card-view.js';
import { approvalView, type LicenseImpactLine } from '../views/approval-view.js';
import { closedReceipt, outcomeForRequester } from '../words/outcome-words.js';
import { approvalNotesLines, escalatedMessage, stageReachedMessage } from '../words/stage-reached-words.js';
import { membershipEndedMessage, membershipEndingMessage } from '../words/time-bound-words.js';
import type { CardLocation, ChannelAddress, ChatChannel } from './chat-channel.js';

/** What the messenger reads to build cards. */
export interface MessengerParts {
  readonly store: Store;
  readonly directory: Directory;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly timing: JoinRequestTiming;
}

/** What became of one approval card: on its way, nowhere to send it (no platform knows the person), or a platform failed. */
export type ApprovalDelivery = 'sent' | 'noContact' | 'failed';

/**
 * The Notifier: turns what happened into cards and delivers them on every platform a person can
 * be reached on. It says where each approval card landed (the request records it), so that after
 * a decision every approver's copy is edited to show who decided.
 */
export class Messenger implements Notifier {
  private readonly channels: ChatChannel[] = [];
  /** Adds a line about license impact to approval cards (licensing plugs in here). */
  licenseImpact: LicenseImpactLine = async () => undefined;

  constructor(private readonly parts: MessengerParts) {}

  /** Registers a platform; adapters call this when they start. */
  addChannel(channel: ChatChannel): void {
    this.channels.push(channel);
  }

  async notify(notification: Notification): Promise<NotifyReport> {
    switch (notification.kind) {
      case 'approvalRequested':
        return this.askApprovers(notification.request, notification.approverIds, notification.reminder);
      case 'requestClosed':
        await this.closeRequest(notification.request);
        return { unreachable: [] };
      case 'approvalCounted':
        await this.updateApprovalCards(notification.request, await approvalCardsOf(this.parts.store, notification.request));
        return { unreachable: [] };
      case 'stageReached':
        await Promise.all([
          this.updateApprovalCards(notification.request, await approvalCardsOf(this.parts.store, notification.request)),
          this.sendToUser(notification.request.requesterId, await stageReachedMessage(this.parts.directory, notification.request, notification.approverIds)),
        ]);
        return { unreachable: [] };
      case 'requestEscalated':
        await this.sendToUser(notification.request.requesterId, await escalatedMessage(this.parts.directory, notification.request, notification.approverIds));
        return { unreachable: [] };
      case 'approvalCardsBehind':
        await this.updateApprovalCards(notification.request, notification.cards);
        return { unreachable: [] };
      case 'receiptsBehind':
        await this.updateReceipts(notification.request, notification.receipts, (await this.requesterOutcome(notification.request)).receipt);
        return { unreachable: [] };
      case 'membershipEnding':
      case 'membershipEnded':
        return this.tellMember(notification.membership, notification.kind);
    }
  }

  /** Sends a card to one person on every platform they use; returns where it landed. */
  async sendToUser(userId: UserId, card: CardView): Promise<CardLocation[]> {
    return (await this.deliver(userId, card)).locations;
  }

  /** Like sendToUser (on one platform when `on` says which), and says whether a platform failed trying (as opposed to not knowing the person). */
  private async deliver(userId: UserId, card: CardView, on?: Platform): Promise<{ readonly locations: CardLocation[]; readonly failed: boolean }> {
    let failed = false;
    const sent = await Promise.all(
      this.channels.filter((channel) => on === undefined || channel.platform === on).map((channel) =>
        channel.sendToUser(userId, card).catch((error: unknown) => {
          this.parts.logger.warn({ platform: channel.platform, userId, err: error }, 'could not send a card');
          failed = true;
          return undefined;
        }),
      ),
    );
    return { locations: sent.filter((location): location is CardLocation => location !== undefined), failed };
  }

  /** Posts a card into a subscribed channel. */
  async sendToChannel(address: ChannelAddress, card: CardView): Promise<CardLocation | undefined> {
    const channel = this.channels.find((c) => c.platform === address.platform);
    return channel?.sendToChannel(address, card);
  }

  /** Edits a card sent earlier; failures are logged, since the card may be gone. */
  async updateCard(location: CardLocation, card: CardView): Promise<void> {
    const channel = this.channels.find((c) => c.platform === location.platform);
    await channel?.updateCard(location, card).catch((error: unknown) => {
      this.parts.logger.warn({ platform: location.platform, err: error }, 'could not update a card');
    });
  }

  /** The approval card for a request as it stands now, with an optional notice line on top. */
  async approvalCard(request: JoinRequest, heading = 'Join request', notice?: Line, forStage?: number): Promise<CardView> {
    return approvalView(this.parts, request, { heading, licenseImpact: this.licenseImpact, ...(notice ? { notice } : {}), ...(forStage !== undefined ? { forStage } : {}) });
  }

  /**
   * Sends one approver the approval card for a request — on every platform, or only `on` (where they
   * just became reachable) — and says what became of it and where it landed (for the request to record).
   */
  async sendApprovalCard(request: JoinRequest, approverId: UserId, heading = 'Join request', on?: Platform): Promise<{ readonly delivery: ApprovalDelivery; readonly cards: readonly SentApprovalCard[] }> {
    const { delivery, cards } = await this.sendApprovalCards(request, [approverId], heading, on);
    return { delivery: delivery[0]!, cards };
  }

  /** Sends each approver the card (one card built for all): what became of each, and where they all landed. */
  private async sendApprovalCards(request: JoinRequest, approverIds: readonly UserId[], heading: string, on?: Platform): Promise<{ delivery: ApprovalDelivery[]; cards: SentApprovalCard[] }> {
    const card = await this.approvalCard(request, heading);
    const delivered = await Promise.all(approverIds.map((id) => this.deliver(id, card, on)));
    return {
      delivery: delivered.map(({ locations, failed }) => (locations.length > 0 ? 'sent' : failed ? 'failed' : 'noContact')),
      // A request of stages records each card's stage, so a later stage leaves it showing the stage approved.
      cards: delivered.flatMap(({ locations }, i) => locations.map((location) => ({ userId: approverIds[i]!, location, ...(request.stages?.length ? { stage: request.stage ?? 0 } : {}) }))),
    };
  }

  private async askApprovers(request: JoinRequest, approverIds: readonly UserId[], reminder: boolean): Promise<NotifyReport> {
    const heading = reminder ? 'Still waiting' : 'Join request';
    const { delivery, cards } = await this.sendApprovalCards(request, approverIds, heading);
    return {
      unreachable: approverIds.filter((_, i) => delivery[i] === 'noContact'),
      failed: approverIds.filter((_, i) => delivery[i] === 'failed'),
      cards,
    };
  }

  /** Edits these approval cards of a waiting request to show it as it stands (seats moved, say). */
  async refreshApprovalCards(request: JoinRequest, cards: readonly SentApprovalCard[]): Promise<void> {
    await this.updateApprovalCards(request, cards);
  }

  /** Edits these approval cards to show the request as it stands. */
  private async updateApprovalCards(request: JoinRequest, cards: readonly SentApprovalCard[]): Promise<void> {
    // One card per stage the copies were sent for (a card with no stage shows the request as it stands).
    const stages = [...new Set(cards.map((c) => c.stage))];
    const built = new Map(await Promise.all(stages.map(async (stage) => [stage, await this.approvalCard(request, 'Join request', undefined, stage)] as const)));
    await Promise.all(cards.map(({ location, stage }) => this.updateCard(location, built.get(stage)!)));
  }

  /** Every approver's card shows the outcome, and the requester hears it: both at once (neither waits on the other). */
  private async closeRequest(request: JoinRequest): Promise<void> {
    await Promise.all([this.updateApprovalCards(request, await approvalCardsOf(this.parts.store, request)), this.tellRequester(request)]);
  }

  /** The requester hears the outcome (unless they closed it themselves), and their receipts say where it ended, with no Cancel button left. */
  private async tellRequester(request: JoinRequest): Promise<void> {
    const { told, receipt } = await this.requesterOutcome(request);
    await Promise.all([told ? this.sendToUser(request.requesterId, told) : undefined, this.updateReceipts(request, request.receiptCards ?? [], receipt)]);
  }

  private async requesterOutcome(request: JoinRequest): Promise<{ readonly told?: MessageView; readonly receipt: MessageView }> {
    const group = await this.parts.directory.getGroup(request.groupId);
    const decider = request.decidedBy ? await this.parts.directory.getUser(request.decidedBy) : undefined;
    // Only a time-bound request (it carries its duration) can have granted a membership that ends.
    const timeBoundAsked = request.status === 'approved' && (request.approvedDuration ?? request.duration) !== undefined;
    const end = timeBoundAsked ? await this.parts.store.get<MembershipEnd>(membershipEndKeys.one(request.groupId, request.requesterId)) : undefined;
    const timeBound = end?.requestId === request.id ? { endsAt: end.endsAt, now: this.parts.clock.now() } : undefined;
    const groupName = group?.displayName ?? 'the group';
    const outcome = outcomeForRequester(request, groupName, decider?.displayName, this.parts.timing, timeBound);
    // The approvers' notes reach the requester with the outcome, on Approve as on Deny.
    const notes = request.status === 'approved' ? await approvalNotesLines(this.parts.directory, request) : [];
    const told = outcome && notes.length > 0 ? { ...outcome, lines: [...outcome.lines, ...notes] } : outcome;
    return { ...(told ? { told } : {}), receipt: closedReceipt(request, groupName, decider?.displayName) };
  }

  /** Edits the requester's receipts of a closed request to what it came to. */
  private async updateReceipts(request: JoinRequest, receipts: readonly CardLocation[], receipt: MessageView): Promise<void> {
    if (request.status === 'pending') return;
    await Promise.all(receipts.map((location) => this.updateCard(location, receipt)));
  }

  /** A time-bound member's reminder (with Extend and I'm done) or the word that their time ended. */
  private async tellMember(membership: MembershipEnd, kind: 'membershipEnding' | 'membershipEnded'): Promise<NotifyReport> {
    const name = (await this.parts.directory.getGroup(membership.groupId))?.displayName ?? 'a group that no longer exists';
    const card = kind === 'membershipEnding' ? membershipEndingMessage(name, membership, this.parts.clock.now()) : membershipEndedMessage(name, membership);
    const reached = await this.sendToUser(membership.userId, card);
    return { unreachable: reached.length === 0 ? [membership.userId] : [] };
  }
}
