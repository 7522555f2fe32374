import type { RuleSubject } from './membership-rule.js';
import { rowsPerYield, type SlicedWork } from './sliced-work.js';

const none: readonly number[] = [];

/**
 * The rows holding each value of one text field, lower-cased (null: no value), kept current as subjects
 * are replaced. A rule that needs `department -eq "Sales"` then looks at the Sales rows (and those without
 * a department) instead of every subject in the directory.
 */
export class ValueIndex {
  private constructor(
    private readonly keys: (string | null)[],
    private readonly rows: Map<string | null, number[]>,
    private readonly key: (subject: RuleSubject) => string | null,
  ) {}

  /** Builds the index as sliced work (a yield every few hundred rows). */
  static *build(subjects: readonly RuleSubject[], key: (subject: RuleSubject) => string | null): SlicedWork<ValueIndex> {
    const keys: (string | null)[] = [];
    const rows = new Map<string | null, number[]>();
    for (let i = 0; i < subjects.length; i++) {
      const value = key(subjects[i]!);
      keys.push(value);
      const holding = rows.get(value);
      if (holding) holding.push(i);
      else rows.set(value, [i]);
      if (i % rowsPerYield === rowsPerYield - 1) yield;
    }
    return new ValueIndex(keys, rows, key);
  }

  get data(): this {
    return this;
  }

  /** The rows holding `value` (lower-cased; null for none), ascending. Read it before the next replacement. */
  rowsWith(value: string | null): readonly number[] {
    return this.rows.get(value) ?? none;
  }

  refresh(row: number, subject: RuleSubject): void {
    const [before, after] = [this.keys[row]!, this.key(subject)];
    if (before === after) return;
    // Each value's rows stay ascending, so candidates merge in one pass; a change moves one row (O(rows of the value)).
    const holding = this.rows.get(before)!;
    holding.splice(firstAtLeast(holding, row), 1);
    if (holding.length === 0) this.rows.delete(before);
    const next = this.rows.get(after);
    if (next) next.splice(firstAtLeast(next, row), 0, row);
    else this.rows.set(after, [row]);
    this.keys[row] = after;
  }
}

/** Merges ascending row lists (each without repeats) into one new ascending list, each row once. */
export function mergeRows(lists: readonly ArrayLike<number>[]): Int32Array {
  const [first, ...others] = lists.filter((list) => list.length > 0);
  let merged: Int32Array = first ? Int32Array.from(first) : new Int32Array(0);
  for (const list of others) merged = mergeTwo(merged, list);
  return merged;
}

function mergeTwo(a: ArrayLike<number>, b: ArrayLike<number>): Int32Array {
  const out = new Int32Array(a.length + b.length);
  let [i, j, n] = [0, 0, 0];
  while (i < a.length || j < b.length) {
    const next = j >= b.length || (i < a.length && a[i]! <= b[j]!) ? a[i++]! : b[j++]!;
    if (n === 0 || out[n - 1] !== next) out[n++] = next;
  }
  return out.subarray(0, n);
}

// The position of the first element at least `row` in an ascending list.
function firstAtLeast(list: readonly number[], row: number): number {
  let [low, high] = [0, list.length];
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (list[mid]! < row) low = mid + 1;
    else high = mid;
  }
  return low;
}
