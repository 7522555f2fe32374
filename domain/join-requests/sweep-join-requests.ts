import type { JoinRequestId } from '../model/ids.js';
import { StoreUnavailableError } from '../ports/store.js';
import { recordApprovalCards } from './approval-cards.js';
import { currentStageApprovers } from './find-stage-approvers.js';
import { finishJoinRequestNow } from './finish-join-request.js';
import { needsFollowUp, type JoinRequest } from './join-request.js';
import type { JoinRequestPorts } from './join-request-ports.js';
import { indexRequests, openRequests, unindexRequest } from './join-request-index.js';
import { keys, listJoinRequests } from './join-request-records.js';
import { closedLongAgo, dueAction, expireJoinRequest } from './join-request-timing.js';
import { approversLeftToTell, tellApprovers, tellDelegates } from './tell-approvers.js';

/** What one sweep did, for logs and tests. */
export interface SweepReport {
  readonly reminded: number;
  readonly expired: number;
  readonly finished: number;
  /** Requests whose approvers had not all been sent their cards (a crash right after the ask, a platform failing), sent now. */
  readonly toldApprovers: number;
  /** Closed requests kept their full time and now forgotten (the audit log keeps their history). */
  readonly forgotten: number;
  /** Requests whose step failed this time (the directory or a platform out of reach); the next sweep tries them again. */
  readonly failed: readonly { readonly id: JoinRequestId; readonly error: unknown }[];
  /** Requests still waiting for a decision after the sweep (the pending gauge, from the open requests the sweep reads anyway). */
  readonly pending: number;
}

/**
 * The periodic pass: sends the approval cards that never went out (a crash right after the ask, a
 * platform failing), reminds owners of requests waiting too long, expires old ones, finishes
 * decisions that were stored but not carried through (a crash, a failed notification), and forgets
 * requests closed longer ago than the timing keeps them. Requests and decisions younger than
 * `graceMs` are left to the instance that is handling them right now.
 *
 * It reads the open requests through their index; the forgetting looks at every request kept (and
 * indexes any an earlier version made during a rolling update), so it runs once a day (or once per
 * retention, if shorter), not every sweep.
 */
export async function sweepJoinRequests(ports: JoinRequestPorts, graceMs = 60_000): Promise<SweepReport> {
  const now = ports.clock.now();
  let reminded = 0;
  let expired = 0;
  let finished = 0;
  let toldApprovers = 0;
  let forgotten = 0;
  let waiting = 0;
  const failed: Array<SweepReport['failed'][number]> = [];
  if (await forgettingDue(ports, now)) {
    const kept: JoinRequest[] = [];
    for (const request of await listJoinRequests(ports.store)) {
      if (closedLongAgo(request, now, ports.timing) && (await forget(ports, request, now))) forgotten++;
      else kept.push(request);
    }
    await indexRequests(ports.store, kept);
    await forgetStaleGuards(ports, kept);
  }
  for (const request of await openRequests(ports.store)) {
    if (request.status === 'pending') waiting++;
    // One request in trouble must not hold up every request after it; a store out of reach stops the sweep.
    try {
      if (request.status === 'pending' && request.approversToBeTold && now.getTime() - Date.parse(request.createdAt) >= graceMs) {
        const approvers = await currentStageApprovers(ports.directory, request);
        await tellApprovers(ports, request, approversLeftToTell(request, approvers.ids));
        toldApprovers++;
      }
      const due = dueAction(request, now, ports.timing);
      if (due === 'remind' && (await remind(ports, request, now))) reminded++;
      if (due === 'expire' && (await expire(ports, request, now))) expired++;
      if (due === 'escalate') await escalate(ports, request, now);
      const settledAt = Date.parse(request.decidedAt ?? request.createdAt);
      if (needsFollowUp(request) && now.getTime() - settledAt >= graceMs) {
        await finishJoinRequestNow(ports, request);
        finished++;
      }
    } catch (error) {
      if (error instanceof StoreUnavailableError) throw error;
      failed.push({ id: request.id, error });
    }
  }
  return { reminded, expired, finished, toldApprovers, forgotten, failed, pending: waiting - expired };
}

/** Deletes a closed request kept its full time (checked again inside the update: it may have changed), then its index entries. */
async function forget(ports: JoinRequestPorts, request: JoinRequest, now: Date): Promise<boolean> {
  const gone = await ports.store.update<JoinRequest, boolean>(keys.request(request.id), (current) =>
    current && closedLongAgo(current, now, ports.timing) ? { next: null, result: true } : { result: false },
  );
  // A crash before this leaves ids of a missing request, which readers drop when they meet them.
  if (gone) await ports.store.write(unindexRequest(request));
  return gone;
}

