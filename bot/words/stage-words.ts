import { ownersStage } from '../../domain/join-requests/approval-stage.js';
import type { JoinRequest } from '../../domain/join-requests/join-request.js';
import type { Line } from '../../cards/card-view.js';

/** True when a request has more to it than one approver's click: several stages, or a stage that needs several approvals. */
export const hasStagesOrQuorum = (request: JoinRequest): boolean =>
  (request.stages?.length ?? 0) > 1 || (request.stages ?? [ownersStage]).some((s) => (s.quorum ?? 1) > 1);

/** "Stage 2 of 2 · 1 of 2 approvals: Ines Duarte", where a waiting request of stages or a quorum stands. */
export function stageProgressLine(request: JoinRequest, approverNames: readonly string[]): Line {
  const at = request.stage ?? 0;
  const of = request.stages?.length ?? 1;
  const needed = request.stages?.[at]?.quorum ?? 1;
  const stage = of > 1 ? `Stage ${at + 1} of ${of} · ` : '';
  const count = `${approverNames.length} of ${needed} approval${needed === 1 ? '' : 's'}`;
  return [`${stage}${count}${approverNames.length > 0 ? `: ${approverNames.join(', ')}` : ''}`];
}

/** For the requester's list: " — at stage 2 of 2, 1 of 2 approvals", where a waiting request of stages or a quorum stands. */
export function stageStandingWords(request: JoinRequest): string {
  if (request.status !== 'pending' || !hasStagesOrQuorum(request)) return '';
  const at = request.stage ?? 0;
  const of = request.stages?.length ?? 1;
  const needed = request.stages?.[at]?.quorum ?? 1;
  const counted = (request.approvals ?? []).filter((a) => a.stage === at).length;
  return ` — ${of > 1 ? `at stage ${at + 1} of ${of}, ` : ''}${counted} of ${needed} approval${needed === 1 ? '' : 's'}`;
}
