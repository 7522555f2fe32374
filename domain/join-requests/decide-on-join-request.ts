import type { DirectoryUser } from '../model/directory-user.js';
import type { JoinRequestId, UserId } from '../model/ids.js';
import type { RecordsRead } from '../ports/directory.js';
import { readRecords } from '../ports/read-records.js';
import { delegatorsOf } from './approval-delegation.js';
import { findStageApprovers } from './find-stage-approvers.js';
import { followStageApproval } from './follow-stage-approval.js';
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
  const records = readRecords(ports.directory, { users: [request.requesterId, input.deciderId], groups: [request.groupId] });
  const [decider] = await Promise.all([readDecider(ports, request, input.deciderId, records), records]);
  const now = ports.clock.now();
  const outcome = await ports.store.update<JoinRequest, Result<JoinRequest, DecisionRefusal>>(keys.request(input.requestId), (current) => {
    const decided = decideJoinRequest(current, decider, input.verdict, now, input.note, input.shorterMs);
    return decided.ok ? { next: decided.value, result: decided } : { result: decided };
  });
  if (!outcome.ok) return outcome;
  const decided = outcome.value;
  // Counted at its stage (a quorum not met yet), or moved on to the next stage: recorded, and the follow-up tells the others.
  if (decided.status === 'pending') return { ok: true, value: await followStageApproval(ports, decided, decider, input.platform) };
  // The decision's audit entry and the membership write go out together: neither needs the other.
  // The entry carries the decision's time, so it sorts before what the membership write records.
  const [, finished] = await Promise.all([
    ports.audit?.append({
      at: now.toISOString(), action: input.verdict === 'approve' ? 'request.approved' : 'request.denied', actorId: input.deciderId, subjectId: decided.requesterId,
      groupId: decided.groupId, requestId: decided.id, ...(input.platform ? { platform: input.platform } : {}),
      details: {
        ...(decided.duration ? { duration: decided.approvedDuration ?? decided.duration } : {}), ...(decided.approvedDuration ? { asked: decided.duration! } : {}), ...(decided.note ? { withNote: true } : {}),
        ...(decided.stages?.length ? { stage: (decided.stage ?? 0) + 1, of: decided.stages.length } : {}), ...(decided.decidedFor ? { for: (await ports.directory.getUser(decided.decidedFor))?.displayName ?? decided.decidedFor } : {}),
      },
    }),
    finishJoinRequest(ports, decided),
  ]);
  return { ok: true, value: finished };
}

/**
 * The decider's rights now, with every stage's approvers as the directory has them (the owners are
 * read anyway; the admins only for a group without owners or a stage of admins; the manager from
 * the requester's record, read with the click's records).
 */
async function readDecider(ports: JoinRequestPorts, request: JoinRequest, deciderId: UserId, records: Promise<RecordsRead>): Promise<Decider> {
  const owners = await ports.directory.listOwners(request.groupId);
  const requester = request.stages?.some((s) => s.approvers === 'manager') ? (await records).users[0] : undefined;
  const approvers = await findStageApprovers(ports.directory, request, { owners, ...(requester ? { requester: requester as DirectoryUser } : {}) });
  // Only someone who is no approver of the stage may be deciding for one: only then are delegations read.
  const isApprover = (approvers.sets[request.stage ?? 0] ?? []).includes(deciderId);
  const standsInFor = isApprover ? [] : await delegatorsOf(ports.store, deciderId, ports.clock.now());
  return {
    ...(standsInFor.length > 0 ? { standsInFor } : {}),
    id: deciderId,
    ownsGroup: owners.includes(deciderId),
    isAdmin: approvers.adminStages[request.stage ?? 0] === true && (approvers.sets[request.stage ?? 0] ?? []).includes(deciderId),
    groupHasOwners: owners.length > 0,
    approverSets: approvers.sets,
  };
}
