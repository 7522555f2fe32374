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

  /** The rows holding `value` (lower-cased; null for none), in no particular order. Read it before the next replacement. */
  rowsWith(value: string | null): readonly number[] {
    return this.rows.get(value) ?? none;
  }

  refresh(row: number, subject: RuleSubject): void {
    const [before, after] = [this.keys[row]!, this.key(subject)];
    if (before === after) return;
    // Swap-remove: the order within a value is no promise, and a big value's list is not shifted.
    const holding = this.rows.get(before)!;
    const at = holding.indexOf(row);
    holding[at] = holding[holding.length - 1]!;
    holding.pop();
    if (holding.length === 0) this.rows.delete(before);
    const next = this.rows.get(after);
    if (next) next.push(row);
    else this.rows.set(after, [row]);
    this.keys[row] = after;
  }
}
