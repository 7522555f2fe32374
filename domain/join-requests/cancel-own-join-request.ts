import type { JoinRequestId, UserId } from '../model/ids.js';
import type { Result } from '../result.js';
import { cancelJoinRequest } from './cancel-join-request.js';
import { finishJoinRequest } from './finish-join-request.js';
import type { JoinRequest, Platform } from './join-request.js';
import type { JoinRequestPorts } from './join-request-ports.js';
import { keys } from './join-request-records.js';
import type { CancelRefusal } from './join-refusal.js';

/** The requester withdraws a pending request; approvers' cards then show it was cancelled. */
export async function cancelOwnJoinRequest(
  ports: JoinRequestPorts,
  input: { readonly requestId: JoinRequestId; readonly requesterId: UserId; readonly platform?: Platform },
): Promise<Result<JoinRequest, CancelRefusal>> {
  const now = ports.clock.now();
  const outcome = await ports.store.update<JoinRequest, Result<JoinRequest, CancelRefusal>>(keys.request(input.requestId), (current) => {
    const cancelled = cancelJoinRequest(current, input.requesterId, now);
    return cancelled.ok ? { next: cancelled.value, result: cancelled } : { result: cancelled };
  });
  if (!outcome.ok) return outcome;
  await ports.audit?.append({
    action: 'request.cancelled', actorId: input.requesterId, groupId: outcome.value.groupId, requestId: outcome.value.id,
    ...(input.platform ? { platform: input.platform } : {}),
  });
  return { ok: true, value: await finishJoinRequest(ports, outcome.value) };
}
