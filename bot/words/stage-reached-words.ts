import { approvalsAt } from '../../domain/join-requests/stage-approval.js';
import type { JoinRequest } from '../../domain/join-requests/join-request.js';
import type { UserId } from '../../domain/model/ids.js';
import type { Directory } from '../../domain/ports/directory.js';
import { bold, italic, message, type Line, type MessageView } from '../../cards/card-view.js';

/** The names of these people as the directory has them now, in order. */
async function namesOf(directory: Directory, ids: readonly UserId[]): Promise<string[]> {
  return (await Promise.all(ids.map((id) => directory.getUser(id)))).map((u) => u?.displayName ?? 'someone no longer in the directory');
}

/** "Ines Duarte's note: “Welcome”", for each approval that carried a note (at `stage`, or at every stage). */
export async function approvalNotesLines(directory: Directory, request: JoinRequest, stage?: number): Promise<Line[]> {
  const noted = (stage === undefined ? (request.approvals ?? []) : approvalsAt(request.approvals, stage)).filter((a) => a.note);
  // A request decided before stages keeps its approver's note on the request itself.
  if (noted.length === 0 && stage === undefined && request.note && request.status === 'approved') noted.push({ stage: 0, by: request.decidedBy!, at: request.decidedAt ?? '', note: request.note });
  const names = await namesOf(directory, noted.map((a) => a.by));
  return noted.map((a, i) => [`${names[i]}'s note: `, italic(a.note!)]);
}

/** The requester hears that a stage is approved and who has the request now. */
export async function stageReachedMessage(directory: Directory, request: JoinRequest, approverIds: readonly UserId[]): Promise<MessageView> {
  const at = request.stage ?? 0;
  // The approval that completed a stage is the last one counted (stages with nobody to approve were skipped).
  const done = request.approvals?.at(-1)?.stage ?? 0;
  const group = await directory.getGroup(request.groupId);
  const [approvedBy, next, notes] = await Promise.all([namesOf(directory, approvalsAt(request.approvals, done).map((a) => a.by)), namesOf(directory, approverIds), approvalNotesLines(directory, request, done)]);
  return message([
    [`✅ Stage ${done + 1} of your request to join `, bold(group?.displayName ?? 'the group'), ` (${request.id}) is approved by ${approvedBy.join(', ')}.`],
    [`It's now at stage ${at + 1} of ${request.stages?.length ?? 1}, with ${next.join(', ') || 'its next approvers'}. I'll let you know as soon as they decide.`],
    ...notes,
  ], { tone: 'good' });
}

/** The requester hears that their request, unanswered, went to alternates too. */
export async function escalatedMessage(directory: Directory, request: JoinRequest, alternates: readonly UserId[]): Promise<MessageView> {
  const [group, names] = await Promise.all([directory.getGroup(request.groupId), namesOf(directory, alternates)]);
  const stage = (request.stages?.length ?? 1) > 1 ? ` at stage ${(request.stage ?? 0) + 1}` : '';
  return message([
    ['Your request to join ', bold(group?.displayName ?? 'the group'), ` (${request.id}) had no answer${stage} for ${request.escalation?.afterDays ?? 0} day${request.escalation?.afterDays === 1 ? '' : 's'}, so I've also asked ${names.join(', ')}. I'll let you know as soon as someone decides.`],
  ]);
}
