import type { Platform } from './join-request.js';
import type { JoinRequest } from './join-request.js';
import type { JoinRequestPorts } from './join-request-ports.js';
import type { Decider } from './decide-join-request.js';
import { findStageApprovers } from './find-stage-approvers.js';
import { approvalsAt } from './stage-approval.js';
import { tellApprovers } from './tell-approvers.js';

/**
 * After an approval that left the request waiting: the audit entry now; then, without holding up
 * the click, every approver's card shows the count ("1 of 2 approvals: Ines Duarte"), and when the
 * approval completed its stage, the next stage's approvers get their cards and the requester hears
 * where the request is. A crash before the cards go out leaves the mark the sweep sends them by.
 */
export async function followStageApproval(ports: JoinRequestPorts, counted: JoinRequest, decider: Decider, platform?: Platform): Promise<JoinRequest> {
  // The decider's approval is the last one counted (the update appended it to what was stored).
  const mine = counted.approvals?.at(-1);
  const stage = mine?.stage ?? 0;
  const movedOn = (counted.stage ?? 0) !== stage;
  await ports.audit?.append({
    action: movedOn ? 'request.stageApproved' : 'request.approvalCounted', actorId: decider.id, subjectId: counted.requesterId,
    groupId: counted.groupId, requestId: counted.id, ...(platform ? { platform } : {}),
    details: {
      stage: stage + 1, of: counted.stages?.length ?? 1, approvals: approvalsAt(counted.approvals, stage).length,
      ...(movedOn ? { next: (counted.stage ?? 0) + 1 } : {}), ...(mine?.for ? { for: (await ports.directory.getUser(mine.for))?.displayName ?? mine.for } : {}), ...(mine?.note ? { withNote: true } : {}),
    },
  });
  ports.defer(async () => {
    if (!movedOn) return ports.notifier.notify({ kind: 'approvalCounted', request: counted });
    const approvers = await findStageApprovers(ports.directory, counted);
    const next = approvers.sets[counted.stage ?? 0] ?? [];
    await Promise.all([tellApprovers(ports, counted, next), ports.notifier.notify({ kind: 'stageReached', request: counted, approverIds: next })]);
  });
  return counted;
}
