import { requestToJoin, type JoinOutcome } from '../../domain/join-requests/request-to-join.js';
import type { DirectoryGroup } from '../../domain/model/directory-group.js';
import { msFromIsoDuration } from '../../domain/group-management/membership-duration.js';
import { bold, code, message, type CardView, type Line, type Reply } from '../../cards/card-view.js';
import type { GroupGate } from '../group-gate.js';
import { overRateLimit } from '../limits/over-rate-limit.js';
import { parseDuration } from '../parse-duration.js';
import { cleanTypedName, resolveGroup } from '../resolve-group.js';
import { maxGroupsPerJoin, splitGroupNames } from '../split-group-names.js';
import type { Turn } from '../turn.js';
import { andList, displayNames } from '../words/names.js';
import { joinRefusalWords } from '../words/refusal-words.js';
import { notOnPlatformLine } from '../words/not-on-platform-words.js';
import { lengthWords } from '../words/time-bound-words.js';
import { endTime } from '../words/time-words.js';
import { maxReasonLength } from '../../cards/card-buttons.js';
import { defineCommand } from './command-spec.js';
import { dynamicGroupExplanation } from './explain-dynamic-refusal.js';
import { severalJoinsReply, type JoinSection } from './several-joins-reply.js';

/** Longest reason GroupGate keeps; owners read it on a card. */
export { maxReasonLength } from '../../cards/card-buttons.js';

/** A join clicked with the reason typed into the card: `join <group> because <reason>` (a command that has one keeps it). */
export const withTypedReason = (command: string, reason: string | undefined): string =>
  reason?.trim() && /^join\s/i.test(command) && !/\sbecause\s/i.test(command) ? `${command} because ${reason.trim()}` : command;

/** `join <group>[, <group> and <group>] [for 8h|3d|2w] [because <reason>]`, also "add me to …" and "request access to …". */
export const joinCommand = defineCommand({
  name: 'join',
  usage: 'join <group>[, <group> and <group>] [for <time>] [because <reason>]',
  description: 'Ask to join a group (or several at once), for good or for a while (like for 8h)',
  audience: 'everyone',
  parse: (text) => parseJoin(text),
  run: async (gate, turn, command) => {
    if ((command.reason?.length ?? 0) > maxReasonLength) {
      return [message([[`Please keep the reason under ${maxReasonLength} characters — owners read it on a card.`]])];
    }
    if (command.durationMs === 'invalid') {
      return [message([["I didn't understand that length of time. Try ", code(`join ${command.group} for 8h`), ', ', code('3d'), ' or ', code('2w'), '.']])];
    }
    const names = uniqueNames(await splitGroupNames(command.group, async (name) => (await gate.directory.findGroupsByName(foldName(name))).length > 0));
    if (names.length === 1) return joinOne(gate, turn, command, names[0]!);
    if (names.length > maxGroupsPerJoin) {
      return [message([[`That's ${names.length} groups; I ask for at most ${maxGroupsPerJoin} at once, so their owners aren't flooded. Please split it into several messages.`]])];
    }
    // One after another: each ask counts against the rate limit and the waiting requests the one before left.
    const sections: JoinSection[] = [];
    for (const name of names) sections.push({ name, reply: await joinOne(gate, turn, command, name) });
    return [severalJoinsReply(sections)];
  },
});

/** The same name twice ("join Lunch Club and lunch club") is asked for once. */
const uniqueNames = (names: readonly string[]) => names.filter((name, i) => names.findIndex((other) => foldName(other) === foldName(name)) === i);
const foldName = (name: string) => cleanTypedName(name).toLowerCase().replace(/\s+/g, ' ').trim();

/** One group's join, as `join <group>` alone answers it: joined, sent to the approvers, refused, or which group was meant. */
async function joinOne(gate: GroupGate, turn: Turn, command: JoinCommand, typedGroup: string): Promise<Reply> {
  const forTime = command.durationMs === undefined ? '' : ` for ${command.typedDuration}`;
  const retry = (name: string) => `join ${name}${forTime}${command.reason ? ` because ${command.reason}` : ''}`;
  const found = await resolveGroup(gate.directory, typedGroup, retry);
  // A pick list or "Did you mean" for a join typed without a reason asks for one on the button.
  if ('reply' in found) return command.reason ? found.reply : found.reply.map(askingReason);
  // Counted before anything is sent: a person asking to join group after group would flood their owners.
  const limited = await overRateLimit(gate, 'joinRequest', turn.actor.id);
  if (limited) return [limited];
  // An approval card shows the member count: read with the ask's own reads (one round trip), remembered for the turn.
  gate.directory.memberCount(found.group.id).catch(() => undefined);
  const outcome = await requestToJoin(gate.requests, {
    requester: turn.actor,
    group: found.group,
    ...(command.reason ? { reason: command.reason } : {}),
    ...(typeof command.durationMs === 'number' ? { durationMs: command.durationMs } : {}),
    platform: turn.platform,
  });
  if (outcome.ok) return joinedOrPending(gate, found.group, outcome.value);
  const ownerNames = await displayNames(gate.directory, await gate.directory.listOwners(found.group.id));
  const ruleExplanation = outcome.error.reason === 'dynamicGroup' ? await dynamicGroupExplanation(gate, turn, found.group) : undefined;
  return [joinRefusalWords(outcome.error, { group: found.group, ownerNames, now: gate.clock.now(), ...(ruleExplanation ? { ruleExplanation } : {}) })];
}

type JoinCommand = NonNullable<ReturnType<typeof parseJoin>>;

