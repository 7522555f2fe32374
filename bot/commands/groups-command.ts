import { readGroupSettingsOf } from '../../domain/join-requests/join-request-records.js';
import type { GroupSettings } from '../../domain/join-requests/join-policy.js';
import { isDynamic, isManagedInExchange, isSyncedFromOnPremises, type DirectoryGroup } from '../../domain/model/directory-group.js';
import type { GroupId } from '../../domain/model/ids.js';
import type { GroupPage } from '../../domain/ports/directory.js';
import { readRecords } from '../../domain/ports/read-records.js';
import { bold, type CardButton, type ListRow, type Reply } from '../../cards/card-view.js';
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
    const { groups, total } = search ? await gate.directory.searchGroups(search, { limit: shown, offset, descriptions: true }) : await ownFirstPage(gate, mine, offset);
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

/**
 * `groups` alone, one page of one list: the person's own groups first, then every other group in
 * name order, paged from the index, not read whole. Later pages continue that same list, so no
 * group is skipped or shown twice between pages.
 */
async function ownFirstPage(gate: GroupGate, mine: readonly GroupId[], offset: number): Promise<GroupPage> {
  const own = (await readRecords(gate.directory, { groups: mine })).groups.filter((g): g is DirectoryGroup => g !== undefined).sort(byName);
  const ownPart = own.slice(offset, offset + shown);
  const need = shown - ownPart.length;
  // The others before this page: every group in name order, less the own ones among them.
  const othersBefore = Math.max(0, offset - own.length);
  const mineSet = new Set<string>(mine);
  let at = othersBefore;
  let window = await gate.directory.searchGroups('', { limit: need + own.length, offset: at });
  // Own groups sorting before the window shift where the others begin; a few reads settle it.
  for (let tries = 0; tries < 3 && window.groups.length > 0; tries++) {
    const ownBefore = own.filter((g) => byName(g, window.groups[0]!) < 0).length;
    if (at === othersBefore + ownBefore) break;
    at = othersBefore + ownBefore;
    window = await gate.directory.searchGroups('', { limit: need + own.length, offset: at });
  }
  const rest = need > 0 ? window.groups.filter((g) => !mineSet.has(g.id)).slice(0, need) : [];
  return { groups: [...ownPart, ...rest], total: window.total };
}

const byName = (a: DirectoryGroup, b: DirectoryGroup) => a.displayName.localeCompare(b.displayName) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

function row(group: DirectoryGroup, settings: GroupSettings, member: boolean): ListRow {
  const how = howToJoin(group, settings);
  const detail = [member ? "You're a member" : how.label, ...(group.description ? [` · ${group.description}`] : [])].join('');
  return {
    title: [bold(group.displayName)],
    detail: [detail],
    buttons: member || !how.joinable ? [] : [joinButton(group, settings)],
  };
}

/** Join at once for an open group; for an approval group, Ask to join, which asks why first (where the card can hold an input). */
function joinButton(group: DirectoryGroup, settings: GroupSettings): CardButton {
  const command = `join ${group.displayName}`;
  if (settings.joinPolicy === 'open') return { action: 'run', title: 'Join', command };
  return { action: 'run', title: 'Ask to join', command, asksReason: { required: settings.reasonRequired } };
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
