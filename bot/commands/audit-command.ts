import { auditCsvHeader, auditCsvLine, auditJsonLine } from '../../domain/audit/audit-export.js';
import type { AuditEntry } from '../../domain/audit/audit-entry.js';
import type { AuditQuery } from '../../domain/audit/audit-log.js';
import type { DirectoryGroup } from '../../domain/model/directory-group.js';
import { isGroupAdmin, type DirectoryUser } from '../../domain/model/directory-user.js';
import { bold, code, message, type CardButton, type Reply } from '../../cards/card-view.js';
import type { GroupGate } from '../group-gate.js';
import { resolveGroup } from '../resolve-group.js';
import { resolvePerson } from '../resolve-person.js';
import type { Turn } from '../turn.js';
import { auditDetail, auditHeadline } from '../words/audit-words.js';
import { defineCommand } from './command-spec.js';

const pageSize = 10;
// An export in chat fits one Slack preformatted block (2,900 characters) and stays readable; bigger ones: npm run audit:export.
const maxExportChars = 2_800;
const maxExportEntries = 50;

type Format = 'csv' | 'jsonl';
type Target = { readonly group: DirectoryGroup } | { readonly person: DirectoryUser };

/** `audit <group|person> [page N] [as csv|jsonl]`: the audit trail, newest first, for admins and a group's owners. */
export const auditCommand = defineCommand({
  name: 'audit',
  usage: 'audit <group|person> [page N] [as csv|jsonl]',
  description: 'Who did what, when and where: the audit log of a group or a person (admins; owners for their groups)',
  audience: 'owners',
  parse: (text) => {
    const match = /^audit(?:\s+log)?(?:\s+(?:of|for))?\s+(.+)$/is.exec(text);
    if (!match) return undefined;
    let rest = match[1]!.trim();
    let page = 1;
    let format: Format | undefined;
    for (let options = 0; options < 2; options++) {
      const as = /\s+(?:as|in)\s+(csv|jsonl|json\s*lines)$/i.exec(rest);
      if (as) {
        format = /csv/i.test(as[1]!) ? 'csv' : 'jsonl';
        rest = rest.slice(0, as.index);
      }
      const paged = /\s+page\s+(\d{1,5})$/i.exec(rest);
      if (paged) {
        page = Math.max(1, Number(paged[1]));
        rest = rest.slice(0, paged.index);
      }
    }
    return { target: rest.trim(), page, format };
  },
  run: async (gate, turn, command) => {
    const retry = (name: string) => `audit ${name}${command.page > 1 ? ` page ${command.page}` : ''}${command.format ? ` as ${command.format}` : ''}`;
    const found = await findTarget(gate, turn, command.target, retry);
    if ('reply' in found) return found.reply;
    const scope = await readableScope(gate, turn, found);
    if ('reply' in scope) return scope.reply;
    const label = 'group' in found ? found.group.displayName : found.person.displayName;
    if (command.format) return exportReply(gate, scope.query, label, command.format, 'group' in found ? `--group "${found.group.id}"` : `--person "${found.person.id}"`);
    const page = await gate.audit.query({ ...scope.query, offset: (command.page - 1) * pageSize, limit: pageSize });
    return listReply(page.entries, page.total, command.page, label, retry);
  },
});

/** A group named exactly, else a person named exactly, else the usual "did you mean" for groups. */
async function findTarget(gate: GroupGate, turn: Turn, typed: string, retry: (name: string) => string): Promise<Target | { readonly reply: Reply }> {
  const wanted = typed.trim().toLowerCase();
  const group = (await gate.directory.findGroupsByName(wanted)).find((g) => g.displayName.toLowerCase() === wanted || g.mailNickname?.toLowerCase() === wanted);
  if (group) return { group };
  const people = await gate.directory.findUsersByName(wanted);
  const person = people.find((u) => [u.displayName, u.mail, u.userPrincipalName].some((name) => name?.toLowerCase() === wanted));
  if (person || /^(me|myself)$/i.test(wanted) || wanted.includes('@')) {
    const resolved = await resolvePerson(gate.directory, turn.actor, typed, retry);
    return 'reply' in resolved ? resolved : { person: resolved.person };
  }
  const resolved = await resolveGroup(gate.directory, typed, retry);
  return 'reply' in resolved ? resolved : { group: resolved.group };
}

