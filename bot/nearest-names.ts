/** Edit distance between two strings (insertions, deletions, substitutions), case-insensitive. */
export function editDistance(a: string, b: string): number {
  return boundedDistance(a.toLowerCase(), b.toLowerCase(), Number.POSITIVE_INFINITY, new Rows());
}

/**
 * The names closest to what was typed, best first, leaving out any that differ in more than about
 * a third. Runs on every "couldn't find" over the candidates the directory's name index gives (up to
 * hundreds of names sharing the typed words' first letters, never the whole directory); a name whose
 * length alone puts it out of reach is skipped, and a comparison stops as soon as it
 * can no longer come within reach: a typo costs milliseconds, and 4,000 typed characters cost none.
 */
export function nearestNames(typed: string, names: readonly string[], limit = 3): string[] {
  const wanted = typed.toLowerCase();
  const found: { readonly name: string; readonly distance: number }[] = [];
  const rows = new Rows();
  for (const name of names) {
    const reach = Math.max(2, Math.ceil(Math.max(wanted.length, name.length) / 3));
    if (Math.abs(wanted.length - name.length) > reach) continue;
    const distance = boundedDistance(wanted, name.toLowerCase(), reach, rows);
    if (distance <= reach) found.push({ name, distance });
  }
  return found
    .sort((x, y) => x.distance - y.distance || x.name.localeCompare(y.name))
    .slice(0, limit)
    .map(({ name }) => name);
}

/** Two rows of the distance table, grown as needed and reused from name to name. */
class Rows {
  previous = new Uint32Array(64);
  current = new Uint32Array(64);

  fit(length: number): void {
    if (this.previous.length > length) return;
    this.previous = new Uint32Array(length + 1);
    this.current = new Uint32Array(length + 1);
  }
}

/** Edit distance of lower-cased strings, or a number above `stopAbove` once every path costs more. */
function boundedDistance(s: string, t: string, stopAbove: number, rows: Rows): number {
  rows.fit(t.length);
  let { previous, current } = rows;
  for (let j = 0; j <= t.length; j++) previous[j] = j;
  for (let i = 1; i <= s.length; i++) {
    current[0] = i;
    let rowBest = i;
    const c = s.charCodeAt(i - 1);
    for (let j = 1; j <= t.length; j++) {
      const replace = previous[j - 1]! + (c === t.charCodeAt(j - 1) ? 0 : 1);
      const insertOrDelete = Math.min(previous[j]!, current[j - 1]!) + 1;
      const value = replace < insertOrDelete ? replace : insertOrDelete;
      current[j] = value;
      if (value < rowBest) rowBest = value;
    }
    if (rowBest > stopAbove) return rowBest;
    const swap = previous;
    previous = current;
    current = swap;
  }
  return previous[t.length]!;
}
