import { runOwnerChange } from '../owner-tools/run-owner-change.js';
import { defineCommand } from './command-spec.js';

/** `add owner <person> to <group>`, also "make <person> an owner of <group>". */
export const addOwnerCommand = defineCommand({
  name: 'add owner',
  usage: 'add owner <person> to <group>',
  description: 'Make someone an owner of a group you own',
  audience: 'owners',
  parse: (text) => {
    const match = /^add\s+(?:an?\s+)?owner\s+(.+?)\s+to\s+(.+)$/is.exec(text) ?? /^make\s+(.+?)\s+(?:an?\s+)?owner\s+of\s+(.+)$/is.exec(text);
    return match ? { person: match[1]!, group: match[2]! } : undefined;
  },
  run: (gate, turn, typed) => runOwnerChange(gate, turn, typed, 'add'),
});
