import { msFromIsoDuration } from '../group-management/membership-duration.js';
import type { MembershipWrite } from '../ports/directory.js';
import { recordMembershipEnd } from '../time-bound-membership/record-membership-end.js';
import { PermanentWriteRefusal } from '../ports/permanent-write-refusal.js';
import type { JoinRequest } from './join-request.js';
import type { JoinRequestPorts } from './join-request-ports.js';
import { keys } from './join-request-records.js';
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
 * The directory write, then `appliedAt`, then the announcement (licensing, audit, logs) by
 * whoever set `appliedAt`, so once. A recovery whose write reads `unchanged` announces too: an
 * earlier attempt added the member and failed before recording it (say, the store went away),
 * and without the announcement licensing would never hear of that member. (It cannot tell that
 * from someone adding the person in between; licensing is idempotent, so the rare extra
 * announcement costs an extra audit line, where a missing one would cost a license.)
 */
async function applyMembership(ports: JoinRequestPorts, request: JoinRequest, attempt: 'firstAttempt' | 'recovery'): Promise<JoinRequest> {
  if (request.status !== 'approved' || request.appliedAt !== undefined || request.notApplied !== undefined) return request;
  const write = await addMember(ports, request);
  if (typeof write !== 'string') return write;
  await recordTimeBound(ports, request);
  const { stored, marked } = await mark(ports, request, 'appliedAt');
  if (marked && (write === 'changed' || attempt === 'recovery')) {
    await announceMembershipChange(ports.membershipListeners, stored.groupId, stored.requesterId, 'added', 'joinRequest');
  }
  return stored;
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
    const stored = await ports.store.update<JoinRequest, JoinRequest | undefined>(keys.request(request.id), (current) => {
      if (!current || current.appliedAt !== undefined || current.notApplied !== undefined) return { result: current };
      const next = { ...current, notApplied };
      return { next, result: next };
    });
    return stored ?? { ...request, notApplied };
  }
}

async function notifyOutcome(ports: JoinRequestPorts, request: JoinRequest): Promise<JoinRequest> {
  let current = request;
  if (current.notifiedAt === undefined) {
    try {
      await ports.notifier.notify({ kind: 'requestClosed', request: current });
      current = (await mark(ports, current, 'notifiedAt')).stored;
    } catch {
      // Left unmarked on purpose: the next sweep notifies again, so nobody is left uninformed.
    }
  }
  return current;
}

/** Records a step as done; `marked` is false when another attempt had recorded it already. */
async function mark(ports: JoinRequestPorts, request: JoinRequest, step: 'appliedAt' | 'notifiedAt'): Promise<{ readonly stored: JoinRequest; readonly marked: boolean }> {
  const at = ports.clock.now().toISOString();
  const outcome = await ports.store.update<JoinRequest, { readonly stored: JoinRequest; readonly marked: boolean } | undefined>(keys.request(request.id), (current) => {
    if (!current) return { result: undefined };
    if (current[step] !== undefined) return { result: { stored: current, marked: false } };
    const next = { ...current, [step]: at };
    return { next, result: { stored: next, marked: true } };
  });
  return outcome ?? { stored: { ...request, [step]: at }, marked: true };
}

async function releaseOpenRequest(ports: JoinRequestPorts, request: JoinRequest): Promise<void> {
  await ports.store.update<string, void>(keys.openRequest(request.groupId, request.requesterId), (current) =>
    current === request.id ? { next: null, result: undefined } : { result: undefined },
  );
}
