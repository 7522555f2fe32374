import type { DirectoryGroup } from '../domain/model/directory-group.js';
import type { Directory } from '../domain/ports/directory.js';
import { bold, message, type CardButton, type Reply } from '../cards/card-view.js';
import { nearestNames } from './nearest-names.js';

/** Either the one group a person meant, or the reply that asks them which (or says none matched). */
export type GroupResolution = { readonly group: DirectoryGroup } | { readonly reply: Reply };

const fold = (text: string) => text.toLowerCase().replace(/\s+/g, ' ').trim();

/** Strips what people wrap names in: quotes, backticks, bold stars, a trailing full stop. */
export const cleanTypedName = (typed: string) =>
  typed.trim().replace(/^[\s"'`*“”‘’]+|[\s"'`*“”‘’.!?]+$/g, '');

/**
 * Finds the group a person named, by display name or mail nickname, ignoring case. Several
 * matches give a pick list whose buttons re-run the command (`retry`) with the exact name; none
 * gives the nearest names.
 */
export async function resolveGroup(directory: Directory, typed: string, retry: (name: string) => string): Promise<GroupResolution> {
  const wanted = fold(cleanTypedName(typed));
  const groups = await directory.listGroups();
  const exact = groups.filter((g) => fold(g.displayName) === wanted || fold(g.mailNickname ?? '') === wanted);
  if (exact.length === 1) return { group: exact[0]! };
  const partial = exact.length > 1 ? exact : groups.filter((g) => fold(g.displayName).includes(wanted) || fold(g.mailNickname ?? '').includes(wanted));
  if (wanted.length > 0 && partial.length > 0) return { reply: [pickList(typed, partial, groups, retry)] };
  const nearest = nearestNames(cleanTypedName(typed), groups.map((g) => g.displayName));
  const suggestions = nearest.map((name) => groups.find((g) => g.displayName === name)!);
  return {
    reply: [
      message(
        [
          [`I couldn't find a group called "${cleanTypedName(typed)}".`, ...(suggestions.length ? [' Did you mean ', ...orList(suggestions.map((g) => g.displayName)), '?'] : [' Type ', bold('groups'), ' to see the groups you can join.'])],
        ],
        { buttons: suggestions.map((g) => button(g, groups, retry)) },
      ),
    ],
  };
}

function pickList(typed: string, matches: readonly DirectoryGroup[], all: readonly DirectoryGroup[], retry: (name: string) => string) {
  const shown = matches.slice(0, 5);
  const more = matches.length - shown.length;
  return message([[`Several groups match "${cleanTypedName(typed)}". Which one do you mean?`], ...(more > 0 ? [[`(and ${more} more — type more of the name to narrow it down)`]] : [])], {
    buttons: shown.map((g) => button(g, all, retry)),
  });
}

/** A button naming the group unambiguously: its display name, or its mail nickname when two share a name. */
function button(group: DirectoryGroup, all: readonly DirectoryGroup[], retry: (name: string) => string): CardButton {
  const shared = all.filter((g) => fold(g.displayName) === fold(group.displayName)).length > 1;
  const name = shared && group.mailNickname ? group.mailNickname : group.displayName;
  return { action: 'run', title: shared ? `${group.displayName} (${group.mailNickname ?? group.id})` : group.displayName, command: retry(name) };
}

function orList(names: readonly string[]) {
  return names.flatMap((name, i) => [...(i === 0 ? [] : i === names.length - 1 ? [' or '] : [', ']), bold(name)]);
}
