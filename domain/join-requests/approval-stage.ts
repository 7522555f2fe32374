import type { UserId } from '../model/ids.js';

/** Who approves at one stage: the group's owners, the requester's manager, named people, or the group admins. */
export type ApproverKind = 'owners' | 'manager' | 'people' | 'admins';

/** One stage of a group's approval policy, as an owner set it. */
export interface ApprovalStage {
  readonly approvers: ApproverKind;
  /** The people of a `people` stage. */
  readonly people?: readonly UserId[];
  /** How many of the stage's approvers must approve (default 1). */
  readonly quorum?: number;
}

/** At most this many stages, as Entra's access packages allow. */
export const maxApprovalStages = 3;

/** Today's single stage: one owner (or, for a group without owners, one admin) decides. */
export const ownersStage: ApprovalStage = { approvers: 'owners' };

/**
 * The approvals a stage needs now: its quorum, never more than it has approvers (a stage of two
 * asking for three would wait for ever), never less than one.
 */
export const approvalsNeeded = (stage: ApprovalStage, approverCount: number): number =>
  Math.max(1, Math.min(stage.quorum ?? 1, approverCount));

/**
 * The first stage at or after `from` that has anyone to approve (`approverSets[i]` is stage i's),
 * or undefined when none has: an empty stage (no manager) is skipped, never counted as approved.
 */
export const nextStageWithApprovers = (approverSets: readonly (readonly UserId[])[], from: number): number | undefined => {
  for (let i = from; i < approverSets.length; i++) if ((approverSets[i] ?? []).length > 0) return i;
  return undefined;
};

/** Who a stage goes to when unanswered for `afterDays`: named people, or the admins (alternates, as Entra calls them). */
export interface ApprovalEscalation {
  readonly afterDays: number;
  readonly to: 'admins' | readonly UserId[];
}
