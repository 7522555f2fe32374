import { z } from 'zod';
import { msFromIsoDuration } from '../domain/group-management/membership-duration.js';
import { decideOnJoinRequest } from '../domain/join-requests/decide-on-join-request.js';
import { parseJoinRequestId } from '../domain/join-requests/join-request-id.js';
import type { JoinRequest } from '../domain/join-requests/join-request.js';
import { keys } from '../domain/join-requests/join-request-records.js';
import { CardActions } from '../cards/card-actions.js';
import { message, type CardView, type Reply } from '../cards/card-view.js';
import { cancelRequest } from './commands/cancel-command.js';
import { withFriendlyErrors } from './friendly-errors.js';
import type { GroupGate } from './group-gate.js';
import { handleMessage, maxMessageLength } from './handle-message.js';
import { maxReasonLength, withTypedReason } from './commands/join-command.js';
import { decideRuleProposal } from './membership-rules/decide-rule-proposal.js';
import { decideMemberChangeClick } from './owner-tools/decide-member-change-click.js';
import { reviewClick } from './access-reviews/review-click.js';
import { observeTurn } from './observe-turn.js';
import { inTurn } from './request-context.js';
import type { Turn } from './turn.js';
import { alreadyCountedLine, alreadyDecidedLine, decisionRefusalWords } from './words/refusal-words.js';

const requestId = z.string().min(1).max(16);
const proposalId = z.string().min(1).max(16);
const changeId = z.string().min(1).max(16);
const reviewId = z.string().min(1).max(16);
// A page number as a button carries it (a string), or once an adapter has parsed the click already (a number).
const reviewPage = z.union([z.string().regex(/^\d{1,5}$/), z.number().int()]).transform(Number).pipe(z.number().int().min(1).max(99_999));
/** A directory user id: an Entra object id (a GUID), or the embedded tenant's. */
const memberId = z.string().min(1).max(64).regex(/^[\w-]+$/);
/** The length an approver picked for a time-bound request (ISO 8601); only ever shortens what was asked. */
const duration = z.string().max(24).regex(/^P[0-9WDTHM]+$/i, 'expected an ISO 8601 duration').optional();

/** Every card action GroupGate issues, as adapters hand them over. Anything else is refused. */
export const cardActionSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal(CardActions.approve), requestId, duration, note: z.string().max(maxReasonLength).optional() }),
  z.object({ action: z.literal(CardActions.deny), requestId, note: z.string().max(maxReasonLength).optional() }),
  z.object({ action: z.literal(CardActions.cancel), requestId }),
  z.object({ action: z.literal(CardActions.run), command: z.string().min(1).max(maxMessageLength), reason: z.string().max(maxReasonLength).optional() }),
  z.object({ action: z.literal(CardActions.applyRule), proposalId }),
  z.object({ action: z.literal(CardActions.cancelRule), proposalId }),
  z.object({ action: z.literal(CardActions.confirmChange), changeId }),
  z.object({ action: z.literal(CardActions.cancelChange), changeId }),
  z.object({ action: z.literal(CardActions.reviewKeep), reviewId, memberId }),
  z.object({ action: z.literal(CardActions.reviewRemove), reviewId, memberId, reason: z.string().max(maxReasonLength).optional() }),
  z.object({ action: z.literal(CardActions.reviewKeepRest), reviewId }),
  z.object({ action: z.literal(CardActions.reviewPage), reviewId, page: reviewPage }),
]);

export type CardAction = z.infer<typeof cardActionSchema>;

/** What a click produces: the clicked card as it should now look, and messages for the clicker. */
export interface CardActionResult {
  readonly card?: CardView;
  readonly reply: Reply;
}

/**
 * Handles a button click. The clicker is who the platform says clicked (`turn.actor`), never
 * anyone named in the card; rights and request state are read fresh, so a replayed, forwarded or
 * stale click changes nothing and shows the request as it stands. `seen` is a join request the
 * adapter read from the store for this click just now (never one a card carried): a decision goes
 * on from it, and its own atomic update checks the state again.
 */
export async function handleCardAction(gate: GroupGate, turn: Turn, payload: unknown, seen?: JoinRequest): Promise<CardActionResult> {
  return inTurn(turn, () => act(gate, turn, payload, seen));
}

