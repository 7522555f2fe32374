/** At most this many groups in one `join A, B and C`: more would flood owners from one message. */
export const maxGroupsPerJoin = 10;

// Where a list of names breaks: a comma (", and" too), a semicolon, " and ", " & ".
const separator = /(\s*,\s*(?:and\s+|&\s*)?|\s*;\s*|\s+and\s+|\s+&\s+)/i;
// A group name is rarely more than this many pieces of a list ("Research, Development and Design Ops").
const longestName = 4;

/**
 * The names in "Lunch Club, Engineering Guild and Atlas Project", where group names may themselves
 * hold a comma or " and " ("Research and Development"): the whole text wins when it is one group's
 * name; else, from the left, the longest run of pieces that is a group's name is one name, and a
 * piece no run names stays a name of its own (resolved later, with its "Did you mean").
 * `isGroupName` says whether a group has exactly this name; the runs are all asked at once.
 */
export async function splitGroupNames(typed: string, isGroupName: (name: string) => Promise<boolean>): Promise<readonly string[]> {
  const parts = typed.trim().split(separator);
  // parts alternate name, separator, name…: a trailing or leading separator leaves an empty name.
  const pieces = parts.filter((_, i) => i % 2 === 0);
  if (pieces.length === 1) return [typed.trim()];
  const run = (from: number, to: number) => parts.slice(from * 2, to * 2 + 1).join('').trim();
  if (await isGroupName(run(0, pieces.length - 1))) return [run(0, pieces.length - 1)];
  const runs: Array<readonly [number, number]> = [];
  for (let from = 0; from < pieces.length; from++) {
    for (let to = from + 1; to < Math.min(pieces.length, from + longestName); to++) if (from > 0 || to < pieces.length - 1) runs.push([from, to]);
  }
  const named = new Set((await Promise.all(runs.map(async ([from, to]) => ((await isGroupName(run(from, to))) ? `${from}:${to}` : undefined)))).filter(Boolean));
  const names: string[] = [];
  for (let from = 0; from < pieces.length; ) {
    let to = Math.min(pieces.length - 1, from + longestName - 1);
    while (to > from && !named.has(`${from}:${to}`)) to--;
    names.push(run(from, to));
    from = to + 1;
  }
  return names.filter((name) => name.length > 0);
}
