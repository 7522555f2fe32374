import type { JoinRequestId, UserId } from '../model/ids.js';
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
 * Records shown cards on their requests (all the updates sent together), so that what closes a
 * request edits them with the cards sent to approvers, and nobody is left with a stale Approve or
 * Cancel button. A request closed while its card was on its way gets that card edited at once.
 * A request that is gone (forgotten) records nothing.
 */
export async function recordShownCards(ports: Pick<JoinRequestPorts, 'store' | 'notifier'>, shown: readonly ShownCard[]): Promise<void> {
  const byRequest = new Map<JoinRequestId, ShownCard[]>();
  for (const card of shown) byRequest.set(card.requestId, [...(byRequest.get(card.requestId) ?? []), card]);
  await Promise.all([...byRequest].map(([requestId, cards]) => recordOnRequest(ports, requestId, cards)));
}

async function recordOnRequest(ports: Pick<JoinRequestPorts, 'store' | 'notifier'>, requestId: JoinRequestId, cards: readonly ShownCard[]): Promise<void> {
  const approvals = cards.filter((card) => card.as === 'approval').map(({ userId, location }) => ({ userId, location }));
  const receipts = cards.filter((card) => card.as === 'receipt').map(({ location }) => location);
  const record = (earlier: readonly SentApprovalCard[] | undefined) =>
    ports.store.update<JoinRequest, JoinRequest | 'earlierCards' | undefined>(keys.request(requestId), (current) => {
      if (!current) return { result: undefined };
      // A request an earlier version stored keeps its approval cards under a key of their own: read them first, so none is forgotten.
      if (approvals.length > 0 && current.approvalCards === undefined && earlier === undefined) return { result: 'earlierCards' };
      const next: JoinRequest = {
        ...current,
        ...(approvals.length > 0 ? { approvalCards: [...(current.approvalCards ?? earlier ?? []), ...approvals] } : {}),
        ...(receipts.length > 0 ? { receiptCards: [...(current.receiptCards ?? []), ...receipts] } : {}),
      };
      return { next, result: next };
    });
  const first = await record(undefined);
  const stored = first === 'earlierCards' ? await record(await earlierApprovalCards(ports, requestId)) : first;
  if (stored === 'earlierCards') return;
  if (!stored || stored.status === 'pending') return;
  if (approvals.length > 0) await ports.notifier.notify({ kind: 'approvalCardsBehind', request: stored, cards: approvals });
  if (receipts.length > 0) await ports.notifier.notify({ kind: 'receiptsBehind', request: stored, receipts });
}

async function earlierApprovalCards(ports: Pick<JoinRequestPorts, 'store'>, requestId: JoinRequestId): Promise<readonly SentApprovalCard[]> {
  const request = await ports.store.get<JoinRequest>(keys.request(requestId));
  return request ? approvalCardsOf(ports.store, request) : [];
}
