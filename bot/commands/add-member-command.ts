import { runMemberChange } from '../owner-tools/run-member-change.js';
import { defineCommand } from './command-spec.js';

/** `add <person> to <group>`: owners add a member directly ("add me to …" is a join request, matched before). */
export const addMemberCommand = defineCommand({
  name: 'add',
  usage: 'add <person> to <group>',
  description: 'Add someone to a group you own',
  audience: 'owners',
  parse: (text) => {
    const match = /^add\s+(.+?)\s+to\s+(.+)$/is.exec(text);
    return match ? { person: match[1]!, group: match[2]! } : undefined;
  },
  run: (gate, turn, typed) => runMemberChange(gate, turn, typed, 'add'),
});
