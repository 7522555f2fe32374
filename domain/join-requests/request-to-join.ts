import type { DirectoryGroup } from '../model/directory-group.js';
import type { DirectoryUser } from '../model/directory-user.js';
import type { JoinRequestId, UserId } from '../model/ids.js';
import { msFromIsoDuration } from '../group-management/membership-duration.js';
import type { NotifyReport } from '../ports/notifier.js';
import { err, ok, type Result } from '../result.js';
import { isoDuration } from '../time-bound-membership/iso-duration.js';
import { membershipEndKeys, type MembershipEnd } from '../time-bound-membership/membership-end.js';
import { recordMembershipEnd, runningEnd } from '../time-bound-membership/record-membership-end.js';
import { assessJoinRequest } from './assess-join-request.js';
import { findFirstStage, type FirstStage } from './find-first-stage.js';
import { delegationsKey, type ApprovalDelegation } from './approval-delegation.js';
import type { JoinRequest, Platform } from './join-request.js';
import { newJoinRequestId } from './join-request-id.js';
import type { JoinRequestPorts } from './join-request-ports.js';
import type { GroupSettings } from './join-policy.js';
import { indexNewRequest, pendingOf } from './join-request-index.js';
import { keys, settingsOf } from './join-request-records.js';
import { matchAutoApproveRule } from './match-auto-approve-rule.js';
import type { JoinRefusal } from './join-refusal.js';
import { announceMembershipChange } from './notify-members.js';
import { tellApprovers } from './tell-approvers.js';

/** What happened to a join request. */
export type JoinOutcome =
  /**
   * Added at once (an open group, or `autoApprovedBy` the group's rule, which matched the requester);
   * `endsAt` for a time-bound membership, `extended` when it had one already.
   */
  | { readonly kind: 'joined'; readonly endsAt?: string; readonly extended?: boolean; readonly autoApprovedBy?: string }
  | {
      readonly kind: 'pending';
      readonly request: JoinRequest;
      readonly approverIds: readonly UserId[];
      readonly approversAreAdmins: boolean;
      /** Approvers GroupGate could not reach; the requester is told, never left guessing. */
      readonly unreachable: readonly UserId[];
      /** Approvers a platform failed to reach just now; the sweep tries again within minutes. */
      readonly failed: readonly UserId[];
      /**
       * Approvers reached, but not on the platform the request came from (only in the web chat, say,
       * while the requester asked in Teams): they get it there once they can be reached there.
       */
      readonly notOnPlatform: readonly UserId[];
    };

/** What a person asks for. */
export interface JoinAskInput {
  readonly requester: DirectoryUser;
  readonly group: DirectoryGroup;
  readonly reason?: string;
  readonly platform?: Platform;
  /** `join … for 8h`: a time-bound membership of this many milliseconds. */
  readonly durationMs?: number;
  /** `join <group> for <person>`: the manager (or admin) who asked for the requester; neither may approve it. */
  readonly askedBy?: DirectoryUser;
}

/**
 * A person asks to join a group: joined at once, sent to the approvers, or refused with a reason.
 * A group with a maximum membership duration makes every new membership time-bound (the maximum,
 * unless less was asked); a time-bound member asking again for a time asks for an extension.
 */
