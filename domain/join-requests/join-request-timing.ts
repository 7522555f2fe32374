import type { JoinRequest } from './join-request.js';

/** How long requests wait before owners are reminded, and before they expire. */
export interface JoinRequestTiming {
  readonly remindAfterMs: number;
  readonly expireAfterMs: number;
}

/** What a pending request needs now: nothing, a reminder to its owners, or to expire. */
export type DueAction = 'none' | 'remind' | 'expire';

/** Reminds owners once after `remindAfterMs` (one nudge, not a drip); expires after `expireAfterMs`. */
export function dueAction(request: JoinRequest, now: Date, timing: JoinRequestTiming): DueAction {
  if (request.status !== 'pending') return 'none';
  const age = now.getTime() - Date.parse(request.createdAt);
  if (age >= timing.expireAfterMs) return 'expire';
  return request.remindedAt === undefined && age >= timing.remindAfterMs ? 'remind' : 'none';
}

/** The request, expired now (only from pending). */
export const expireJoinRequest = (request: JoinRequest, now: Date): JoinRequest | undefined =>
  request.status === 'pending' ? { ...request, status: 'expired', decidedAt: now.toISOString() } : undefined;
