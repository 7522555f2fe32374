import { parseJoinRequestId } from '../domain/join-requests/join-request-id.js';
import type { JoinRequest } from '../domain/join-requests/join-request.js';
import { keys } from '../domain/join-requests/join-request-records.js';
import type { Store } from '../domain/ports/store.js';
import { CardActions } from '../cards/card-actions.js';

/**
 * The join request an Approve or Deny click names, read from the store now, so that an adapter can
 * read it together with the clicker (one round trip, not two) and hand it to handleCardAction as
 * `seen`. Undefined for any other click, for an id that is not one, and when the store does not
 * answer: the decision then reads it itself and answers in the house words. Only the id comes from
 * the payload; what the request says is the store's.
 */
export async function readClickedRequest(store: Store, payload: unknown): Promise<JoinRequest | undefined> {
  if (typeof payload !== 'object' || payload === null) return undefined;
  const { action, requestId } = payload as { readonly action?: unknown; readonly requestId?: unknown };
  if ((action !== CardActions.approve && action !== CardActions.deny) || typeof requestId !== 'string') return undefined;
  return readJoinRequest(store, requestId);
}

/** The join request with this typed id, if it is one and the store holds it (undefined when the store does not answer). */
export async function readJoinRequest(store: Store, typedId: string): Promise<JoinRequest | undefined> {
  const id = parseJoinRequestId(typedId);
  return id ? store.get<JoinRequest>(keys.request(id)).catch(() => undefined) : undefined;
}