export async function requestToJoin(ports: JoinRequestPorts, input: JoinAskInput): Promise<Result<JoinOutcome, JoinRefusal>> {
  const { requester, group, reason } = input;
  const context = readAskContext(ports, group, requester.id);
  const [{ settings, running, delegations }, isMember, pending, approvers, autoApproveMatch] = await Promise.all([
    context,
    ports.directory.isMember(group.id, requester.id),
    pendingOf(ports.store, requester.id),
    findFirstStage(ports.directory, group.id, requester, context.then((c) => c.settings), input.askedBy?.id),
    // One person against the group's rule, read alongside the rest: no extra round trip unless it reads memberOf.
    context.then((c) => matchAutoApproveRule(ports.directory, group, c.settings, requester, ports.clock.now())),
  ]);
  const groupMax = settings.maxMembershipDuration ? msFromIsoDuration(settings.maxMembershipDuration) : undefined;
  const durationMs = input.durationMs ?? (isMember ? undefined : groupMax);
  const path = assessJoinRequest({
    group, settings, reason, isMember, pendingOfRequester: pending, durationMs, timeBound: running !== undefined,
    approverCount: approvers.ids.length, maxPendingPerRequester: ports.maxPendingPerRequester,
    ...(autoApproveMatch ? { autoApproveMatch } : {}),
  });
  if (!path.ok) {
    await ports.audit?.append({ action: 'request.refused', ...whoAsked(input), groupId: group.id, ...platformOf(input), details: { reason: path.error.reason, ...forWhom(input) } });
    return path;
  }
  if (path.value === 'joinNow') return joinNow(ports, input, durationMs);
  if (path.value === 'autoApprove') return autoApprove(ports, input, durationMs, autoApproveMatch!);
  const created = await createRequest(ports, { ...input, ...(durationMs !== undefined ? { durationMs } : {}) }, approvers.fields);
  if (!created.ok) return created;
  // The audit entry and the approvers' cards go out together: neither waits on the other.
  const [, report] = await Promise.all([
    ports.audit?.append({
      action: 'request.created', ...whoAsked(input), groupId: group.id, requestId: created.value.id, ...platformOf(input),
      details: { ...forWhom(input), ...(created.value.duration ? { duration: created.value.duration } : {}), ...(running ? { extends: running.endsAt } : {}) },
    }),
    tellApprovers(ports, created.value, approvers.ids, delegations).catch((): NotifyReport => ({ unreachable: [], failed: approvers.ids })),
  ]);
  return ok({
    kind: 'pending', request: created.value, approverIds: approvers.ids,
    approversAreAdmins: approvers.areAdmins, unreachable: report.unreachable, failed: report.failed ?? [],
    notOnPlatform: reachedElsewhereOnly(report, approvers.ids, input.platform),
  });
}

/** The approvers a report says were reached, but none of whose cards landed on `platform`. */
function reachedElsewhereOnly(report: NotifyReport, approverIds: readonly UserId[], platform: Platform | undefined): readonly UserId[] {
  if (platform === undefined) return [];
  const cards = report.cards ?? [];
  return approverIds.filter((id) => cards.some((card) => card.userId === id) && !cards.some((card) => card.userId === id && card.location.platform === platform));
}

/** The group's settings, the requester's running time-bound membership of it, and the approvers' delegations: one round trip. */
async function readAskContext(ports: JoinRequestPorts, group: DirectoryGroup, requesterId: UserId): Promise<{ settings: GroupSettings; running: MembershipEnd | undefined; delegations: readonly ApprovalDelegation[] }> {
  const [settings, end, delegations] = await ports.store.getMany<unknown>([keys.groupSettings(group.id), membershipEndKeys.one(group.id, requesterId), delegationsKey]);
  return { settings: settingsOf(group, settings as Partial<GroupSettings> | undefined), running: runningEnd(end as MembershipEnd | undefined), delegations: (delegations as ApprovalDelegation[] | undefined) ?? [] };
}

const platformOf = (input: JoinAskInput) => (input.platform ? { platform: input.platform } : {});
/** The audit's actor: the requester, or the manager who asked for them (the requester is then the subject). */
const whoAsked = (input: JoinAskInput) => (input.askedBy ? { actorId: input.askedBy.id, subjectId: input.requester.id } : { actorId: input.requester.id });
/** "by Dana Lee for Ada Ito": an ask on behalf names the person in the entry's details. */
const forWhom = (input: JoinAskInput): Record<string, string> => (input.askedBy ? { for: input.requester.displayName } : {});

