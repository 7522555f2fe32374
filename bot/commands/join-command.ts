import { requestToJoin, type JoinOutcome } from '../../domain/join-requests/request-to-join.js';
import type { DirectoryGroup } from '../../domain/model/directory-group.js';
import { bold, code, message, type Line, type Reply } from '../../cards/card-view.js';
import type { GroupGate } from '../group-gate.js';
import { overRateLimit } from '../limits/over-rate-limit.js';
import { resolveGroup } from '../resolve-group.js';
import type { Turn } from '../turn.js';
import { andList, displayNames } from '../words/names.js';
import { joinRefusalWords } from '../words/refusal-words.js';
import { defineCommand } from './command-spec.js';
import { dynamicGroupExplanation } from './explain-dynamic-refusal.js';

/** Longest reason GroupGate keeps; owners read it on a card. */
export const maxReasonLength = 500;

/** `join <group> [because <reason>]`, also "add me to …" and "request access to …". */
export const joinCommand = defineCommand({
  name: 'join',
  usage: 'join <group> [because <reason>]',
  description: 'Ask to join a group',
  audience: 'everyone',
  parse: (text) => {
    const match = /^(?:join|add me to|request access to|i want to join|can i join)\s+(.+)$/is.exec(text);
    if (!match) return undefined;
    const [group, ...reason] = match[1]!.split(/\s+because\s+/i);
    return { group: group!, reason: reason.join(' because ').trim() || undefined };
  },
  run: async (gate, turn, command) => {
    if ((command.reason?.length ?? 0) > maxReasonLength) {
      return [message([[`Please keep the reason under ${maxReasonLength} characters — owners read it on a card.`]])];
    }
    const retry = (name: string) => `join ${name}${command.reason ? ` because ${command.reason}` : ''}`;
    const found = await resolveGroup(gate.directory, command.group, retry);
    if ('reply' in found) return found.reply;
    // Counted before anything is sent: a person asking to join group after group would flood their owners.
    const limited = await overRateLimit(gate, 'joinRequest', turn.actor.id);
    if (limited) return [limited];
    const outcome = await requestToJoin(gate.requests, {
      requester: turn.actor,
      group: found.group,
      ...(command.reason ? { reason: command.reason } : {}),
      platform: turn.platform,
    });
    if (outcome.ok) return joinedOrPending(gate, found.group, outcome.value);
    const ownerNames = await displayNames(gate.directory, await gate.directory.listOwners(found.group.id));
    const ruleExplanation = outcome.error.reason === 'dynamicGroup' ? await dynamicGroupExplanation(gate, turn, found.group) : undefined;
    return [joinRefusalWords(outcome.error, { group: found.group, ownerNames, now: gate.clock.now(), ...(ruleExplanation ? { ruleExplanation } : {}) })];
  },
});

async function joinedOrPending(gate: GroupGate, group: DirectoryGroup, outcome: JoinOutcome): Promise<Reply> {
  const name = bold(group.displayName);
  if (outcome.kind === 'joined') return [message([["Done — you're now a member of ", name, '.']], { tone: 'good' })];
  const approverNames = await displayNames(gate.directory, outcome.approverIds);
  const unreachableNames = await displayNames(gate.directory, outcome.unreachable);
  const who = outcome.approversAreAdmins
    ? [name, ` has no owners, so I've asked the admins (${andList(approverNames)}).`]
    : [`I've asked the ${approverNames.length === 1 ? 'owner' : `${approverNames.length} owners`} of `, name, ` (${andList(approverNames)}).`];
  const lines: Line[] = [[...who, " I'll let you know as soon as one of them decides."]];
  if (unreachableNames.length === approverNames.length) {
    lines.push([
      `${andList(unreachableNames)} ${unreachableNames.length === 1 ? "hasn't" : "haven't"} installed GroupGate yet, so nobody has seen your request yet. I'll send it to them as soon as they open GroupGate; you may also want to let them know.`,
    ]);
  } else if (unreachableNames.length > 0) {
    lines.push([`${andList(unreachableNames)} ${unreachableNames.length === 1 ? "hasn't" : "haven't"} installed GroupGate; I've told the other ${outcome.approversAreAdmins ? 'admins' : 'owners'}.`]);
  }
  lines.push([`Your request is ${outcome.request.id} — type `, code(`cancel ${outcome.request.id}`), ' to withdraw it.']);
  return [message(lines, { buttons: [{ action: 'cancel', title: 'Cancel request', requestId: outcome.request.id }] })];
}
