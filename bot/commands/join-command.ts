import { requestToJoin, type JoinOutcome } from '../../domain/join-requests/request-to-join.js';
import type { DirectoryGroup } from '../../domain/model/directory-group.js';
import { msFromIsoDuration } from '../../domain/group-management/membership-duration.js';
import { bold, code, message, type CardView, type Line, type Reply } from '../../cards/card-view.js';
import type { GroupGate } from '../group-gate.js';
import { overRateLimit } from '../limits/over-rate-limit.js';
import { parseDuration } from '../parse-duration.js';
import { cleanTypedName, resolveGroup } from '../resolve-group.js';
import { maxGroupsPerJoin, splitGroupNames } from '../split-group-names.js';
import { resolvePerson } from '../resolve-person.js';
import type { DirectoryUser } from '../../domain/model/directory-user.js';
import type { Turn } from '../turn.js';
import { displayNames } from '../words/names.js';
import { joinRefusalWords } from '../words/refusal-words.js';
import { endTime } from '../words/time-words.js';
import { maxReasonLength } from '../../cards/card-buttons.js';
import { defineCommand } from './command-spec.js';
import { dynamicGroupExplanation } from './explain-dynamic-refusal.js';
import { severalJoinsReply, type JoinSection } from './several-joins-reply.js';
import { joinedForPerson, mayAskFor, notTheirManager, readForPerson, refusalForPerson, tellPersonAskedFor } from './join-on-behalf.js';
import { pendingJoinReply } from './pending-join-reply.js';

/** Longest reason GroupGate keeps; owners read it on a card. */
export { maxReasonLength } from '../../cards/card-buttons.js';

/** A join clicked with the reason typed into the card: `join <group> because <reason>` (a command that has one keeps it). */
export const withTypedReason = (command: string, reason: string | undefined): string =>
  reason?.trim() && /^join\s/i.test(command) && !/\sbecause\s/i.test(command) ? `${command} because ${reason.trim()}` : command;

/** `join <group>[, <group> and <group>] [for 8h|3d|2w] [because <reason>]`, also "add me to …" and "request access to …". */
export const joinCommand = defineCommand({
  name: 'join',
  usage: 'join <group>[, …] [for <person>] [for <time>] [because <reason>]',
  description: 'Ask to join one or more groups, for good or for a while',
  audience: 'everyone',
  parse: (text) => parseJoin(text),
  run: async (gate, turn, command) => {
    if ((command.reason?.length ?? 0) > maxReasonLength) {
      return [message([[`Please keep the reason under ${maxReasonLength} characters — owners read it on a card.`]])];
    }
    if (command.durationMs === 'invalid') {
      return [message([["I didn't understand that length of time. Try ", code(`join ${command.group} for 8h`), ', ', code('3d'), ' or ', code('2w'), '.']])];
    }
    const isGroupName = async (name: string) => (await gate.directory.findGroupsByName(foldName(name))).length > 0;
    const asked = await whoFor(gate, turn, command, isGroupName);
    if ('reply' in asked) return asked.reply;
    const names = uniqueNames(await splitGroupNames(asked.group, isGroupName));
    if (names.length === 1) return joinOne(gate, turn, command, names[0]!, asked.person);
    if (names.length > maxGroupsPerJoin) {
      return [message([[`That's ${names.length} groups; I ask for at most ${maxGroupsPerJoin} at once, so their owners aren't flooded. Please split it into several messages.`]])];
    }
    // One after another: each ask counts against the rate limit and the waiting requests the one before left.
    const sections: JoinSection[] = [];
    for (const name of names) sections.push({ name, reply: await joinOne(gate, turn, command, name, asked.person) });
    return [severalJoinsReply(sections)];
  },
});

/**
 * Whom a join is for: the one asking, or with `for <person>` that person, when the one asking is
 * their manager or an admin. A group whose own name holds " for " ("Tools for Research") is a group.
 */
