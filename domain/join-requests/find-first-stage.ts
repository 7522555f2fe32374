import type { DirectoryUser } from '../model/directory-user.js';
import type { GroupId, UserId } from '../model/ids.js';
import type { Directory } from '../ports/directory.js';
import { nextStageWithApprovers } from './approval-stage.js';
import type { GroupSettings } from './join-policy.js';
import type { Approvers } from './find-approvers.js';
import { findStageApprovers } from './find-stage-approvers.js';
import type { JoinRequest } from './join-request.js';

/** Who a new request goes to first, and the stage fields it is stored with. */
export interface FirstStage extends Approvers {
  /** `stages` and `stage` for the stored request (none for a group without stages). */
  readonly fields: Pick<JoinRequest, 'stages' | 'stage' | 'escalation'>;
}

/**
 * The approvers of a new request's first stage that has anyone (a stage of nobody, say no manager,
 * is skipped), or for a group without stages its owners, else its admins. The owners are read
 * while the group's stages are (`stagesOf`, read with the ask's settings), so an ask costs no
 * extra round trip.
 */
export async function findFirstStage(
  directory: Directory, groupId: GroupId, requester: DirectoryUser, policyOf: Promise<Pick<GroupSettings, 'approvalStages' | 'escalation'>>,
  /** The manager who asked for the requester (`join <group> for <person>`): no approver of it either. */
  askedBy?: UserId,
): Promise<FirstStage> {
  const [owners, policy] = await Promise.all([directory.listOwners(groupId), policyOf]);
  const stages = policy.approvalStages;
  const escalation = policy.escalation ? { escalation: policy.escalation } : {};
  const staged = stages?.length ? { stages } : {};
  const approvers = await findStageApprovers(directory, { groupId, requesterId: requester.id, ...(askedBy ? { askedBy } : {}), ...staged }, { owners, requester });
  const stage = nextStageWithApprovers(approvers.sets, 0) ?? 0;
  return { ids: approvers.sets[stage] ?? [], areAdmins: approvers.adminStages[stage] ?? false, fields: { ...(stages?.length ? { stages, ...(stage > 0 ? { stage } : {}) } : {}), ...escalation } };
}
