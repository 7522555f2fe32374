import { needsFollowUp, type JoinRequest } from './join-request.js';

/** How long requests wait before owners are reminded, before they expire, and how long a closed one is kept. */
export interface JoinRequestTiming {
  readonly remindAfterMs: number;
  readonly expireAfterMs: number;
  /** How long a closed request (decided, cancelled, expired, and carried through) is kept; default 90 days. */
  readonly keepClosedForMs?: number;
}

export const defaultKeepClosedForMs = 90 * 86_400_000;

/**
 * True when a closed request has been kept long enough to be forgotten. Its history stays in the
 * audit log; forgetting it keeps what every join and sweep reads from growing without end.
 */
export function closedLongAgo(request: JoinRequest, now: Date, timing: JoinRequestTiming): boolean {
  if (request.status === 'pending' || needsFollowUp(request)) return false;
  const closedAt = Date.parse(request.decidedAt ?? request.createdAt);
  return now.getTime() - closedAt >= (timing.keepClosedForMs ?? defaultKeepClosedForMs);
}

/** What a pending request needs now: nothing, a reminder to its owners, its stage sent to alternates, or to expire. */
export type DueAction = 'none' | 'remind' | 'escalate' | 'expire';

/** Reminds owners once after `remindAfterMs` (one nudge per stage, not a drip); expires after `expireAfterMs`. */
export function dueAction(request: JoinRequest, now: Date, timing: JoinRequestTiming): DueAction {
  if (request.status !== 'pending') return 'none';
  const age = now.getTime() - Date.parse(request.createdAt);
  if (age >= timing.expireAfterMs) return 'expire';
  // A stage reached later is reminded of after its own wait, not the request's.
  const waited = now.getTime() - Date.parse(request.stageStartedAt ?? request.createdAt);
  // A group's escalation (off unless set): the stage unanswered that long goes to its alternates, once per stage.
  if (request.escalation && request.escalatedAt === undefined && waited >= request.escalation.afterDays * 86_400_000) return 'escalate';
  return request.remindedAt === undefined && waited >= timing.remindAfterMs ? 'remind' : 'none';
}

/** The request, expired now (only from pending). */
export const expireJoinRequest = (request: JoinRequest, now: Date): JoinRequest | undefined =>
  request.status === 'pending' ? { ...request, status: 'expired', decidedAt: now.toISOString() } : undefined;
