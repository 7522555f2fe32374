import type { JoinRefusal } from '../../domain/join-requests/join-refusal.js';
import { managerOf } from '../../domain/join-requests/find-stage-approvers.js';
import type { JoinOutcome } from '../../domain/join-requests/request-to-join.js';
import type { DirectoryGroup } from '../../domain/model/directory-group.js';
import { isGroupAdmin, type DirectoryUser } from '../../domain/model/directory-user.js';
import { bold, code, message, type Line, type MessageView } from '../../cards/card-view.js';
import type { GroupGate } from '../group-gate.js';
import { andList, displayNames } from '../words/names.js';
import { endTime } from '../words/time-words.js';

/**
 * "Atlas Project for Ada Ito": the group and the person asked for. The last " for " splits them;
 * a length ("for 8h", "for PT8H") is never a person (readTimedGroup reads those).
 */
export function readForPerson(head: string): { readonly group: string; readonly person: string } | undefined {
  const match = /^(.+)\s+for\s+(.+)$/is.exec(head.trim());
  if (!match || /^(?:\d|P\d|PT\d)/i.test(match[2]!.trim())) return undefined;
  return { group: match[1]!.trim(), person: match[2]!.trim() };
}

/** Only the person's manager (as the directory records it) or an admin may ask for someone else. */
export const mayAskFor = (asker: DirectoryUser, person: DirectoryUser): boolean => isGroupAdmin(asker) || managerOf(person) === asker.id;

/** Why this asker may not ask for this person, and what to do instead. */
export async function notTheirManager(gate: GroupGate, person: DirectoryUser, group: string): Promise<MessageView> {
  const manager = managerOf(person);
  const [managerName] = manager ? await displayNames(gate.directory, [manager]) : [];
  const who = managerName ? `${person.displayName}'s manager (${managerName}) or an admin` : `an admin (the directory has no manager for ${person.displayName})`;
  return message([[`Only ${who} can ask for ${person.displayName} to join a group. ${person.displayName} can ask for themselves: `, code(`join ${group}`), '.']], { tone: 'attention' });
}

/** The answers to an ask for someone else that would speak of "you": they are about the person. */
export function refusalForPerson(refusal: JoinRefusal, group: DirectoryGroup, person: DirectoryUser): MessageView | undefined {
  const name = bold(group.displayName);
  switch (refusal.reason) {
    case 'alreadyMember':
      return message([[`${person.displayName} is already a member of `, name, '.']]);
    case 'alreadyPending':
      return message([[`${person.displayName} already asked to join `, name, ` (${refusal.request.id}).`]]);
    case 'tooManyPendingRequests':
      return message([[`${person.displayName} has ${refusal.limit} requests waiting. One has to be decided or withdrawn before I ask for another.`]]);
    default:
      return undefined;
  }
}

/** "Done — Ada Ito is now a member of Lunch Club.", for the manager who asked for them (a time-bound membership says until when). */
export const joinedForPerson = (group: DirectoryGroup, person: DirectoryUser, outcome: Extract<JoinOutcome, { kind: 'joined' }>, now: Date): MessageView =>
  message([['Done — ', `${person.displayName} is now a member of `, bold(group.displayName), outcome.endsAt ? ` until ${endTime(outcome.endsAt, now)}` : '', ". I've told them."]], { tone: 'good' });

/**
 * The person a manager asked for is told, on every platform they use, with a button to withdraw
 * the request (or, added at once to an open group, to leave it): the request is theirs.
 */
export async function tellPersonAskedFor(gate: GroupGate, asker: DirectoryUser, person: DirectoryUser, group: DirectoryGroup, outcome: JoinOutcome, reason: string | undefined): Promise<void> {
  const why: Line[] = reason ? [[{ italic: `"${reason}"` }]] : [];
  const card =
    outcome.kind === 'joined'
      ? message([[`${asker.displayName} added you to `, bold(group.displayName), '.'], ...why, ["If you'd rather not be in it, leave it."]], {
          buttons: [{ action: 'run', title: 'Leave group', command: `leave ${group.displayName}` }],
        })
      : message(
          [
            [`${asker.displayName} asked for you to join `, bold(group.displayName), ` (${outcome.request.id}).`],
            ...why,
            [`I've asked ${andList(await displayNames(gate.directory, outcome.approverIds))}; I'll let you know as soon as it's decided. If you don't want it, withdraw it: `, code(`cancel ${outcome.request.id}`), '.'],
          ],
          { buttons: [{ action: 'cancel', title: 'Withdraw request', requestId: outcome.request.id }] },
        );
  await gate.messenger.sendToUser(person.id, card);
}
