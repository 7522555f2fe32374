import type { DirectoryGroup } from '../domain/model/directory-group.js';
import { groupId } from '../domain/model/ids.js';
import { normaliseGroupName } from '../domain/group-management/normalise-group-name.js';
import type { Directory } from '../domain/ports/directory.js';
import { bold, message, type CardButton, type Reply } from '../cards/card-view.js';
import { nearestNames } from './nearest-names.js';

/** Either the one group a person meant, or the reply that asks them which (or says none matched). */
export type GroupResolution = { readonly group: DirectoryGroup } | { readonly reply: Reply };

/** What resolving a group reads: the directory's name indexes, never a listing of every group. */
export type GroupLookups = Pick<Directory, 'findGroupsByName' | 'searchGroups' | 'groupNamesLike' | 'getGroup'>;

const fold = (text: string) => text.toLowerCase().replace(/\s+/g, ' ').trim();
const shown = 5;
// "Did you mean" compares the typed name with at most this many groups sharing its first letters.
const suggestionCandidates = 500;

/** Strips what people wrap names in (quotes, backticks, bold stars, a trailing full stop) and what nobody sees (normaliseGroupName). */
export const cleanTypedName = (typed: string) =>
  normaliseGroupName(typed).replace(/^[\s"'`*“”‘’]+|[\s"'`*“”‘’.!?]+$/g, '');

/**
 * Finds the group a person named, by display name or mail nickname, ignoring case. Several
 * matches (or names whose words begin with the typed words) give a pick list whose buttons re-run
 * the command (`retry`) with the exact name; none gives the nearest names among groups sharing the
 * typed words' first letters. Reads the directory's name indexes only.
 */
export async function resolveGroup(directory: GroupLookups, typed: string, retry: (name: string) => string): Promise<GroupResolution> {
  const wanted = fold(cleanTypedName(typed));
  const exact = wanted ? await directory.findGroupsByName(wanted) : [];
  if (exact.length === 1) return { group: exact[0]! };
  const partial = exact.length > 1 ? { groups: exact.slice(0, shown), total: exact.length } : wanted ? await directory.searchGroups(wanted, { limit: shown }) : { groups: [], total: 0 };
  if (partial.groups.length > 0) return { reply: [await pickList(directory, typed, partial.groups, partial.total, retry)] };
  const candidates = await directory.groupNamesLike(cleanTypedName(typed), suggestionCandidates);
  const nearest = nearestNames(cleanTypedName(typed), candidates.map((g) => g.displayName));
  const suggestions = await Promise.all(nearest.map((name) => directory.getGroup(groupId(candidates.find((g) => g.displayName === name)!.id))));
  const found = suggestions.filter((g): g is DirectoryGroup => g !== undefined);
  return {
    reply: [
      message(
        [
          [`I couldn't find a group called "${cleanTypedName(typed)}".`, ...(found.length ? [' Did you mean ', ...orList(found.map((g) => g.displayName)), '?'] : [' Type ', bold('groups'), ' to see the groups you can join.'])],
        ],
        { buttons: await Promise.all(found.map((g) => button(directory, g, retry))) },
      ),
    ],
  };
}

async function pickList(directory: GroupLookups, typed: string, matches: readonly DirectoryGroup[], total: number, retry: (name: string) => string) {
  const more = total - matches.length;
  return message([[`Several groups match "${cleanTypedName(typed)}". Which one do you mean?`], ...(more > 0 ? [[`(and ${more} more — type more of the name to narrow it down)`]] : [])], {
    buttons: await Promise.all(matches.map((g) => button(directory, g, retry))),
  });
}

/** A button naming the group unambiguously: its display name, or its mail nickname when two share a name. */
async function button(directory: GroupLookups, group: DirectoryGroup, retry: (name: string) => string): Promise<CardButton> {
  const shared = (await directory.findGroupsByName(group.displayName)).filter((g) => fold(g.displayName) === fold(group.displayName)).length > 1;
  const name = shared && group.mailNickname ? group.mailNickname : group.displayName;
  return { action: 'run', title: shared ? `${group.displayName} (${group.mailNickname ?? group.id})` : group.displayName, command: retry(name) };
}

function orList(names: readonly string[]) {
  return names.flatMap((name, i) => [...(i === 0 ? [] : i === names.length - 1 ? [' or '] : [', ']), bold(name)]);
}
