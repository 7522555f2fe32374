import type { ItemField, RuleSubject } from './membership-rule.js';
import { asBooleanCode, asEpochMs, asItems, asText, itemValue, pathReader } from './read-graph-value.js';

type GraphPath = readonly (string | number)[];

/** Texts of one field for every subject (or item), lower-cased unless raw case was asked for; null = no value. */
export type TextColumn = (string | null)[];

/** The items of one collection property, flattened: subject i owns items offsets[i] .. offsets[i+1]-1. */
export interface CollectionColumn {
  readonly offsets: readonly number[];
  /** One field of every item, e.g. `_` (the item itself) or `servicePlanId`. */
  text(field: ItemField, lower: boolean): TextColumn;
}

interface Column {
  refresh(row: number, subject: RuleSubject): void;
}

/**
 * A directory snapshot prepared for rule evaluation. Each Graph field a rule reads becomes a column,
 * normalised (lower-cased, parsed) once per snapshot on first use, then shared by every rule and comparison.
 */
export class SubjectSnapshot {
  private readonly rows: RuleSubject[];
  private readonly columns = new Map<string, Column & { readonly data: unknown }>();
  private ids: Map<string, number> | undefined;

  constructor(subjects: readonly RuleSubject[]) {
    this.rows = [...subjects];
  }

  /** How many subjects the snapshot holds. */
  get size(): number {
    return this.rows.length;
  }

  /** The Graph JSON of subject `index`, as given. */
  subject(index: number): RuleSubject {
    return this.rows[index]!;
  }

  /** A text field for every subject; lower-cased for comparisons, raw for regular expressions and display. */
  text(path: GraphPath, lower: boolean): TextColumn {
    return this.column(`${lower ? 'lower' : 'raw'}:${path.join('.')}`, () => scalarColumn(this.rows, pathReader(path), lower ? lowerCaser() : asText)).data;
  }

  /** A boolean field for every subject: 1 true, 0 false, -1 no value. */
  booleans(path: GraphPath): Int8Array {
    return this.column(`bool:${path.join('.')}`, () => typedColumn(new Int8Array(this.size), this.rows, pathReader(path), asBooleanCode)).data;
  }

  /** A date-time field for every subject in epoch ms; NaN when there is none. */
  dates(path: GraphPath): Float64Array {
    return this.column(`date:${path.join('.')}`, () => typedColumn(new Float64Array(this.size), this.rows, pathReader(path), asEpochMs)).data;
  }

  /** A collection field (otherMails, assignedPlans, memberOf...) for every subject. */
  collection(path: GraphPath): CollectionColumn {
    return this.column(`items:${path.join('.')}`, () => new FlatCollection(this.rows, pathReader(path))).data;
  }

  /** The position of the subject with this object id (ignoring case), or -1. */
  indexOf(id: string): number {
    this.ids ??= new Map(this.rows.map((subject, index) => [String(subject.id).toLowerCase(), index]));
    return this.ids.get(id.toLowerCase()) ?? -1;
  }

  /** Replaces one subject in place, refreshing every column already built (bound predicates see the change). */
  replaceSubject(index: number, subject: RuleSubject): void {
    if (this.ids) {
      this.ids.delete(String(this.rows[index]!.id).toLowerCase());
      this.ids.set(String(subject.id).toLowerCase(), index);
    }
    this.rows[index] = subject;
    for (const column of this.columns.values()) column.refresh(index, subject);
  }

  private column<T extends Column & { readonly data: unknown }>(key: string, build: () => T): T {
    let column = this.columns.get(key);
    if (!column) {
      column = build();
      this.columns.set(key, column);
    }
    return column as T;
  }
}

/**
 * A lower-caser for one column. Departments, countries and plan ids repeat across a directory, so it reuses one
 * lower-case string per distinct value: fewer allocations while building, and equal values share one object,
 * which makes the comparisons cheap. For columns whose values rarely repeat (names, ids) it stops remembering.
 */
function lowerCaser(): (value: unknown) => string | null {
  const seen = new Map<string, string>();
  let lookups = 0;
  let remembering = true;
  return (value) => {
    const text = asText(value);
    if (text === null || !remembering) return text?.toLowerCase() ?? null;
    let lower = seen.get(text);
    if (lower === undefined) {
      lower = text.toLowerCase();
      seen.set(text, lower);
      // After a fair sample, keep remembering only if most values were seen before, and never without bound.
      if (seen.size >= 4096 && (lookups < 4 * seen.size || seen.size >= 65_536)) remembering = false;
    }
    lookups++;
    return lower;
  };
}

function scalarColumn(rows: readonly RuleSubject[], read: (s: RuleSubject) => unknown, normalise: (v: unknown) => string | null) {
  // map() gives a packed array, which optimised code reads faster than a pre-sized (holey) one.
  const data: TextColumn = rows.map((subject) => normalise(read(subject)));
  return { data, refresh: (row: number, subject: RuleSubject) => void (data[row] = normalise(read(subject))) };
}

function typedColumn<A extends Int8Array | Float64Array>(data: A, rows: readonly RuleSubject[], read: (s: RuleSubject) => unknown, normalise: (v: unknown) => number) {
  for (let i = 0; i < rows.length; i++) data[i] = normalise(read(rows[i]!));
  return { data, refresh: (row: number, subject: RuleSubject) => void (data[row] = normalise(read(subject))) };
}

class FlatCollection implements CollectionColumn, Column {
  readonly offsets: number[];
  private readonly items: unknown[] = [];
  private readonly fields = new Map<string, { data: TextColumn; normalise: (v: unknown) => string | null; field: ItemField }>();

  constructor(rows: readonly RuleSubject[], private readonly read: (s: RuleSubject) => unknown) {
    this.offsets = new Array<number>(rows.length + 1);
    this.offsets[0] = 0;
    for (let i = 0; i < rows.length; i++) {
      for (const item of asItems(read(rows[i]!))) this.items.push(item);
      this.offsets[i + 1] = this.items.length;
    }
  }

  get data(): this {
    return this;
  }

  text(field: ItemField, lower: boolean): TextColumn {
    const key = `${lower ? 'lower' : 'raw'}:${field}`;
    let column = this.fields.get(key);
    if (!column) {
      const normalise = lower ? lowerCaser() : asText;
      column = { data: this.items.map((item) => normalise(itemValue(item, field))), normalise, field };
      this.fields.set(key, column);
    }
    return column.data;
  }

  // Splices the subject's items in place: predicates bound to these arrays keep working.
  refresh(row: number, subject: RuleSubject): void {
    const items = asItems(this.read(subject));
    const start = this.offsets[row]!;
    const removed = this.offsets[row + 1]! - start;
    this.items.splice(start, removed, ...items);
    for (const { data, normalise, field } of this.fields.values()) data.splice(start, removed, ...items.map((item) => normalise(itemValue(item, field))));
    for (let r = row + 1; r < this.offsets.length; r++) this.offsets[r]! += items.length - removed;
  }
}
