import { createSelfServiceGroup } from '../../domain/group-management/create-self-service-group.js';
import { groupKindLabel } from '../../domain/model/directory-group.js';
import type { NewGroupKind } from '../../domain/model/new-group.js';
import { bold, code, message, type Line } from '../../cards/card-view.js';
import { cleanTypedName } from '../resolve-group.js';
import { creationRefusalWords } from '../words/owner-tool-words.js';
import { defineCommand } from './command-spec.js';
import { auditTurn } from '../audit/audit-turn.js';

const kindWord = /^(security|microsoft\s?365|m365|office\s?365|unified)$/i;
// "security group", but "Microsoft 365 group": a product name keeps its capitals.
const kindText = (label: string) => (label.startsWith('Microsoft') ? label : label.toLowerCase());
const kindOf = (word: string | undefined): NewGroupKind | undefined => (word === undefined ? undefined : /^sec/i.test(word) ? 'security' : 'microsoft365');

/**
 * Reads "<name> [security|microsoft365] [description]": a quoted name ends where its quote does;
 * otherwise the kind word separates name from description, and without one it is all name.
 */
export function parseGroupDraft(rest: string): { readonly name: string; readonly kind?: NewGroupKind; readonly description?: string } {
  const quoted = /^\s*["“'`](.+?)["”'`]\s*(.*)$/s.exec(rest);
  const [name, tail] = quoted ? [quoted[1]!, quoted[2]!] : [rest, ''];
  const words = (quoted ? tail : name).trim().split(/\s+/).filter(Boolean);
  // "Microsoft 365" is two words; look at pairs first.
  const at = words.findIndex((w, i) => (quoted || i > 0) && (kindWord.test(`${w} ${words[i + 1] ?? ''}`) || kindWord.test(w)));
  if (at < 0) return quoted ? { name, ...(words.length ? { description: words.join(' ') } : {}) } : { name: name.trim() };
  const pair = kindWord.test(`${words[at]} ${words[at + 1] ?? ''}`);
  const description = words.slice(at + (pair ? 2 : 1)).join(' ');
  return { name: quoted ? name : words.slice(0, at).join(' '), kind: kindOf(words[at])!, ...(description ? { description } : {}) };
}

/** `create group <name> [security|microsoft365] [description]`: anyone may create a group (as the tenant's settings allow) and owns it. */
export const createGroupCommand = defineCommand({
  name: 'create group',
  usage: 'create group <name> [security|microsoft365] [description]',
  description: 'Create a group you will own (security by default)',
  audience: 'everyone',
  parse: (text) => {
    const match = /^(?:create|new|make)\s+(?:an?\s+)?(?:new\s+)?(?:(security|microsoft\s?365|m365|office\s?365)\s+)?group\s+(.+)$/is.exec(text);
    if (!match) return undefined;
    const draft = parseGroupDraft(match[2]!);
    return { ...draft, kind: draft.kind ?? kindOf(match[1]) ?? 'security' };
  },
  run: async (gate, turn, draft) => {
    const typedName = cleanTypedName(draft.name);
    const created = await createSelfServiceGroup(gate.requests, { creator: turn.actor, typedName, kind: draft.kind, ...(draft.description ? { description: draft.description } : {}) });
    if (!created.ok) {
      const allowed = created.error.reason === 'directoryForbids' && created.error.allowedGroupId ? await gate.directory.getGroup(created.error.allowedGroupId) : undefined;
      return [creationRefusalWords(created.error, { typedName, ...(allowed ? { allowedGroupName: allowed.displayName } : {}) })];
    }
    const group = created.value;
    const name = group.displayName;
    await auditTurn(gate, turn, { action: 'group.created', groupId: group.id, groupName: name, details: { kind: draft.kind } });
    const lines: Line[] = [
      ['Created ', bold(name), ` (${kindText(groupKindLabel(group))}). You're its owner and first member.`],
      ...(name.toLowerCase() !== typedName.toLowerCase() ? [[`Your organisation's naming policy named it "${name}".`]] : []),
      ['People can ask to join it, and you approve each request. Add people yourself with ', code(`add <person> to ${name}`), '.'],
    ];
    return [
      message(lines, {
        tone: 'good',
        buttons: [
          { action: 'run', title: 'Join policy', command: `policy ${name}` },
          { action: 'run', title: 'Owners', command: `owners ${name}` },
        ],
      }),
    ];
  },
});
