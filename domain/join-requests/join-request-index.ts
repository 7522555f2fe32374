import type { JoinRequestId, UserId } from '../model/ids.js';
import type { Store, StoreWrite } from '../ports/store.js';
import { needsFollowUp, type JoinRequest } from './join-request.js';
import { keys, listJoinRequests } from './join-request-records.js';

/**
 * Indexes of join requests, as store sets in the requests' own family (so a request and its index
 * entries are written in one atomic batch): each requester's requests, and the open ones (pending,
 * or decided and not yet carried through). `join`, `my requests`, `pending` and the sweep read
 * these instead of listing every request kept (90 days of a big tenant's requests).
 *
 * The sets may hold more than is true, never less: an id is added before or with its request and
 * taken out only once the request is settled or gone, so readers check each request they read and
 * drop the stale ids they meet.
 */
export const requestIndexKeys = {
  byRequester: (requesterId: UserId) => `join-request:index:requester:${requesterId}`,
  open: 'join-request:index:open',
  /** Set once the requests an earlier version stored were indexed (outside the requests' prefix, so no listing meets it). */
  built: 'join-request-index:built',
};

/** The index entries a new request gets (its requester's, then the open set), to go in the same batch that creates it. */
export function indexNewRequest(request: Pick<JoinRequest, 'id' | 'requesterId'>): StoreWrite[] {
  return [
    { addTo: requestIndexKeys.byRequester(request.requesterId), members: [request.id] },
    { addTo: requestIndexKeys.open, members: [request.id] },
  ];
}

/** The index entries a forgotten request leaves behind, to remove with it. */
export function unindexRequest(request: Pick<JoinRequest, 'id' | 'requesterId'>): StoreWrite[] {
  return [
    { removeFrom: requestIndexKeys.byRequester(request.requesterId), members: [request.id] },
    { removeFrom: requestIndexKeys.open, members: [request.id] },
  ];
}

/** A requester's requests (pending and closed, as long as they are kept). */
export async function requestsOf(store: Store, requesterId: UserId): Promise<JoinRequest[]> {
  await indexStoredRequests(store);
  const key = requestIndexKeys.byRequester(requesterId);
  const found = await readIndexed(store, await store.setMembers(key));
  const mine = found.requests.filter((r) => r.requesterId === requesterId);
  if (found.missing.length > 0) await store.write([{ removeFrom: key, members: found.missing }]);
  return mine;
}

/** A requester's pending requests. */
export async function pendingOf(store: Store, requesterId: UserId): Promise<JoinRequest[]> {
  return (await requestsOf(store, requesterId)).filter((r) => r.status === 'pending');
}

/** Requests pending or still to be carried through (settled ones met here are dropped from the index). */
export async function openRequests(store: Store): Promise<JoinRequest[]> {
  await indexStoredRequests(store);
  const found = await readIndexed(store, await store.setMembers(requestIndexKeys.open));
  const open = found.requests.filter(isOpen);
  const stale = [...found.missing, ...found.requests.filter((r) => !isOpen(r)).map((r) => r.id)];
  if (stale.length > 0) await store.write([{ removeFrom: requestIndexKeys.open, members: stale }]);
  return open;
}

const isOpen = (request: JoinRequest) => request.status === 'pending' || needsFollowUp(request);

async function readIndexed(store: Store, ids: readonly string[]): Promise<{ requests: JoinRequest[]; missing: string[] }> {
  if (ids.length === 0) return { requests: [], missing: [] };
  const read = await store.getMany<JoinRequest>(ids.map((id) => keys.request(id as JoinRequestId)));
  return { requests: read.filter((r): r is JoinRequest => r !== undefined), missing: ids.filter((_, i) => read[i] === undefined) };
}

// Once per store object and process: after the marker is seen, readers go straight to the sets.
const indexed = new WeakMap<Store, Promise<void>>();

/**
 * Indexes the requests a store written by an earlier version holds (one listing, once per store;
 * several instances doing it at once add the same members). Later requests are indexed as they are made.
 */
export function indexStoredRequests(store: Store): Promise<void> {
  let done = indexed.get(store);
  if (!done) {
    done = buildOnce(store).catch((error: unknown) => {
      indexed.delete(store); // try again on the next read
      throw error;
    });
    indexed.set(store, done);
  }
  return done;
}

async function buildOnce(store: Store): Promise<void> {
  if (await store.get<boolean>(requestIndexKeys.built)) return;
  await indexRequests(store, await listJoinRequests(store));
  await store.put(requestIndexKeys.built, true);
}

/**
 * Adds these requests' index entries (adding one that is there changes nothing). Run on every
 * request kept by the sweep's daily forgetting pass too: a request an earlier version made during
 * a rolling update, after the index was built, is picked up within a day.
 */
export async function indexRequests(store: Store, requests: readonly JoinRequest[]): Promise<void> {
  const writes = requests.flatMap((r) => (isOpen(r) ? indexNewRequest(r) : indexNewRequest(r).slice(0, 1)));
  for (let start = 0; start < writes.length; start += 2_000) await store.write(writes.slice(start, start + 2_000));
}
