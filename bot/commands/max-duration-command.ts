import { membershipDurationBounds, membershipDurationFromMs, msFromIsoDuration } from '../../domain/group-management/membership-duration.js';
import { readGroupSettings, writeGroupSettings } from '../../domain/join-requests/join-request-records.js';
import { bold, code, message } from '../../cards/card-view.js';
import { auditTurn } from '../audit/audit-turn.js';
import { settingsRefusal } from '../owner-tools/settings-access.js';
import { parseDuration } from '../parse-duration.js';
import { resolveGroup } from '../resolve-group.js';
import { span } from '../words/time-words.js';
import { typedLengthOf } from '../words/time-bound-words.js';
import { defineCommand } from './command-spec.js';

/** "90d", "8h", "2w", or ISO 8601 ("P90D"): milliseconds, or undefined. */
const readDuration = (word: string) => parseDuration(word) ?? (/^P/i.test(word) ? msFromIsoDuration(word) : undefined);
const offWord = /^(off|none|unlimited|no\s*limit)$/i;

/** `max duration <group> <time>|off`: owners set how long a member may stay (stored for time-bound membership). */
export const maxDurationCommand = defineCommand({
  name: 'max duration',
  usage: 'max duration <group> <time>|off',
  description: 'Longest a member may stay, like 90d (time-bound membership)',
  audience: 'owners',
  parse: (text) => {
    const match = /^max(?:imum)?\s+(?:membership\s+)?duration\s+(?:for\s+|of\s+)?(.+)$/is.exec(text);
    if (!match) return undefined;
    const words = match[1]!.trim().split(/\s+/);
    const last = words.at(-1)!;
    if (words.length > 1 && offWord.test(last)) return { group: words.slice(0, -1).join(' '), set: 'off' as const };
    const ms = words.length > 1 ? readDuration(last) : undefined;
    if (ms !== undefined) return { group: words.slice(0, -1).join(' '), set: ms };
    // A last word that looks like a time but isn't one ("90x") is an error, not part of the name.
    if (words.length > 1 && /^\d/.test(last)) return { group: words.slice(0, -1).join(' '), set: 'invalid' as const };
    return { group: match[1]!, set: undefined };
  },
  run: async (gate, turn, command) => {
    const found = await resolveGroup(gate.directory, command.group, (name) => `max duration ${name}`);
    if ('reply' in found) return found.reply;
    const { group } = found;
    if (command.set === undefined) {
      const { maxMembershipDuration } = await readGroupSettings(gate.store, group);
      const ms = maxMembershipDuration ? msFromIsoDuration(maxMembershipDuration) : undefined;
      return [message([[bold(group.displayName), ms ? ` lets members stay at most ${span(ms)} (${maxMembershipDuration}).` : ' has no limit on how long members stay.'], ['Owners can set one: ', code(`max duration ${group.displayName} 90d`), ' or ', code('off'), '.']])];
    }
    if (command.set === 'invalid') return [message([["I didn't understand that length of time. Try ", code('90d'), ', ', code('12h'), ', ', code('2w'), ' or ', code('off'), '.']])];
    const refused = await settingsRefusal(gate, turn, group);
    if (refused) return [refused];
    if (command.set === 'off') {
      await writeGroupSettings(gate.store, group.id, { maxMembershipDuration: undefined });
      await auditTurn(gate, turn, { action: 'settings.changed', groupId: group.id, groupName: group.displayName, details: { setting: 'maxMembershipDuration', value: 'off' } });
      return [message([[bold(group.displayName), ' has no limit on how long members stay now.']], { tone: 'good' })];
    }
    const iso = membershipDurationFromMs(command.set);
    if (!iso.ok) {
      const bound = iso.error.reason === 'tooShort' ? `at least ${span(membershipDurationBounds.minMs)}` : `at most ${span(membershipDurationBounds.maxMs)}`;
      return [message([[`The maximum must be ${bound}.`]])];
    }
    await writeGroupSettings(gate.store, group.id, { maxMembershipDuration: iso.value });
    await auditTurn(gate, turn, { action: 'settings.changed', groupId: group.id, groupName: group.displayName, details: { setting: 'maxMembershipDuration', value: iso.value } });
    return [message([[bold(group.displayName), ` now lets members stay at most ${span(command.set)} (${iso.value}).`], ['New members are removed when that time is up, and may ask for less: ', code(`join ${group.displayName} for ${shorterExample(command.set)}`), '. Members who joined before keep their place.']], { tone: 'good' })];
  },
});

/** A length to show under a new maximum: half of it (in whole minutes), or the maximum itself when half would be too short to ask for. */
const shorterExample = (maxMs: number) => {
  const half = Math.floor(maxMs / 2 / 60_000) * 60_000;
  return typedLengthOf(half >= membershipDurationBounds.minMs ? half : maxMs);
};
