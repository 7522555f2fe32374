import type { UserId } from '../model/ids.js';

/**
 * One approval counted on a request: at which stage, who clicked, and for whom when they decided
 * as someone's delegate. Kept on the request, so counting is part of the decision's atomic update.
 */
export interface StageApproval {
  readonly stage: number;
  readonly by: UserId;
  /** The approver a delegate decided for. */
  readonly for?: UserId;
  readonly at: string;
  readonly note?: string;
}

/** The approvals counted at one stage, in the order they came. */
export const approvalsAt = (approvals: readonly StageApproval[] | undefined, stage: number): readonly StageApproval[] =>
  (approvals ?? []).filter((a) => a.stage === stage);
