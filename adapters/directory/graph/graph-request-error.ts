/** Why a Graph request failed, in the words GroupGate acts on. */
export type GraphFailure =
  | 'notFound'
  | 'alreadyExists'
  | 'badRequest'
  | 'unauthorized'
  | 'forbidden'
  | 'throttled'
  | 'unavailable'
  | 'resyncRequired'
  | 'unreachable'
  | 'unexpectedAnswer';

/**
 * A Microsoft Graph request that did not succeed: the HTTP status, Graph's error code and message,
 * and GroupGate's reading of it. The message never carries a token.
 */
export class GraphRequestError extends Error {
  override readonly name = 'GraphRequestError';

  constructor(
    readonly reason: GraphFailure,
    message: string,
    readonly details: { readonly status?: number; readonly code?: string; readonly method?: string; readonly path?: string } = {},
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/**
 * Reads an HTTP status (and Graph's error code and message) as a failure reason. A delta link
 * Graph no longer knows is answered 400 `syncStateNotFound` when its token is too old (about 7
 * days unused) and 410 after a maintenance reset: either way the feed must be read again whole.
 */
export function graphFailure(status: number, message: string, code = ''): GraphFailure {
  if (/^(syncStateNotFound|resyncRequired)$/i.test(code)) return 'resyncRequired';
  if (status === 400 && /already exist/i.test(message)) return 'alreadyExists';
  if (status === 404) return 'notFound';
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 410) return 'resyncRequired';
  if (status === 429) return 'throttled';
  if (status >= 500) return 'unavailable';
  return 'badRequest';
}
