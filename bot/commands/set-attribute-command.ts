import type { DirectoryUser } from '../../domain/model/directory-user.js';
import type { GroupId } from '../../domain/model/ids.js';
import { bold, code, message, type Line } from '../../cards/card-view.js';
import type { GroupGate } from '../group-gate.js';
import { auditTurn } from '../audit/audit-turn.js';
import { findSettableAttribute, readAttributeValue, settableAttributes, type SettableAttribute } from '../membership-rules/settable-attributes.js';
import { resolvePerson } from '../resolve-person.js';
import { andList } from '../words/names.js';
import { defineCommand } from './command-spec.js';

// Graph's attribute names are the words people type; roles that may change them in Entra, or rule on groups.
const attributeAdminRoles = ['Global Administrator', 'User Administrator', 'Groups Administrator'];

/** `set <person> <attribute> <value>` (or `clear`): admins change a user's attribute in the embedded tenant; dynamic groups follow. */
export const setAttributeCommand = defineCommand({
  name: 'set',
  usage: 'set <person> <attribute> <value|clear>',
  description: 'Change a person’s attribute (embedded tenant); dynamic groups reading it follow',
  audience: 'admins',
  parse: (text) => {
    const match = /^set\s+(.+)$/is.exec(text);
    if (!match) return undefined;
    const words = match[1]!.trim().split(/\s+/);
    const at = words.findIndex((word, i) => i > 0 && i < words.length - 1 && findSettableAttribute(word) !== undefined);
    if (at < 0) return { person: '', attribute: undefined, value: '' };
    return { person: words.slice(0, at).join(' '), attribute: findSettableAttribute(words[at]!), value: words.slice(at + 1).join(' ').replace(/^to\s+/i, '') };
  },
  run: async (gate, turn, command) => {
    if (!(turn.actor.roles ?? []).some((role) => attributeAdminRoles.includes(role))) {
      return [message([['Only a User, Groups or Global Administrator can change people’s attributes.']], { tone: 'attention' })];
    }
    if (!gate.directory.updateUser) {
      return [message([['People’s attributes come from Entra ID (or HR sync) here: change them in the Entra admin center. GroupGate sees the change at its next sync, and Entra updates dynamic groups.']])];
    }
    const { attribute } = command;
    if (!attribute) return [message([['Type ', code('set <person> <attribute> <value>'), ' or ', code('set <person> <attribute> clear'), '. Attributes: ', settableAttributes.map((a) => a.name).join(', '), '.']])];
    const typed = readAttributeValue(attribute, command.value);
    if ('problem' in typed) return [message([[`${attribute.name} takes ${typed.problem}.`]], { tone: 'attention' })];
    const found = await resolvePerson(gate.membershipRules.subjects, turn.actor, command.person, (name) => `set ${name} ${attribute.name} ${command.value}`);
    if ('reply' in found) return found.reply;
    const before = read(found.person, attribute);
    const updated = await gate.directory.updateUser(found.person.id, patchFor(found.person, attribute, typed.value));
    if (!updated) return [message([[`${found.person.displayName} is no longer in the directory.`]], { tone: 'attention' })];
    await auditTurn(gate, turn, { action: 'attribute.changed', subjectId: updated.id, subjectName: updated.displayName, details: { attribute: attribute.name, value: shown(typed.value), was: shown(before) } });
    const outcome = await gate.membershipRules.userChanged(updated.id, [attribute.path.join('.')]);
    // Usage location, user type and account state decide who can hold a license.
    gate.background.run('licensing', () => gate.licensing.process());
    return [message([changedLine(updated.displayName, attribute, before, typed.value), ...(await ruleLines(gate, attribute, outcome))], { tone: 'good' })];
  },
});

function read(user: DirectoryUser, attribute: SettableAttribute): unknown {
  return attribute.path.reduce<unknown>((value, key) => (value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined), user);
}

function patchFor(user: DirectoryUser, attribute: SettableAttribute, value: string | boolean | null): Record<string, unknown> {
  const [top, inner] = attribute.path as [string, string | undefined];
  if (inner === undefined) return { [top]: value };
  const container = user[top] && typeof user[top] === 'object' ? (user[top] as Record<string, unknown>) : {};
  return { [top]: { ...container, [inner]: value } };
}

const shown = (value: unknown) => (value === null || value === undefined || value === '' ? 'empty' : String(value));

function changedLine(name: string, attribute: SettableAttribute, before: unknown, after: string | boolean | null): Line {
  return [`${name}'s ${attribute.name} is now `, bold(shown(after)), ` (was ${shown(before)}).`];
}

async function ruleLines(gate: GroupGate, attribute: SettableAttribute, outcome: Awaited<ReturnType<GroupGate['membershipRules']['userChanged']>>): Promise<Line[]> {
  const names = async (ids: readonly GroupId[]) => (await Promise.all(ids.map(async (id) => (await gate.directory.getGroup(id))?.displayName ?? id))).sort((a, b) => a.localeCompare(b));
  if (outcome.evaluated.length === 0) return [[`No dynamic group's rule reads ${attribute.name}, so no membership changed.`]];
  const evaluated = await names(outcome.evaluated);
  const which = evaluated.length === 1 ? 'the one dynamic group whose rule reads' : `the ${evaluated.length} dynamic groups whose rules read`;
  const lines: Line[] = [[`Checked ${which} ${attribute.name}: ${andList(evaluated)}.`]];
  if (outcome.joined.length > 0) lines.push(['Added to ', bold(andList(await names(outcome.joined))), '.']);
  if (outcome.left.length > 0) lines.push(['Removed from ', bold(andList(await names(outcome.left))), '.']);
  if (outcome.joined.length + outcome.left.length === 0) lines.push(['No membership changed.']);
  return lines;
}
