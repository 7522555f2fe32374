import type { JoinRequestId, UserId } from '../model/ids.js';
import type { Change } from '../ports/store.js';
import type { CardLocation, JoinRequest, SentApprovalCard } from './join-request.js';
import type { JoinRequestPorts } from './join-request-ports.js';
import { approvalCardsOf } from './approval-cards.js';
import { keys } from './join-request-records.js';

/**
 * A card about one request that GroupGate showed someone in answer to them, where it landed: an
 * approver's copy (`pending` lists the requests waiting for them) or the requester's receipt (the
 * answer to their ask, with its Cancel button).
 */
export interface ShownCard {
  readonly requestId: JoinRequestId;
  readonly userId: UserId;
  readonly location: CardLocation;
  readonly as: 'approval' | 'receipt';
}

/**
 * Records shown cards on their requests, every request in one atomic update (`pending` showing ten
 * cards is one store call, not ten), so that what closes a request edits them with the cards sent
 * to approvers, and nobody is left with a stale Approve or Cancel button. A request closed while
 * its card was on its way gets that card edited at once. A request that is gone (forgotten)
 * records nothing.
 */
export async function recordShownCards(ports: Pick<JoinRequestPorts, 'store' | 'notifier'>, shown: readonly ShownCard[]): Promise<void> {
  const byRequest = new Map<JoinRequestId, ShownCard[]>();
  for (const card of shown) byRequest.set(card.requestId, [...(byRequest.get(card.requestId) ?? []), card]);
  const requestIds = [...byRequest.keys()];
  if (requestIds.length === 0) return;
  const cardsAt = new Map(requestIds.map((id) => [keys.request(id), byRequest.get(id)!] as const));
  const recorded = await ports.store.updateEach<JoinRequest, Recorded>([...cardsAt.keys()], (current, key) => recordOn(current, cardsAt.get(key)!, undefined));
  await Promise.all(requestIds.map(async (requestId, i) => {
    const cards = byRequest.get(requestId)!;
    // A request an earlier version stored keeps its approval cards under a key of their own: read them first, so none is forgotten.
    const stored = recorded[i] === 'earlierCards'
      ? await recordAlone(ports, requestId, cards, await earlierApprovalCards(ports, requestId))
      : recorded[i];
    if (stored && stored !== 'earlierCards') await editIfClosed(ports, stored, cards);
  }));
}

type Recorded = JoinRequest | 'earlierCards' | undefined;

const approvalsOf = (cards: readonly ShownCard[]) => cards.filter((card) => card.as === 'approval').map(({ userId, location }) => ({ userId, location }));
const receiptsOf = (cards: readonly ShownCard[]) => cards.filter((card) => card.as === 'receipt').map(({ location }) => location);

/** The request with the cards added; `earlierCards` when it keeps its approval cards apart and they were not read yet. */
function recordOn(current: JoinRequest | undefined, cards: readonly ShownCard[], earlier: readonly SentApprovalCard[] | undefined): Change<JoinRequest, Recorded> {
  if (!current) return { result: undefined };
  const [approvals, receipts] = [approvalsOf(cards), receiptsOf(cards)];
  if (approvals.length > 0 && current.approvalCards === undefined && earlier === undefined) return { result: 'earlierCards' };
  const next: JoinRequest = {
    ...current,
    ...(approvals.length > 0 ? { approvalCards: [...(current.approvalCards ?? earlier ?? []), ...approvals] } : {}),
    ...(receipts.length > 0 ? { receiptCards: [...(current.receiptCards ?? []), ...receipts] } : {}),
  };
  return { next, result: next };
}

function recordAlone(ports: Pick<JoinRequestPorts, 'store'>, requestId: JoinRequestId, cards: readonly ShownCard[], earlier: readonly SentApprovalCard[]): Promise<Recorded> {
  return ports.store.update<JoinRequest, Recorded>(keys.request(requestId), (current) => recordOn(current, cards, earlier));
}

/** A request that closed before its card was recorded: that card is edited now, as the close edited the others. */
async function editIfClosed(ports: Pick<JoinRequestPorts, 'notifier'>, stored: JoinRequest, cards: readonly ShownCard[]): Promise<void> {
  if (stored.status === 'pending') return;
  const [approvals, receipts] = [approvalsOf(cards), receiptsOf(cards)];
  if (approvals.length > 0) await ports.notifier.notify({ kind: 'approvalCardsBehind', request: stored, cards: approvals });
  if (receipts.length > 0) await ports.notifier.notify({ kind: 'receiptsBehind', request: stored, receipts });
}

async function earlierApprovalCards(ports: Pick<JoinRequestPorts, 'store'>, requestId: JoinRequestId): Promise<readonly SentApprovalCard[]> {
  const request = await ports.store.get<JoinRequest>(keys.request(requestId));
  return request ? approvalCardsOf(ports.store, request) : [];
}
