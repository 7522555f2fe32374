import { leaveGroup } from '../../domain/join-requests/leave-group.js';
import { bold, message } from '../../cards/card-view.js';
import { resolveGroup } from '../resolve-group.js';
import { displayNames } from '../words/names.js';
import { leaveRefusalWords } from '../words/refusal-words.js';
import { defineCommand } from './command-spec.js';

/** `leave <group>`, also "remove me from …". */
export const leaveCommand = defineCommand({
  name: 'leave',
  usage: 'leave <group>',
  description: 'Leave a group you are a member of',
  audience: 'everyone',
  parse: (text) => /^(?:leave|remove me from)\s+(.+)$/is.exec(text)?.[1],
  run: async (gate, turn, typed) => {
    const found = await resolveGroup(gate.directory, typed, (name) => `leave ${name}`);
    if ('reply' in found) return found.reply;
    const outcome = await leaveGroup(gate.requests, { userId: turn.actor.id, group: found.group });
    if (outcome.ok) return [message([["You've left ", bold(found.group.displayName), '.']], { tone: 'good' })];
    const ownerNames = await displayNames(gate.directory, await gate.directory.listOwners(found.group.id));
    return [leaveRefusalWords(outcome.error, { group: found.group, ownerNames, now: gate.clock.now() })];
  },
});
