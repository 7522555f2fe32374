import { runOwnerChange } from '../owner-tools/run-owner-change.js';
import { defineCommand } from './command-spec.js';

/** `add owner <person> to <group>`, also "make <person> an owner of <group>". */
export const addOwnerCommand = defineCommand({
  name: 'add owner',
  usage: 'add owner <person> to <group>',
  description: 'Make someone an owner of a group you own',
  audience: 'owners',
  parse: (text) => {
    // The name starts at a non-space: with `\s+(.+?)` a run of spaces could be split every way (35 s for 4,000).
    const match = /^add\s+(?:an?\s+)?owner\s+(\S.*?)\s+to\s+(.+)$/is.exec(text) ?? /^make\s+(\S.*?)\s+(?:an?\s+)?owner\s+of\s+(.+)$/is.exec(text);
    return match ? { person: match[1]!, group: match[2]! } : undefined;
  },
  run: (gate, turn, typed) => runOwnerChange(gate, turn, typed, 'add'),
});
