import { readGroupSettingsOf } from '../../domain/join-requests/join-request-records.js';
import type { GroupSettings } from '../../domain/join-requests/join-policy.js';
import { isDynamic, isManagedInExchange, isSyncedFromOnPremises, type DirectoryGroup } from '../../domain/model/directory-group.js';
import type { GroupId } from '../../domain/model/ids.js';
import type { GroupPage } from '../../domain/ports/directory.js';
import { readRecords } from '../../domain/ports/read-records.js';
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
    const match = /^(?:groups|find|search|list groups)(?:\s+(.*?))?(?:\s*\bpage\s+(\d{1,4}))?$/is.exec(text);
    return match ? { search: match[1]?.trim() ?? '', page: Math.max(1, Number(match[2] ?? 1)) } : undefined;
  },
  run: async (gate, turn, { search, page }) => {
    const mine = await gate.directory.groupsOf(turn.actor.id);
    const offset = (page - 1) * shown;
    const { groups, total } = search || page > 1 ? await gate.directory.searchGroups(search, { limit: shown, offset, descriptions: true }) : await firstPage(gate, mine);
    // Every row says how its group takes requests: the settings of the whole page are read at once.
    const settings = groups.length ? await readGroupSettingsOf(gate.store, groups) : [];
    const rows = groups.map((g, i) => row(g, settings[i]!, mine.includes(g.id)));
    const reply: Reply = [
      {
        kind: 'list',
        title: search ? `Groups matching "${search}"` : 'Groups',
        ...(rows.length === 0 ? { intro: [[search ? `No group matches "${search}". Try fewer words.` : 'There are no groups yet.']] } : {}),
        rows,
        ...(total > offset + rows.length ? { more: `and ${total - offset - rows.length} more — add words to narrow the list, or type groups ${search ? `${search} ` : ''}page ${page + 1}` } : {}),
      },
    ];
    return reply;
  },
});

/** `groups` alone: the person's own groups first, then the first others in name order — a page from the index, not every group. */
async function firstPage(gate: GroupGate, mine: readonly GroupId[]): Promise<GroupPage> {
  const own = (await readRecords(gate.directory, { groups: mine.slice(0, shown) })).groups.filter((g): g is DirectoryGroup => g !== undefined);
  const others = await gate.directory.searchGroups('', { limit: shown + own.length });
  const rest = others.groups.filter((g) => !mine.includes(g.id)).slice(0, shown - own.length);
  return { groups: [...own.sort((a, b) => a.displayName.localeCompare(b.displayName)), ...rest], total: others.total };
}

function row(group: DirectoryGroup, settings: GroupSettings, member: boolean): ListRow {
  const how = howToJoin(group, settings);
  const detail = [member ? "You're a member" : how.label, ...(group.description ? [` · ${group.description}`] : [])].join('');
  return {
    title: [bold(group.displayName)],
    detail: [detail],
    buttons: member || !how.joinable ? [] : [{ action: 'run', title: how.label.startsWith('Open') ? 'Join' : 'Ask to join', command: `join ${group.displayName}` }],
  };
}

function howToJoin(group: DirectoryGroup, { joinPolicy }: GroupSettings): { label: string; joinable: boolean } {
  if (isDynamic(group)) return { label: 'Fills itself from a rule', joinable: false };
  if (isSyncedFromOnPremises(group)) return { label: 'Managed in on-premises Active Directory', joinable: false };
  if (isManagedInExchange(group)) return { label: 'Managed in Exchange', joinable: false };
  if (group.isAssignableToRole) return { label: 'Managed by admins (grants admin roles)', joinable: false };
  if (joinPolicy === 'open') return { label: 'Open — join at once', joinable: true };
  if (joinPolicy === 'approval') return { label: 'Owner approval', joinable: true };
  return { label: 'Closed — owners add members', joinable: false };
}
