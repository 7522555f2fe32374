import type { Reply } from '../cards/card-view.js';
import type { Platform } from '../domain/join-requests/join-request.js';

/** What a person did: typed a message, or clicked a card's button. */
export type TurnKind = 'message' | 'click';

/**
 * Watches every person's message and click on its way through the core (metrics, readiness):
 * `work` is the turn; `replyOf` reads the reply out of what it returned, and `fromReply` makes a
 * result of an answer the observer gives instead (the directory still loading). Errors `work`
 * throws pass through, after being seen.
 */
export type TurnObserver = <T>(kind: TurnKind, platform: Platform, work: () => Promise<T>, replyOf: (result: T) => Reply, fromReply: (reply: Reply) => T) => Promise<T>;

/** Runs a turn under the gate's observer, if it has one. */
export function observeTurn<T>(
  gate: { readonly observeTurn?: TurnObserver | undefined }, kind: TurnKind, platform: Platform,
  work: () => Promise<T>, replyOf: (result: T) => Reply, fromReply: (reply: Reply) => T,
): Promise<T> {
  return gate.observeTurn ? gate.observeTurn(kind, platform, work, replyOf, fromReply) : work();
}