/**
 * Removes the open-request guards no request kept needs: those of forgotten requests, and those an
 * earlier version left where its requests are no longer pending. Each removal checks the guard still
 * names the request it was read with, so a guard an ask took over meanwhile stays.
 */
async function forgetStaleGuards(ports: JoinRequestPorts, kept: readonly JoinRequest[]): Promise<void> {
  const keptIds = new Set(kept.map((r) => r.id));
  const pendingIds = new Set(kept.filter((r) => r.status === 'pending').map((r) => r.id));
  const [guards, legacy] = await Promise.all([ports.store.list<string>(keys.openRequests), ports.store.list<string>(keys.legacyOpenRequests)]);
  const stale = [...guards.filter(([, id]) => !keptIds.has(id as JoinRequestId)), ...legacy.filter(([, id]) => !pendingIds.has(id as JoinRequestId))];
  for (const [key, id] of stale) await ports.store.update<string, void>(key, (current) => (current === id ? { next: null, result: undefined } : { result: undefined }));
}

const forgettingKey = 'join-request-sweep:forgot-at';
const day = 86_400_000;

/** True when the forgetting pass is due (claimed atomically, so instances sweeping at once run it once). */
async function forgettingDue(ports: JoinRequestPorts, now: Date): Promise<boolean> {
  const every = Math.min(day, ports.timing.keepClosedForMs ?? day);
  return ports.store.update<string, boolean>(forgettingKey, (last) =>
    last !== undefined && now.getTime() - Date.parse(last) < every ? { result: false } : { next: now.toISOString(), result: true },
  );
}

async function remind(ports: JoinRequestPorts, request: JoinRequest, now: Date): Promise<boolean> {
  const claimed = await ports.store.update<JoinRequest, JoinRequest | undefined>(keys.request(request.id), (current) => {
    if (!current || dueAction(current, now, ports.timing) !== 'remind') return { result: undefined };
    const next = { ...current, remindedAt: now.toISOString() };
    return { next, result: next };
  });
  if (!claimed) return false;
  const approvers = await currentStageApprovers(ports.directory, claimed);
  const [report, delegated] = await Promise.all([
    ports.notifier.notify({ kind: 'approvalRequested', request: claimed, approverIds: approvers.ids, reminder: true }).catch(() => undefined),
    tellDelegates(ports, claimed, approvers.ids, true),
  ]);
  const cards = [...(report?.cards ?? []), ...delegated];
  if (cards.length) await recordApprovalCards(ports, claimed, cards);
  return true;
}

async function expire(ports: JoinRequestPorts, request: JoinRequest, now: Date): Promise<boolean> {
  const claimed = await ports.store.update<JoinRequest, JoinRequest | undefined>(keys.request(request.id), (current) => {
    const next = current && expireJoinRequest(current, now);
    return next ? { next, result: next } : { result: undefined };
  });
  if (!claimed) return false;
  await ports.audit?.append({ action: 'request.expired', subjectId: claimed.requesterId, groupId: claimed.groupId, requestId: claimed.id, details: { waited: claimed.createdAt } });
  await finishJoinRequestNow(ports, claimed);
  return true;
}

/**
 * Sends a stage left unanswered to its alternates, once (claimed in the store, so instances
 * sweeping at once escalate it once): they get cards and may decide, and the requester is told.
 */
async function escalate(ports: JoinRequestPorts, request: JoinRequest, now: Date): Promise<void> {
  const claimed = await ports.store.update<JoinRequest, JoinRequest | undefined>(keys.request(request.id), (current) => {
    if (!current || dueAction(current, now, ports.timing) !== 'escalate') return { result: undefined };
    const next = { ...current, escalatedAt: now.toISOString() };
    return { next, result: next };
  });
  if (!claimed) return;
  const { escalatedAt: _, ...before } = claimed;
  const [was, after] = await Promise.all([currentStageApprovers(ports.directory, before), currentStageApprovers(ports.directory, claimed)]);
  const alternates = after.ids.filter((id) => !was.ids.includes(id));
  await ports.audit?.append({ action: 'request.escalated', subjectId: claimed.requesterId, groupId: claimed.groupId, requestId: claimed.id, details: { stage: (claimed.stage ?? 0) + 1, to: alternates.length, afterDays: claimed.escalation?.afterDays ?? 0 } });
  if (alternates.length === 0) return;
  await Promise.all([tellApprovers(ports, claimed, alternates), ports.notifier.notify({ kind: 'requestEscalated', request: claimed, approverIds: alternates })]);
}
