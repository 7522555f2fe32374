import { readGroupSettings } from '../../domain/join-requests/join-request-records.js';
import { isDynamic, isManagedInExchange, isSyncedFromOnPremises, type DirectoryGroup } from '../../domain/model/directory-group.js';
import { bold, type ListRow, type Reply } from '../../cards/card-view.js';
import type { GroupGate } from '../group-gate.js';
import { defineCommand } from './command-spec.js';

const shown = 15;

/** `groups [words]`, also "find …": the groups you can join, with how each takes requests. */
export const groupsCommand = defineCommand({
  name: 'groups',
  usage: 'groups [words]',
  description: 'List the groups you can join, with their policy',
  audience: 'everyone',
  parse: (text) => {
    const match = /^(?:groups|find|search|list groups)(?:\s+(.*))?$/is.exec(text);
    return match ? { search: match[1]?.trim() ?? '' } : undefined;
  },
  run: async (gate, turn, { search }) => {
    const words = search.toLowerCase().split(/\s+/).filter(Boolean);
    const [groups, mine] = await Promise.all([gate.directory.listGroups(), gate.directory.groupsOf(turn.actor.id)]);
    const matching = groups
      .filter((g) => words.every((w) => `${g.displayName} ${g.mailNickname ?? ''} ${g.description ?? ''}`.toLowerCase().includes(w)))
      .sort((a, b) => a.displayName.localeCompare(b.displayName));
    const rows = await Promise.all(matching.slice(0, shown).map((g) => row(gate, g, mine.includes(g.id))));
    const reply: Reply = [
      {
        kind: 'list',
        title: search ? `Groups matching "${search}"` : 'Groups',
        ...(rows.length === 0 ? { intro: [[`No group matches "${search}". Try fewer words.`]] } : {}),
        rows,
        ...(matching.length > shown ? { more: `and ${matching.length - shown} more — add words to narrow the list` } : {}),
      },
    ];
    return reply;
  },
});

async function row(gate: GroupGate, group: DirectoryGroup, member: boolean): Promise<ListRow> {
  const how = await howToJoin(gate, group);
  const detail = [member ? "You're a member" : how.label, ...(group.description ? [` · ${group.description}`] : [])].join('');
  return {
    title: [bold(group.displayName)],
    detail: [detail],
    buttons: member || !how.joinable ? [] : [{ action: 'run', title: how.label.startsWith('Open') ? 'Join' : 'Ask to join', command: `join ${group.displayName}` }],
  };
}

async function howToJoin(gate: GroupGate, group: DirectoryGroup): Promise<{ label: string; joinable: boolean }> {
  if (isDynamic(group)) return { label: 'Fills itself from a rule', joinable: false };
  if (isSyncedFromOnPremises(group)) return { label: 'Managed in on-premises Active Directory', joinable: false };
  if (isManagedInExchange(group)) return { label: 'Managed in Exchange', joinable: false };
  if (group.isAssignableToRole) return { label: 'Managed by admins (grants admin roles)', joinable: false };
  const { joinPolicy } = await readGroupSettings(gate.store, group);
  if (joinPolicy === 'open') return { label: 'Open — join at once', joinable: true };
  if (joinPolicy === 'approval') return { label: 'Owner approval', joinable: true };
  return { label: 'Closed — owners add members', joinable: false };
}
