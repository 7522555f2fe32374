import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { Platform } from '../domain/join-requests/join-request.js';
import type { DirectoryUser } from '../domain/model/directory-user.js';

/**
 * What is known about the request being served: its id (one per incoming HTTP request or
 * scheduled run), and once a turn starts, who is acting and on which platform. Log lines carry
 * the id; the audit trail reads who and where for membership changes the turn caused.
 */
export interface RequestContext {
  readonly requestId: string;
  platform?: Platform;
  actor?: Pick<DirectoryUser, 'id' | 'displayName'>;
}

const storage = new AsyncLocalStorage<RequestContext>();

// A load balancer's or proxy's id is kept when it looks like one; anything else gets a fresh id.
const acceptableId = /^[A-Za-z0-9._:-]{8,64}$/;

/** A request id: the caller's `x-request-id` when it is a plain token, else a new random one. */
export const requestIdFrom = (incoming: string | string[] | undefined): string =>
  typeof incoming === 'string' && acceptableId.test(incoming) ? incoming : randomUUID();

/** Runs `work` (and everything it starts, awaited or not) as part of the request `requestId`. */
export const runInRequest = <T>(requestId: string, work: () => T): T => storage.run({ requestId }, work);

const idsOfRequests = new WeakMap<object, string>();

/** Remembers the id given to an incoming HTTP request (the server does it as the request arrives). */
export const rememberRequestId = (request: object, requestId: string): void => void idsOfRequests.set(request, requestId);

/**
 * Runs a route's work under its HTTP request's id again. Body parsers read the body in stream
 * callbacks, which run outside the request's async context, so a route after a body parser
 * re-enters it here (one call per surface).
 */
export function inRequestOf<T>(request: object, work: () => T): T {
  const requestId = idsOfRequests.get(request);
  return requestId === undefined || storage.getStore()?.requestId === requestId ? work() : runInRequest(requestId, work);
}

/** The request being served, if any. */
export const currentRequest = (): RequestContext | undefined => storage.getStore();

/**
 * Runs a turn's work with who and where recorded on the current request; a turn that came from no
 * HTTP request (a test, a script) gets a request of its own.
 */
export function inTurn<T>(turn: { readonly actor: DirectoryUser; readonly platform: Platform }, work: () => Promise<T>): Promise<T> {
  const mark = (context: RequestContext) => {
    context.platform = turn.platform;
    context.actor = { id: turn.actor.id, displayName: turn.actor.displayName };
  };
  const current = storage.getStore();
  if (current) {
    mark(current);
    return work();
  }
  return runInRequest(randomUUID(), () => {
    mark(storage.getStore()!);
    return work();
  });
}
