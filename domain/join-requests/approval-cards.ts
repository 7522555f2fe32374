import type { Store } from '../ports/store.js';
import type { JoinRequest, SentApprovalCard } from './join-request.js';
import type { JoinRequestPorts } from './join-request-ports.js';
import { patchRequest } from './join-request-records.js';

/** Where an earlier version kept a request's approval cards, before they moved onto the request. */
const legacyCardsKey = (request: Pick<JoinRequest, 'id'>) => `card-locations:${request.id}`;

/** Every approval card sent for the request: on the record, or for a request an earlier version stored, under the key it used. */
export async function approvalCardsOf(store: Store, request: JoinRequest): Promise<readonly SentApprovalCard[]> {
  return request.approvalCards ?? (await store.get<SentApprovalCard[]>(legacyCardsKey(request))) ?? [];
}

/**
 * Records where cards just landed, in one update of the request together with `alsoChange` (the
 * mark of approvers still to tell, say). A request decided while they were on their way gets those
 * cards edited at once: the decision's follow-up edits only the cards recorded before it.
 */
export async function recordApprovalCards(
  ports: Pick<JoinRequestPorts, 'store' | 'notifier'>,
  request: JoinRequest,
  cards: readonly SentApprovalCard[],
  alsoChange: (current: JoinRequest) => JoinRequest | undefined = () => undefined,
): Promise<JoinRequest> {
  // A request an earlier version stored starts its list with the cards kept apart then, so none is forgotten.
  const earlier = cards.length > 0 && request.approvalCards === undefined ? await approvalCardsOf(ports.store, request) : [];
  const stored = await patchRequest(ports.store, request, (current) => {
    const changed = alsoChange(current);
    if (cards.length === 0) return changed;
    const base = changed ?? current;
    return { ...base, approvalCards: [...(base.approvalCards ?? earlier), ...cards] };
  });
  if (cards.length > 0 && stored.status !== 'pending') await ports.notifier.notify({ kind: 'approvalCardsBehind', request: stored, cards });
  return stored;
}