async function act(gate: GroupGate, turn: Turn, payload: unknown, seen: JoinRequest | undefined): Promise<CardActionResult> {
  const parsed = cardActionSchema.safeParse(payload);
  if (!parsed.success) {
    gate.logger.warn({ platform: turn.platform, issues: parsed.error.issues.length }, 'refused a card action GroupGate did not issue');
    return observeTurn(gate, 'click', turn.platform, async () => ({ reply: [message([["That button isn't one of mine, so I ignored it."]], { tone: 'attention' })] }), replyOf, fromReply);
  }
  const action = parsed.data;
  gate.logger.info({ platform: turn.platform, action: action.action }, 'card action');
  return withFriendlyErrors(
    gate.logger,
    () => observeTurn(gate, 'click', turn.platform, async (): Promise<CardActionResult> => {
      switch (action.action) {
        case CardActions.approve:
        case CardActions.deny:
          return decide(gate, turn, action.requestId, action.action === CardActions.approve ? { verdict: 'approve', duration: action.duration, note: action.note } : { verdict: 'deny', note: action.note }, seen);
        case CardActions.cancel:
          return { reply: await cancelRequest(gate, turn, action.requestId) };
        case CardActions.run:
          return { reply: await handleMessage(gate, turn, withTypedReason(action.command, action.reason)) };
        case CardActions.applyRule:
        case CardActions.cancelRule:
          return decideRuleProposal(gate, turn, action.proposalId, action.action === CardActions.applyRule ? 'apply' : 'cancel');
        case CardActions.confirmChange:
        case CardActions.cancelChange:
          return decideMemberChangeClick(gate, turn, action.changeId, action.action === CardActions.confirmChange ? 'confirm' : 'cancel');
        case CardActions.reviewKeep:
        case CardActions.reviewRemove:
          return reviewClick(gate, turn, action.reviewId, { kind: 'decide', memberId: action.memberId, verdict: action.action === CardActions.reviewKeep ? 'keep' : 'remove', reason: 'reason' in action ? action.reason?.trim() : undefined });
        case CardActions.reviewKeepRest:
          return reviewClick(gate, turn, action.reviewId, { kind: 'keepRest' });
        case CardActions.reviewPage:
          return reviewClick(gate, turn, action.reviewId, { kind: 'page', page: action.page });
      }
    }, replyOf, fromReply),
    (reply) => ({ reply }),
  );
}

/** What the clicker is told: the card as it now stands counts as the answer when there are no words. */
const replyOf = (result: CardActionResult): Reply => (result.reply.length > 0 || !result.card ? result.reply : [result.card]);

const fromReply = (reply: Reply): CardActionResult => ({ reply });

/** The click's verdict, with the note typed on the card (sent to the requester on Approve as on Deny). */
type Choice = { readonly verdict: 'approve'; readonly duration?: string | undefined; readonly note?: string | undefined } | { readonly verdict: 'deny'; readonly note?: string | undefined };

async function decide(gate: GroupGate, turn: Turn, typedId: string, choice: Choice, seen: JoinRequest | undefined): Promise<CardActionResult> {
  const id = parseJoinRequestId(typedId);
  const shorterMs = choice.verdict === 'approve' && choice.duration ? msFromIsoDuration(choice.duration) : undefined;
  const note = choice.note;
  const outcome = id
    ? await decideOnJoinRequest(gate.requests, {
        requestId: id, deciderId: turn.actor.id, verdict: choice.verdict, platform: turn.platform,
        ...(note ? { note } : {}), ...(shorterMs !== undefined ? { shorterMs } : {}), ...(seen?.id === id ? { seen } : {}),
      })
    : ({ ok: false, error: { reason: 'requestNotFound' } } as const);
  if (outcome.ok) return { card: await gate.messenger.approvalCard(outcome.value), reply: [] };
  const now = gate.clock.now();
  if (outcome.error.reason === 'alreadyDecided') {
    const request = outcome.error.request;
    const decider = request.decidedBy ? await gate.directory.getUser(request.decidedBy) : undefined;
    return { card: await gate.messenger.approvalCard(request, 'Join request', alreadyDecidedLine(request.status, decider?.displayName, request.decidedAt, now)), reply: [] };
  }
  if (outcome.error.reason === 'alreadyCounted') return { card: await gate.messenger.approvalCard(outcome.error.request, 'Join request', alreadyCountedLine), reply: [] };
  const request = id ? await gate.store.get<JoinRequest>(keys.request(id)) : undefined;
  const group = request ? await gate.directory.getGroup(request.groupId) : undefined;
  return { reply: [decisionRefusalWords(outcome.error, group?.displayName ?? 'this group', undefined, now)] };
}
