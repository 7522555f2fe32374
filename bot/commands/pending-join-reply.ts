import type { JoinOutcome } from '../../domain/join-requests/request-to-join.js';
import { managerOf } from '../../domain/join-requests/find-stage-approvers.js';
import type { DirectoryGroup } from '../../domain/model/directory-group.js';
import type { DirectoryUser } from '../../domain/model/directory-user.js';
import { bold, code, message, type Line, type Reply, type Span } from '../../cards/card-view.js';
import type { GroupGate } from '../group-gate.js';
import { andList, displayNames } from '../words/names.js';
import { notOnPlatformLine } from '../words/not-on-platform-words.js';
import { lengthWords } from '../words/time-bound-words.js';

type Pending = Extract<JoinOutcome, { kind: 'pending' }>;

/**
 * The answer to an ask that waits for approval: who was asked at its first stage (the owners, the
 * requester's manager, named people or the admins, by name), whether they could be reached, and
 * how to withdraw. `forPerson`: a manager asked for them, so the words name them and the
 * withdrawing is theirs (they were told, with the button).
 */
export async function pendingJoinReply(gate: GroupGate, group: DirectoryGroup, outcome: Pending, requester: DirectoryUser, forPerson?: DirectoryUser): Promise<Reply> {
  const [approverNames, unreachableNames, failedNames] = await Promise.all([outcome.approverIds, outcome.unreachable, outcome.failed].map((ids) => displayNames(gate.directory, ids)));
  const lines: Line[] = [[...whoWasAsked(group, outcome, approverNames!, requester, forPerson), ` I'll let ${forPerson ? forPerson.displayName : 'you'} know as soon as ${approverNames!.length === 1 ? 'they decide' : 'one of them decides'}.`]];
  const reachedSome = unreachableNames!.length + failedNames!.length < approverNames!.length;
  const hasnt = (names: string[]) => `${andList(names)} ${names.length === 1 ? "hasn't" : "haven't"} installed GroupGate`;
  const request = forPerson ? `${forPerson.displayName}'s request` : 'your request';
  if (unreachableNames!.length === approverNames!.length) {
    lines.push([`${hasnt(unreachableNames!)} yet, so nobody has seen ${request} yet. I'll send it to them as soon as they open GroupGate; you may also want to let them know.`]);
  } else if (unreachableNames!.length > 0) {
    lines.push([reachedSome ? `${hasnt(unreachableNames!)}; I've told the other ${othersNoun(outcome)}.` : `${hasnt(unreachableNames!)} yet; I'll send it to them as soon as they open GroupGate.`]);
  }
  if (failedNames!.length > 0) {
    lines.push([`I couldn't reach ${andList(failedNames!)} just now${reachedSome ? '' : `, so nobody has seen ${request} yet`}; I'll try again in a minute or two.`]);
  }
  if (outcome.notOnPlatform.length > 0 && outcome.request.platform) lines.push(notOnPlatformLine(await displayNames(gate.directory, outcome.notOnPlatform), outcome.request.platform));
  if (outcome.request.duration) lines.push([`Membership is for ${lengthWords(outcome.request.duration)}, counted from the approval.`]);
  if (forPerson) {
    lines.push([`The request is ${forPerson.displayName}'s (${outcome.request.id}): I've told them, with a button to withdraw it.`]);
    return [message(lines)];
  }
  lines.push([`Your request is ${outcome.request.id} — type `, code(`cancel ${outcome.request.id}`), ' to withdraw it.']);
  return [message(lines, { buttons: [{ action: 'cancel', title: 'Cancel request', requestId: outcome.request.id }] })];
}

/** "the other owners", "the other admins", or at a stage of named people "the other approvers". */
const othersNoun = ({ approversAreAdmins, request }: Pending) =>
  approversAreAdmins ? 'admins' : (request.stages?.[request.stage ?? 0]?.approvers ?? 'owners') === 'owners' ? 'owners' : 'approvers';

/**
 * "I've asked the 2 owners of Atlas Project (Ines Duarte and Tomas Berg).", or for a first stage
 * of the requester's manager "I've asked your manager, Ines Duarte, about joining Atlas Project
 * (stage 1 of 2).". A stage that had nobody falls back to the owners, which its approvers show.
 */
function whoWasAsked(group: DirectoryGroup, outcome: Pending, names: readonly string[], requester: DirectoryUser, forPerson: DirectoryUser | undefined): Span[] {
  const name = bold(group.displayName);
  const { request, approverIds } = outcome;
  const stage = request.stages?.[request.stage ?? 0];
  const ofStages = request.stages && request.stages.length > 1 ? ` (stage ${(request.stage ?? 0) + 1} of ${request.stages.length})` : '';
  const whose = forPerson ? `${forPerson.displayName}'s` : 'your';
  if (stage?.approvers === 'manager' && approverIds.length === 1 && approverIds[0] === managerOf(requester)) {
    return [`I've asked ${whose} manager, ${names[0]}, about joining `, name, `${ofStages}.`];
  }
  if (stage?.approvers === 'people' && approverIds.every((id) => stage.people?.includes(id))) {
    return [`I've asked ${andList(names)}, who approve${names.length === 1 ? 's' : ''} requests to join `, name, `${ofStages}.`];
  }
  if (outcome.approversAreAdmins) {
    return stage?.approvers === 'admins' ? [`I've asked the admins (${andList(names)}) about joining `, name, `${ofStages}.`] : [name, ` has no owners, so I've asked the admins (${andList(names)}).`];
  }
  return [`I've asked the ${names.length === 1 ? 'owner' : `${names.length} owners`} of `, name, ` (${andList(names)})${ofStages}.`];
}