/**
 * What this person may read: admins everything; a group's owners its log; for a person, an owner
 * sees only the entries in groups they own. Anyone else is refused.
 */
async function readableScope(gate: GroupGate, turn: Turn, target: Target): Promise<{ readonly query: AuditQuery } | { readonly reply: Reply }> {
  const admin = isGroupAdmin(turn.actor);
  if ('group' in target) {
    if (admin || (await gate.directory.listOwners(target.group.id)).includes(turn.actor.id)) return { query: { groupId: target.group.id } };
    return { reply: [message([['Only the owners of ', bold(target.group.displayName), ' and Groups or Global Administrators can read its audit log.']], { tone: 'attention' })] };
  }
  if (admin) return { query: { personId: target.person.id } };
  const owned = new Set<string>(await gate.directory.groupsOwnedBy(turn.actor.id));
  if (owned.size === 0) return { reply: [message([["Only Groups or Global Administrators can read a person's audit log; owners see what happened in their own groups."]], { tone: 'attention' })] };
  return { query: { personId: target.person.id, where: (entry) => entry.groupId !== undefined && owned.has(entry.groupId) } };
}

function listReply(entries: readonly AuditEntry[], total: number, page: number, label: string, retry: (name: string) => string): Reply {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const command = (extra: string) => `${retry(label).replace(/ page \d+| as \w+/g, '')}${extra}`;
  const buttons: CardButton[] = [
    ...(page < pages ? [{ action: 'run' as const, title: 'Older', command: command(` page ${page + 1}`) }] : []),
    ...(page > 1 ? [{ action: 'run' as const, title: 'Newer', command: command(page > 2 ? ` page ${page - 1}` : '') }] : []),
    ...(total > 0 ? [{ action: 'run' as const, title: 'Export CSV', command: command(' as csv') }] : []),
  ];
  return [
    {
      kind: 'list',
      title: `Audit log · ${label}`,
      intro: [[total === 0 ? 'Nothing recorded yet.' : `${total.toLocaleString('en-US')} entries, newest first · page ${page} of ${pages}`]],
      rows: entries.map((entry) => ({ title: auditHeadline(entry), detail: auditDetail(entry) })),
    },
    ...(buttons.length > 0 ? [message([['Also: ', code(`${command('')} as jsonl`)]], { buttons })] : []),
  ];
}

async function exportReply(gate: GroupGate, query: AuditQuery, label: string, format: Format, filter: string): Promise<Reply> {
  const { entries, total } = await gate.audit.query({ ...query, limit: maxExportEntries });
  const lines: string[] = format === 'csv' ? [auditCsvHeader()] : [];
  let shown = 0;
  for (const entry of entries) {
    const line = format === 'csv' ? auditCsvLine(entry) : auditJsonLine(entry);
    if (lines.join('\n').length + line.length + 1 > maxExportChars) break;
    lines.push(line);
    shown++;
  }
  const count = shown === total ? `All ${total.toLocaleString('en-US')} entries` : `The newest ${shown} of ${total.toLocaleString('en-US')} entries`;
  return [
    message([[`${count} for `, bold(label), `, as ${format === 'csv' ? 'CSV' : 'JSON lines'}.`], ...(shown < total ? [['For all of them, on the server: ', code(`npm run audit:export -- --format ${format} ${filter}`)]] : [])], {
      title: `Audit export · ${label}`,
      preformatted: lines.join('\n') || '(nothing recorded yet)',
    }),
  ];
}
