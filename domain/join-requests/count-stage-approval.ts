import type { UserId } from '../model/ids.js';
import { err, ok, type Result } from '../result.js';
import { approvalsNeeded, nextStageWithApprovers, ownersStage } from './approval-stage.js';
import type { JoinRequest } from './join-request.js';
import type { DecisionRefusal } from './join-refusal.js';
import { approvalsAt, type StageApproval } from './stage-approval.js';

/** A decision at a stage: the request with the approval counted (or moved on a stage), and whether it is now decided. */
export interface StageOutcome {
  readonly request: JoinRequest;
  readonly final: boolean;
}

/** Who clicks, and the approvers of every stage as the directory has them at the click. */
export interface StageDecider {
  readonly id: UserId;
  readonly approverSets: readonly (readonly UserId[])[];
  /** The people who delegated their approvals to the decider, now. */
  readonly standsInFor?: readonly UserId[];
  /** For the words of a refusal on a request of one stage: whether owners (or admins) decide it. */
  readonly groupHasOwners?: boolean;
}

/**
 * Counts one approver's verdict at the request's current stage. The decider must be one of that
 * stage's approvers, or stand in for one; each approver counts once per stage. A denial ends the
 * request; an approval that completes the stage's quorum moves it to the next stage with anyone to
 * approve, or, at the last, approves it. Runs inside the atomic update, so of approvers clicking
 * at once on several instances each is counted exactly once.
 */
export function countStageApproval(request: JoinRequest, decider: StageDecider, verdict: 'approve' | 'deny', now: Date, note?: string): Result<StageOutcome, DecisionRefusal> {
  const at = request.stage ?? 0;
  const set = decider.approverSets[at] ?? [];
  const as = set.includes(decider.id) ? decider.id : (decider.standsInFor ?? []).find((id) => set.includes(id));
  if (as === undefined) return err(request.stages?.length ? { reason: 'notAnApproverNow', stage: at } : { reason: 'notAnOwner', groupHasOwners: decider.groupHasOwners ?? true });
  if (approvalsAt(request.approvals, at).some((a) => a.by === decider.id || (a.for ?? a.by) === as)) return err({ reason: 'alreadyCounted', request });
  const onBehalf = as !== decider.id ? { decidedFor: as } : {};
  if (verdict === 'deny') return ok({ request: { ...request, ...onBehalf }, final: true });
  const trimmed = note?.trim();
  const approval: StageApproval = { stage: at, by: decider.id, ...(as !== decider.id ? { for: as } : {}), at: now.toISOString(), ...(trimmed ? { note: trimmed } : {}) };
  const approvals = [...(request.approvals ?? []), approval];
  if (approvalsAt(approvals, at).length < approvalsNeeded(request.stages?.[at] ?? ownersStage, set.length)) return ok({ request: { ...request, approvals }, final: false });
  const next = nextStageWithApprovers(decider.approverSets, at + 1);
  if (next === undefined) return ok({ request: { ...request, approvals, ...onBehalf }, final: true });
  // The next stage starts now: its approvers are still to be told (the sweep tells them after a crash), and its own reminder and escalation clocks start.
  const { remindedAt: _reminded, escalatedAt: _escalated, ...rest } = request;
  return ok({ request: { ...rest, approvals, stage: next, stageStartedAt: now.toISOString(), approversToBeTold: true }, final: false });
}