async function whoFor(gate: GroupGate, turn: Turn, command: JoinCommand, isGroupName: (name: string) => Promise<boolean>): Promise<{ readonly group: string; readonly person?: DirectoryUser } | { readonly reply: Reply }> {
  if (!command.forPerson) return { group: command.group };
  const whole = `${command.group} for ${command.forPerson}`;
  if (await isGroupName(whole)) return { group: whole };
  const found = await resolvePerson(gate.directory, turn.actor, command.forPerson, (name) => `join ${command.group} for ${name}${forTimeOf(command)}${becauseOf(command)}`);
  if ('reply' in found) return found;
  if (found.person.id === turn.actor.id) return { group: command.group };
  if (!mayAskFor(turn.actor, found.person)) return { reply: [await notTheirManager(gate, found.person, command.group)] };
  return { group: command.group, person: found.person };
}

const forTimeOf = (command: JoinCommand) => (command.durationMs === undefined ? '' : ` for ${command.typedDuration}`);
const becauseOf = (command: JoinCommand) => (command.reason ? ` because ${command.reason}` : '');

/** The same name twice ("join Lunch Club and lunch club") is asked for once. */
const uniqueNames = (names: readonly string[]) => names.filter((name, i) => names.findIndex((other) => foldName(other) === foldName(name)) === i);
const foldName = (name: string) => cleanTypedName(name).toLowerCase().replace(/\s+/g, ' ').trim();

/**
 * One group's join, as `join <group>` alone answers it: joined, sent to the approvers, refused, or
 * which group was meant. `forPerson`: a manager asks for them, so the request is theirs (and they are told).
 */
async function joinOne(gate: GroupGate, turn: Turn, command: JoinCommand, typedGroup: string, forPerson?: DirectoryUser): Promise<Reply> {
  const retry = (name: string) => `join ${name}${forPerson ? ` for ${forPerson.mail ?? forPerson.userPrincipalName}` : ''}${forTimeOf(command)}${becauseOf(command)}`;
  const found = await resolveGroup(gate.directory, typedGroup, retry);
  // A pick list or "Did you mean" for a join typed without a reason asks for one on the button.
  if ('reply' in found) return command.reason ? found.reply : found.reply.map(askingReason);
  // Counted before anything is sent: a person asking to join group after group would flood their owners.
  const limited = await overRateLimit(gate, 'joinRequest', turn.actor.id);
  if (limited) return [limited];
  // An approval card shows the member count: read with the ask's own reads (one round trip), remembered for the turn.
  gate.directory.memberCount(found.group.id).catch(() => undefined);
  const outcome = await requestToJoin(gate.requests, {
    requester: forPerson ?? turn.actor,
    ...(forPerson ? { askedBy: turn.actor } : {}),
    group: found.group,
    ...(command.reason ? { reason: command.reason } : {}),
    ...(typeof command.durationMs === 'number' ? { durationMs: command.durationMs } : {}),
    platform: turn.platform,
  });
  if (outcome.ok && forPerson) {
    await tellPersonAskedFor(gate, turn.actor, forPerson, found.group, outcome.value, command.reason);
    return outcome.value.kind === 'joined' ? [joinedForPerson(found.group, forPerson, outcome.value, gate.clock.now())] : pendingJoinReply(gate, found.group, outcome.value, forPerson, forPerson);
  }
  if (outcome.ok) return joinedOrPending(gate, found.group, outcome.value, turn.actor);
  const aboutThem = forPerson ? refusalForPerson(outcome.error, found.group, forPerson) : undefined;
  if (aboutThem) return [aboutThem];
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
  const timed = readTimedGroup(head!.replace(/[\s,]+please$/i, ''));
  // "join Atlas Project for Ada Ito", also with a length before or after the person ("for Ada Ito for 8h").
  const forPerson = readForPerson(timed.group);
  const timedBefore = forPerson && timed.durationMs === undefined ? readTimedGroup(forPerson.group) : undefined;
  const group = timedBefore ?? (forPerson ? { ...timed, group: forPerson.group } : timed);
  return { ...group, ...(forPerson ? { forPerson: forPerson.person } : {}), reason: reason.join(' because ').trim() || undefined };
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

async function joinedOrPending(gate: GroupGate, group: DirectoryGroup, outcome: JoinOutcome, requester: DirectoryUser): Promise<Reply> {
  if (outcome.kind === 'joined') return [joinedMessage(gate, group, outcome)];
  return pendingJoinReply(gate, group, outcome, requester);
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
