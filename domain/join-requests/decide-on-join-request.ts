import { isGroupAdmin } from '../model/directory-user.js';
import type { JoinRequestId, UserId } from '../model/ids.js';
import { readRecords } from '../ports/read-records.js';
import { err, type Result } from '../result.js';
import { decideJoinRequest, type Decider, type Verdict } from './decide-join-request.js';
import { finishJoinRequest } from './finish-join-request.js';
import type { JoinRequest, Platform } from './join-request.js';
import type { JoinRequestPorts } from './join-request-ports.js';
import { keys } from './join-request-records.js';
import type { DecisionRefusal } from './join-refusal.js';

/**
 * An owner (or, for an ownerless group, an admin) approves or denies. Rights are read from the
 * directory now, never from the card; the decision is one atomic store update, so of two racing
 * clicks on any number of instances exactly one wins. The winner's follow-up runs after.
 * `shorterMs` is an approver's shorter choice for a time-bound request.
 */
export async function decideOnJoinRequest(
  ports: JoinRequestPorts,
  input: {
    readonly requestId: JoinRequestId; readonly deciderId: UserId; readonly verdict: Verdict; readonly note?: string;
    readonly shorterMs?: number; readonly platform?: Platform;
    /** The request as read from the store for this click a moment ago, if it was: not read again (the update below checks its state anew). */
    readonly seen?: JoinRequest;
  },
): Promise<Result<JoinRequest, DecisionRefusal>> {
  const request = input.seen?.id === input.requestId ? input.seen : await ports.store.get<JoinRequest>(keys.request(input.requestId));
  if (!request) return err({ reason: 'requestNotFound' });
  if (request.status !== 'pending') return err({ reason: 'alreadyDecided', request });
  // The requester and the group are named next (the audit entry, the card, the notices): read them with the decider, together.
  const [decider] = await Promise.all([
    readDecider(ports, request, input.deciderId),
    readRecords(ports.directory, { users: [request.requesterId, input.deciderId], groups: [request.groupId] }),
  ]);
  const now = ports.clock.now();
  const outcome = await ports.store.update<JoinRequest, Result<JoinRequest, DecisionRefusal>>(keys.request(input.requestId), (current) => {
    const decided = decideJoinRequest(current, decider, input.verdict, now, input.note, input.shorterMs);
    return decided.ok ? { next: decided.value, result: decided } : { result: decided };
  });
  if (!outcome.ok) return outcome;
  const decided = outcome.value;
  // The decision's audit entry and the membership write go out together: neither needs the other.
  // The entry carries the decision's time, so it sorts before what the membership write records.
  const [, finished] = await Promise.all([
    ports.audit?.append({
      at: now.toISOString(), action: input.verdict === 'approve' ? 'request.approved' : 'request.denied', actorId: input.deciderId, subjectId: decided.requesterId,
      groupId: decided.groupId, requestId: decided.id, ...(input.platform ? { platform: input.platform } : {}),
      details: { ...(decided.duration ? { duration: decided.approvedDuration ?? decided.duration } : {}), ...(decided.approvedDuration ? { asked: decided.duration! } : {}), ...(decided.note ? { withNote: true } : {}) },
    }),
    finishJoinRequest(ports, decided),
  ]);
  return { ok: true, value: finished };
}

async function readDecider(ports: JoinRequestPorts, request: JoinRequest, deciderId: UserId): Promise<Decider> {
  const owners = await ports.directory.listOwners(request.groupId);
  // Admin rights count only for a group without owners, so only then is the decider's record read.
  const user = owners.length === 0 ? await ports.directory.getUser(deciderId) : undefined;
  return {
    id: deciderId,
    ownsGroup: owners.includes(deciderId),
    isAdmin: user !== undefined && isGroupAdmin(user),
    groupHasOwners: owners.length > 0,
  };
}