function parseJoin(text: string) {
  const match = /^(?:join|add me to|request access to|i want to join|can i join)\s+(.+)$/is.exec(text);
  if (!match) return undefined;
  const [head, ...reason] = match[1]!.split(/\s+because\s+/i);
  // "join Atlas Project please because …": the please is politeness, not part of the name.
  return { ...readTimedGroup(head!.replace(/[\s,]+please$/i, '')), reason: reason.join(' because ').trim() || undefined };
}

// Units people write after `for`: "8h", "8 hours", "3 days", "2 wks", "45 min".
const unitWords: Readonly<Record<string, string>> = { s: 's', sec: 's', secs: 's', second: 's', seconds: 's', m: 'm', min: 'm', mins: 'm', minute: 'm', minutes: 'm', h: 'h', hr: 'h', hrs: 'h', hour: 'h', hours: 'h', d: 'd', day: 'd', days: 'd', w: 'w', wk: 'w', wks: 'w', week: 'w', weeks: 'w' };

/**
 * Splits "Atlas Project for 8h" into the group and the length. A last "for <number><unit>" is a
 * length (a unit it does not know makes it `invalid`); anything else stays part of the name.
 */
function readTimedGroup(head: string): { readonly group: string; readonly durationMs?: number | 'invalid'; readonly typedDuration?: string } {
  const match = /^(.+?)\s+for\s+(\d+(?:\.\d+)?)\s*([a-z]+)$/is.exec(head.trim()) ?? /^(.+?)\s+for\s+(P[0-9WDTHM]+)()$/is.exec(head.trim());
  if (!match) return { group: head };
  const [, group, amount, unit] = match as unknown as [string, string, string, string];
  const typedDuration = `${amount}${unit}`;
  const ms = unit === '' ? msFromIsoDuration(amount) : unitWords[unit.toLowerCase()] ? parseDuration(`${amount}${unitWords[unit.toLowerCase()]}`) : undefined;
  return { group, durationMs: ms ?? 'invalid', typedDuration };
}

async function joinedOrPending(gate: GroupGate, group: DirectoryGroup, outcome: JoinOutcome): Promise<Reply> {
  const name = bold(group.displayName);
  if (outcome.kind === 'joined') return [joinedMessage(gate, group, outcome)];
  const approverNames = await displayNames(gate.directory, outcome.approverIds);
  const unreachableNames = await displayNames(gate.directory, outcome.unreachable);
  const failedNames = await displayNames(gate.directory, outcome.failed);
  const who = outcome.approversAreAdmins
    ? [name, ` has no owners, so I've asked the admins (${andList(approverNames)}).`]
    : [`I've asked the ${approverNames.length === 1 ? 'owner' : `${approverNames.length} owners`} of `, name, ` (${andList(approverNames)}).`];
  const lines: Line[] = [[...who, approverNames.length === 1 ? " I'll let you know as soon as they decide." : " I'll let you know as soon as one of them decides."]];
  const reachedSome = unreachableNames.length + failedNames.length < approverNames.length;
  const hasnt = (names: string[]) => `${andList(names)} ${names.length === 1 ? "hasn't" : "haven't"} installed GroupGate`;
  if (unreachableNames.length === approverNames.length) {
    lines.push([
      `${hasnt(unreachableNames)} yet, so nobody has seen your request yet. I'll send it to them as soon as they open GroupGate; you may also want to let them know.`,
    ]);
  } else if (unreachableNames.length > 0) {
    lines.push([reachedSome ? `${hasnt(unreachableNames)}; I've told the other ${outcome.approversAreAdmins ? 'admins' : 'owners'}.` : `${hasnt(unreachableNames)} yet; I'll send it to them as soon as they open GroupGate.`]);
  }
  if (failedNames.length > 0) {
    lines.push([`I couldn't reach ${andList(failedNames)} just now${reachedSome ? '' : ', so nobody has seen your request yet'}; I'll try again in a minute or two.`]);
  }
  if (outcome.notOnPlatform.length > 0 && outcome.request.platform) lines.push(notOnPlatformLine(await displayNames(gate.directory, outcome.notOnPlatform), outcome.request.platform));
  if (outcome.request.duration) lines.push([`Membership is for ${lengthWords(outcome.request.duration)}, counted from the approval.`]);
  lines.push([`Your request is ${outcome.request.id} — type `, code(`cancel ${outcome.request.id}`), ' to withdraw it.']);
  return [message(lines, { buttons: [{ action: 'cancel', title: 'Cancel request', requestId: outcome.request.id }] })];
}

function joinedMessage(gate: GroupGate, group: DirectoryGroup, outcome: Extract<JoinOutcome, { kind: 'joined' }>) {
  const name = bold(group.displayName);
  // Auto-approved: the person sees which rule let them in, so nobody wonders who approved it.
  const matched = outcome.autoApprovedBy ? [' (you match its auto-approve rule: ', code(outcome.autoApprovedBy), ')'] : [];
  if (!outcome.endsAt) return message([["Done — you're now a member of ", name, ...matched, '.']], { tone: 'good' });
  const until = ` ${endTime(outcome.endsAt, gate.clock.now())}`;
  const first: Line = outcome.extended ? ['Done — your membership of ', name, ` now ends${until}`, ...matched, '.'] : ["Done — you're a member of ", name, ` until${until}`, ...matched, '.'];
  return message([first, ["I'll remind you before it ends, with a button to extend it."]], { tone: 'good' });
}

/** A card whose join buttons ask why first (the owners may require it; the input is optional here, the join says if so). */
function askingReason(card: CardView): CardView {
  if (card.kind !== 'message' || !card.buttons) return card;
  return { ...card, buttons: card.buttons.map((b) => (b.action === 'run' && /^join\s/i.test(b.command) ? { ...b, asksReason: { required: false } } : b)) };
}
