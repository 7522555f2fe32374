import { isAdmin, isGroupAdmin, type DirectoryUser } from '../../domain/model/directory-user.js';
import { bold, code, message, type CardButton, type Line, type MessageView } from '../../cards/card-view.js';
import { approvableRequests } from '../approvable-requests.js';
import type { GroupGate } from '../group-gate.js';
import { defineCommand, type Audience, type CommandSpec } from './command-spec.js';

/** `help` (also `?`): a card for the person's role, with commands they can use and examples to click. */
export const helpCommandFor = (catalog: () => readonly CommandSpec[]) =>
  defineCommand({
    name: 'help',
    usage: 'help',
    description: 'What I can do for you',
    audience: 'everyone',
    parse: (text) => (/^(?:help|\?|hi|hello|hey|what can you do\??)$/i.test(text) ? {} : undefined),
    run: async (gate, turn) => [await helpCard(gate, turn.actor, catalog())],
  });

/** Help's topics, in the order shown, each with the names of its commands (in catalog order within it). */
export const helpTopics = [
  { title: 'Joining groups', commands: ['join', 'leave', 'groups', 'my requests', 'cancel', 'owners', 'help'] },
  { title: 'Approving requests', commands: ['pending', 'delegate'] },
  { title: 'Groups you own', commands: ['create group', 'add', 'remove', 'add owner', 'remove owner', 'policy', 'require reason', 'max duration', 'suggest rule', 'review'] },
  { title: 'Membership rules', commands: ['preview', 'propose', 'check', 'set'] },
  { title: 'Licenses and alerts', commands: ['licenses', 'seats', 'reprocess', 'alerts'] },
  { title: 'Tenant settings and audit', commands: ['setting', 'audit'] },
] as const;

/** The topic a command is shown under; one missing from the topics shows under the last. */
const topicOf = (command: CommandSpec): string =>
  (helpTopics.find((t) => (t.commands as readonly string[]).includes(command.name)) ?? helpTopics[helpTopics.length - 1]!).title;

/** The help card; `intro` replaces the greeting (for "I didn't catch that"). */
export async function helpCard(gate: GroupGate, person: DirectoryUser, catalog: readonly CommandSpec[], intro?: Line): Promise<MessageView> {
  const owned = await gate.directory.groupsOwnedBy(person.id);
  const role: Audience = isAdmin(person) ? 'admins' : owned.length > 0 ? 'owners' : 'everyone';
  const audiences: Audience[] = role === 'admins' ? ['everyone', 'owners', 'admins'] : role === 'owners' ? ['everyone', 'owners'] : ['everyone'];
  const lines: Line[] = [intro ?? [`Hi ${person.givenName ?? person.displayName} — I help you join groups and manage the ones you own.`]];
  if (role !== 'everyone' && (owned.length > 0 || isGroupAdmin(person))) {
    const waiting = (await approvableRequests(gate, person)).length;
    lines.push([waiting === 0 ? 'No requests are waiting for you.' : bold(`${waiting} request${waiting === 1 ? ' is' : 's are'} waiting for you`), ...(waiting ? [' — type ', code('pending'), '.'] : [])]);
  }
  const mine = catalog.filter((c) => audiences.includes(c.audience));
  for (const topic of helpTopics) {
    const commands = mine.filter((c) => topicOf(c) === topic.title);
    // Topics only when there are several: a requester's few commands read better as one list.
    if (commands.length > 0 && role !== 'everyone') lines.push([bold(topic.title)]);
    for (const command of commands) lines.push([code(command.usage), ` — ${command.description}`]);
  }
  const examples: CardButton[] = [
    { action: 'run', title: 'Show groups', command: 'groups' },
    { action: 'run', title: 'My requests', command: 'my requests' },
    role === 'everyone' ? { action: 'run', title: 'Join Lunch Club', command: 'join Lunch Club' } : { action: 'run', title: 'Waiting for me', command: 'pending' },
  ];
  return message(lines, { title: 'What I can do', buttons: examples });
}
