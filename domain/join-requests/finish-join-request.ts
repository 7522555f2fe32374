import { msFromIsoDuration } from '../group-management/membership-duration.js';
import type { MembershipWrite } from '../ports/directory.js';
import { recordMembershipEnd } from '../time-bound-membership/record-membership-end.js';
import { PermanentWriteRefusal } from '../ports/permanent-write-refusal.js';
import type { JoinRequest } from './join-request.js';
import type { JoinRequestPorts } from './join-request-ports.js';
import { keys, patchRequest } from './join-request-records.js';
import { announceMembershipChange } from './notify-members.js';

/**
 * Carries a request that left pending through to the end: the membership change (approved only,
 * idempotent) now, then the rest in the background (`ports.defer`), each step recorded
 * once done. Safe to run again after a crash: a recorded step is skipped, and adding an existing
 * member counts as success.
 */
export async function finishJoinRequest(ports: JoinRequestPorts, request: JoinRequest): Promise<JoinRequest> {
  const applied = await applyMembership(ports, request, 'firstAttempt');
  ports.defer(() => closeOut(ports, applied));
  return applied;
}

/** Both steps inline, for the sweep that recovers unfinished requests. */
export async function finishJoinRequestNow(ports: JoinRequestPorts, request: JoinRequest): Promise<JoinRequest> {
  return closeOut(ports, await applyMembership(ports, request, 'recovery'));
}

/**
 * After the membership change: the requester is free to ask again, and everyone is told. Neither
 * holds up the decider's answer; a crash before either is finished by the sweep (and a stale
 * open-request guard is taken over by the next ask anyway).
 */
async function closeOut(ports: JoinRequestPorts, request: JoinRequest): Promise<JoinRequest> {
  await releaseOpenRequest(ports, request);
  return notifyOutcome(ports, request);
}

/**
 * The directory write, then `appliedAt` (with the announcement owed when the write changed
 * something), then the announcement (licensing, audit, logs), then the debt cleared. Each step is
 * recorded, so a crash or a lost store reply anywhere is finished by the sweep. A recovery whose
 * write reads `unchanged` owes the announcement too: an earlier attempt added the member and failed
 * before recording it. (It cannot tell that from someone adding the person in between; licensing
 * is idempotent, so the rare extra announcement costs an audit line, where a missing one would
 * cost a license.)
 */
async function applyMembership(ports: JoinRequestPorts, request: JoinRequest, attempt: 'firstAttempt' | 'recovery'): Promise<JoinRequest> {
  if (request.status !== 'approved' || request.notApplied !== undefined) return request;
  let current = request;
  if (current.appliedAt === undefined) {
    const write = await addMember(ports, current);
    if (typeof write !== 'string') return write;
    await recordTimeBound(ports, current);
    current = await markApplied(ports, current, write === 'changed' || attempt === 'recovery');
  }
  if (current.announcementOwed) {
    await announceMembershipChange(ports.membershipListeners, current.groupId, current.requesterId, 'added', 'joinRequest');
    current = await settleAnnouncement(ports, current);
  }
  return current;
}

/** Records `appliedAt`, and the announcement owed; a request another attempt recorded first is left as it recorded it. */
function markApplied(ports: JoinRequestPorts, request: JoinRequest, owed: boolean): Promise<JoinRequest> {
  const appliedAt = ports.clock.now().toISOString();
  return patchRequest(ports.store, request, (current) =>
    current.appliedAt === undefined ? { ...current, appliedAt, ...(owed ? { announcementOwed: true as const } : {}) } : undefined,
  );
}

function settleAnnouncement(ports: JoinRequestPorts, request: JoinRequest): Promise<JoinRequest> {
  return patchRequest(ports.store, request, ({ announcementOwed, ...settled }) => (announcementOwed ? settled : undefined));
}

/** For a time-bound request: when the membership now ends (idempotent by request id, so a recovery run grants once). */
async function recordTimeBound(ports: JoinRequestPorts, request: JoinRequest): Promise<void> {
  const durationMs = msFromIsoDuration(request.approvedDuration ?? request.duration ?? '');
  if (durationMs === undefined) return;
  const grant = await recordMembershipEnd(ports.store, { groupId: request.groupId, userId: request.requesterId, durationMs, requestId: request.id }, ports.clock.now());
  if (!grant.changed) return;
  await ports.audit?.append({
    action: 'membership.timeBound', ...(request.decidedBy ? { actorId: request.decidedBy } : {}), subjectId: request.requesterId,
    groupId: request.groupId, requestId: request.id, details: { endsAt: grant.record.endsAt, duration: grant.record.duration, extended: grant.extended },
  });
}

/**
 * The directory write. A refusal for good (the requester was deleted, the group is managed
 * elsewhere) is recorded on the request, which is then told like any outcome and never retried.
 */
async function addMember(ports: JoinRequestPorts, request: JoinRequest): Promise<MembershipWrite | JoinRequest> {
  try {
    return await ports.directory.addMember(request.groupId, request.requesterId);
  } catch (error) {
    if (!(error instanceof PermanentWriteRefusal)) throw error;
    const notApplied = { at: ports.clock.now().toISOString(), why: error.message };
    return patchRequest(ports.store, request, (current) =>
      current.appliedAt === undefined && current.notApplied === undefined ? { ...current, notApplied } : undefined,
    );
  }
}

async function notifyOutcome(ports: JoinRequestPorts, request: JoinRequest): Promise<JoinRequest> {
  let current = request;
  if (current.notifiedAt === undefined) {
    try {
      await ports.notifier.notify({ kind: 'requestClosed', request: current });
      current = await markNotified(ports, current);
    } catch {
      // Left unmarked on purpose: the next sweep notifies again, so nobody is left uninformed.
    }
  }
  return current;
}

function markNotified(ports: JoinRequestPorts, request: JoinRequest): Promise<JoinRequest> {
  const notifiedAt = ports.clock.now().toISOString();
  return patchRequest(ports.store, request, (current) => (current.notifiedAt === undefined ? { ...current, notifiedAt } : undefined));
}

async function releaseOpenRequest(ports: JoinRequestPorts, request: JoinRequest): Promise<void> {
  await ports.store.update<string, void>(keys.openRequest(request.groupId, request.requesterId), (current) =>
    current === request.id ? { next: null, result: undefined } : { result: undefined },
  );
}