/** An open group: added now (idempotent: a member asking for more time is `unchanged`), with the end stored when time-bound. */
async function joinNow(ports: JoinRequestPorts, input: JoinAskInput, durationMs: number | undefined): Promise<Result<JoinOutcome, JoinRefusal>> {
  const { group, requester } = input;
  if ((await ports.directory.addMember(group.id, requester.id)) === 'changed') {
    await announceMembershipChange(ports.membershipListeners, group.id, requester.id, 'added', 'joinRequest');
  }
  if (durationMs === undefined) return ok({ kind: 'joined' });
  const grant = await recordMembershipEnd(ports.store, { groupId: group.id, userId: requester.id, durationMs }, ports.clock.now());
  await ports.audit?.append({
    action: 'membership.timeBound', actorId: requester.id, subjectId: requester.id, groupId: group.id, ...platformOf(input),
    details: { endsAt: grant.record.endsAt, duration: grant.record.duration, extended: grant.extended },
  });
  return ok({ kind: 'joined', endsAt: grant.record.endsAt, extended: grant.extended });
}

/** A requester the group's auto-approve rule matched: audited with the rule, then added as an open group adds. */
async function autoApprove(ports: JoinRequestPorts, input: JoinAskInput, durationMs: number | undefined, rule: string): Promise<Result<JoinOutcome, JoinRefusal>> {
  // Audited first: the membership.added entry that follows then reads as this approval's consequence.
  await ports.audit?.append({
    action: 'request.autoApproved', actorId: input.requester.id, subjectId: input.requester.id, groupId: input.group.id, ...platformOf(input),
    details: { rule, ...(input.reason?.trim() ? { withReason: true } : {}) },
  });
  const joined = await joinNow(ports, input, durationMs);
  return joined.ok && joined.value.kind === 'joined' ? ok({ ...joined.value, autoApprovedBy: rule }) : joined;
}

/**
 * Stores a new pending request under a fresh short id, with its index entries and its open-request
 * guard, in one atomic batch: an id already drawn or a guard already held makes it write nothing.
 * A guard whose request is no longer pending is taken over; one still pending makes a double ask lose.
 */
async function createRequest(ports: JoinRequestPorts, input: JoinAskInput, stageFields: FirstStage['fields']): Promise<Result<JoinRequest, JoinRefusal>> {
  const now = ports.clock.now().toISOString();
  const guardKey = keys.openRequest(input.group.id, input.requester.id);
  for (let attempt = 0; attempt < 20; attempt++) {
    const id = newJoinRequestId(ports.random, attempt < 10 ? 4 : 6);
    const request: JoinRequest = {
      id, groupId: input.group.id, requesterId: input.requester.id, createdAt: now, status: 'pending', approversToBeTold: true, approvalCards: [],
      ...(input.reason?.trim() ? { reason: input.reason.trim() } : {}),
      ...(input.platform ? { platform: input.platform } : {}),
      ...(input.durationMs !== undefined ? { duration: isoDuration(input.durationMs) } : {}),
      ...(input.askedBy ? { askedBy: input.askedBy.id } : {}),
      ...stageFields,
    };
    const [created] = await ports.store.write([{ create: keys.request(id), value: request }, ...indexNewRequest(request), { create: guardKey, value: id }]);
    if (created) return ok(request);
    const [holderId, idTaken] = await ports.store.getMany<unknown>([guardKey, keys.request(id)]);
    if (idTaken !== undefined || holderId === undefined) continue; // the id was drawn before, or the guard just went: try again
    const holder = await ports.store.get<JoinRequest>(keys.request(holderId as JoinRequestId));
    if (holder?.status === 'pending') return err({ reason: 'alreadyPending', request: holder });
    // The guard's request was decided, cancelled, expired or forgotten: free the guard (unless another ask took it first) and try again.
    await ports.store.update<JoinRequestId, void>(guardKey, (current) => (current === holderId ? { next: null, result: undefined } : { result: undefined }));
  }
  throw new Error('could not store a join request in 20 attempts (ids taken, or the open-request guard kept changing)');
}
