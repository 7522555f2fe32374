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
  return applied.request;
}

/** Both steps inline, for the sweep that recovers unfinished requests. */
export async function finishJoinRequestNow(ports: JoinRequestPorts, request: JoinRequest): Promise<JoinRequest> {
  return closeOut(ports, await applyMembership(ports, request, 'recovery'));
}

/**
 * A request after its membership step: the membership written now (when, not yet recorded), and
 * whether an announcement went out that is not recorded as made.
 */
interface Applied {
  readonly request: JoinRequest;
  readonly appliedAt?: string;
  readonly announced: boolean;
}

/**
 * After the membership change: everyone is told, without holding up the decider's answer; a crash
 * before that is finished by the sweep. (The requester is free to ask again at once: the next ask
 * takes over the open-request guard of a request no longer pending.) What was done is recorded in
 * one update at the end (recordClosing): the membership applied, the announcement made, the outcome told.
 */
async function closeOut(ports: JoinRequestPorts, applied: Applied): Promise<JoinRequest> {
  const told = await tellOutcome(ports, applied.request);
  return recordClosing(ports, applied.request, { ...applied, told });
}

/**
 * The directory write (idempotent), then the announcement (licensing, audit, logs) when it changed
 * something; both are recorded with the closing record. A crash or a lost store reply before that
 * leaves the request for the sweep, whose recovery write then reads `unchanged` and so announces
 * too: an earlier attempt may have added the member without recording it. (It cannot tell that from
 * someone adding the person in between; licensing is idempotent, so the rare extra announcement
 * costs an audit line, where a missing one would cost a license.) A request an earlier version left
 * with `appliedAt` and `announcementOwed` is announced, then settled the same way.
 */
async function applyMembership(ports: JoinRequestPorts, request: JoinRequest, attempt: 'firstAttempt' | 'recovery'): Promise<Applied> {
  if (request.status !== 'approved' || request.notApplied !== undefined) return { request, announced: false };
  let owed = request.announcementOwed === true;
  let appliedAt: string | undefined;
  if (request.appliedAt === undefined) {
    const write = await addMember(ports, request);
    if (typeof write !== 'string') return { request: write, announced: false };
    await recordTimeBound(ports, request);
    appliedAt = ports.clock.now().toISOString();
    owed = write === 'changed' || attempt === 'recovery';
  }
  if (owed) await announceMembershipChange(ports.membershipListeners, request.groupId, request.requesterId, 'added', 'joinRequest');
  return { request, ...(appliedAt ? { appliedAt } : {}), announced: owed };
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

/** Tells the requester and updates every owner's card; false when that failed (the next sweep tells them again, so nobody is left uninformed). */
async function tellOutcome(ports: JoinRequestPorts, request: JoinRequest): Promise<boolean> {
  if (request.notifiedAt !== undefined) return false;
  try {
    await ports.notifier.notify({ kind: 'requestClosed', request });
    return true;
  } catch {
    return false;
  }
}

/**
 * One update for what finishing did: the membership applied (`appliedAt`), the announcement made
 * (`announced`) and the outcome told (`told`); a step another attempt recorded first stays as it
 * recorded it. A failed notice still records the rest, so the sweep that tells again neither adds
 * nor announces again.
 */
function recordClosing(ports: JoinRequestPorts, request: JoinRequest, done: { readonly appliedAt?: string; readonly announced: boolean; readonly told: boolean }): Promise<JoinRequest> | JoinRequest {
  if (done.appliedAt === undefined && !done.announced && !done.told) return request;
  const notifiedAt = ports.clock.now().toISOString();
  return patchRequest(ports.store, request, (current) => closedRecord(current, { ...done, notifiedAt }));
}

/** The request with what finishing did recorded, or undefined when it records all of it already. */
function closedRecord(current: JoinRequest, done: { readonly appliedAt?: string; readonly announced: boolean; readonly told: boolean; readonly notifiedAt: string }): JoinRequest | undefined {
  const { announcementOwed, ...rest } = current;
  const apply = done.appliedAt !== undefined && current.appliedAt === undefined;
  const settle = done.announced && announcementOwed !== undefined;
  const tell = done.told && current.notifiedAt === undefined;
  if (!apply && !settle && !tell) return undefined;
  return {
    ...rest,
    ...(apply ? { appliedAt: done.appliedAt } : {}),
    ...(announcementOwed && !settle ? { announcementOwed } : {}),
    ...(tell ? { notifiedAt: done.notifiedAt } : {}),
  };
}
