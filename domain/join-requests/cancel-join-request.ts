import type { UserId } from '../model/ids.js';
import { err, ok, type Result } from '../result.js';
import type { JoinRequest } from './join-request.js';
import type { CancelRefusal } from './join-refusal.js';

/** Withdraws a pending request; only its requester may. */
export function cancelJoinRequest(request: JoinRequest | undefined, by: UserId, now: Date): Result<JoinRequest, CancelRefusal> {
  if (!request) return err({ reason: 'requestNotFound' });
  if (request.requesterId !== by) return err({ reason: 'notRequester' });
  if (request.status !== 'pending') return err({ reason: 'alreadyDecided', request });
  return ok({ ...request, status: 'cancelled', decidedBy: by, decidedAt: now.toISOString() });
}
