import type { ApprovalStage } from '../../domain/join-requests/approval-stage.js';
import type { UserId } from '../../domain/model/ids.js';

/** "the owners", "the requester's manager", "Ines Duarte and Tomas Berg", "the admins". */
function approversWords(stage: ApprovalStage, names: ReadonlyMap<UserId, string>): string {
  switch (stage.approvers) {
    case 'owners':
      return 'the owners';
    case 'manager':
      return "the requester's manager";
    case 'admins':
      return 'the admins';
    case 'people': {
      const all = (stage.people ?? []).map((id) => names.get(id) ?? 'someone no longer in the directory');
      return all.length > 1 ? `${all.slice(0, -1).join(', ')} and ${all.at(-1)}` : (all[0] ?? 'nobody');
    }
  }
}

/** "stage 1, the requester's manager; then stage 2, 2 of the owners" — or, with no stages, today's: one owner (else an admin). */
export function approvalStagesWords(stages: readonly ApprovalStage[], names: ReadonlyMap<UserId, string>): string {
  if (stages.length === 0) return 'one of the owners, or an admin when there are none';
  const one = (stage: ApprovalStage) => `${(stage.quorum ?? 1) > 1 ? `${stage.quorum} of ` : ''}${approversWords(stage, names)}`;
  if (stages.length === 1) return one(stages[0]!);
  return stages.map((stage, i) => `stage ${i + 1}, ${one(stage)}`).join('; then ');
}
