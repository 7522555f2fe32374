import { runMemberChange } from '../owner-tools/run-member-change.js';
import { defineCommand } from './command-spec.js';

/** `remove <person> from <group>`: owners remove a member directly ("remove me from …" is leaving, matched before). */
export const removeMemberCommand = defineCommand({
  name: 'remove',
  usage: 'remove <person> from <group>',
  description: 'Remove someone from a group you own',
  audience: 'owners',
  parse: (text) => {
    // The name starts at a non-space: with `\s+(.+?)` a run of spaces could be split every way (35 s for 4,000).
    const match = /^remove\s+(\S.*?)\s+from\s+(.+)$/is.exec(text);
    return match ? { person: match[1]!, group: match[2]! } : undefined;
  },
  run: (gate, turn, typed) => runMemberChange(gate, turn, typed, 'remove'),
});
