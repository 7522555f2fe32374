import { readGroupSettings, writeGroupSettings } from '../../domain/join-requests/join-request-records.js';
import { bold, code, message } from '../../cards/card-view.js';
import { auditTurn } from '../audit/audit-turn.js';
import { settingsRefusal } from '../owner-tools/settings-access.js';
import { resolveGroup } from '../resolve-group.js';
import { defineCommand } from './command-spec.js';

const switchWord = /^(on|off|yes|no|true|false|required|optional)$/i;

/** `require reason <group> on|off`: owners decide whether a join request must say why. */
export const requireReasonCommand = defineCommand({
  name: 'require reason',
  usage: 'require reason <group> on|off',
  description: 'Whether people must say why they want to join',
  audience: 'owners',
  parse: (text) => {
    const match = /^require\s+(?:a\s+)?reasons?\s+(?:for\s+|to\s+join\s+)?(.+)$/is.exec(text);
    if (!match) return undefined;
    const words = match[1]!.trim().split(/\s+/);
    const last = words.at(-1)!;
    const on = switchWord.test(last) && words.length > 1 ? /^(on|yes|true|required)$/i.test(last) : undefined;
    return { group: on === undefined ? match[1]! : words.slice(0, -1).join(' '), on };
  },
  run: async (gate, turn, command) => {
    const retry = (name: string) => `require reason ${name}${command.on === undefined ? '' : command.on ? ' on' : ' off'}`;
    const found = await resolveGroup(gate.directory, command.group, retry);
    if ('reply' in found) return found.reply;
    const { group } = found;
    if (command.on === undefined) {
      const { reasonRequired } = await readGroupSettings(gate.store, group);
      return [message([[bold(group.displayName), reasonRequired ? ' asks everyone who wants to join for a reason.' : " doesn't ask for a reason."], ['Owners can change it: ', code(`require reason ${group.displayName} ${reasonRequired ? 'off' : 'on'}`), '.']])];
    }
    const refused = await settingsRefusal(gate, turn, group);
    if (refused) return [refused];
    await writeGroupSettings(gate.store, group.id, { reasonRequired: command.on });
    await auditTurn(gate, turn, { action: 'settings.changed', groupId: group.id, groupName: group.displayName, details: { setting: 'reasonRequired', value: command.on } });
    return [message([[bold(group.displayName), command.on ? ' now asks everyone who wants to join for a reason.' : ' no longer asks for a reason.']], { tone: 'good' })];
  },
});
