import { runOwnerChange } from '../owner-tools/run-owner-change.js';
import { defineCommand } from './command-spec.js';

/** `remove owner <person> from <group>`, also "remove <person> as owner of <group>". */
export const removeOwnerCommand = defineCommand({
  name: 'remove owner',
  usage: 'remove owner <person> from <group>',
  description: 'Stop someone owning a group (it keeps at least one owner)',
  audience: 'owners',
  parse: (text) => {
    // The name starts at a non-space: with `\s+(.+?)` a run of spaces could be split every way (35 s for 4,000).
    const match = /^remove\s+(?:an?\s+)?owner\s+(\S.*?)\s+from\s+(.+)$/is.exec(text) ?? /^remove\s+(\S.*?)\s+as\s+(?:an?\s+)?owner\s+(?:of|from)\s+(.+)$/is.exec(text);
    return match ? { person: match[1]!, group: match[2]! } : undefined;
  },
  run: (gate, turn, typed) => runOwnerChange(gate, turn, typed, 'remove'),
});
