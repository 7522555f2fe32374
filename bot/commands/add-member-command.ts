import { runMemberChange } from '../owner-tools/run-member-change.js';
import { defineCommand } from './command-spec.js';

/** `add <person> to <group>`: owners add a member directly ("add me to …" is a join request, matched before). */
export const addMemberCommand = defineCommand({
  name: 'add',
  usage: 'add <person> to <group>',
  description: 'Add someone to a group you own',
  audience: 'owners',
  parse: (text) => {
    // The name starts at a non-space: with `\s+(.+?)` a run of spaces could be split every way (35 s for 4,000).
    const match = /^add\s+(\S.*?)\s+to\s+(.+)$/is.exec(text);
    return match ? { person: match[1]!, group: match[2]! } : undefined;
  },
  run: (gate, turn, typed) => runMemberChange(gate, turn, typed, 'add'),
});
