import type { ItemField, RuleSubject } from './membership-rule.js';
import { asBooleanCode, asEpochMs, asItems, asText, itemValue, pathReader } from './read-graph-value.js';
import { rowsPerYield, runToEnd, type SlicedWork } from './sliced-work.js';
import { ValueIndex } from './value-index.js';

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
  readonly data: unknown;
  refresh(row: number, subject: RuleSubject): void;
}

/** How a column is built from the rows, as sliced work: the same steps serve a first use and `buildColumnsOf`. */
type ColumnBuild<T extends Column> = (rows: readonly RuleSubject[]) => SlicedWork<T>;

/**
 * A directory snapshot prepared for rule evaluation. Each Graph field a rule reads becomes a column,
 * normalised (lower-cased, parsed) once per snapshot on first use, then shared by every rule and comparison.
 */
export class SubjectSnapshot {
  private readonly rows: RuleSubject[];
  private readonly columns = new Map<string, Column>();
  private readonly builds = new Map<string, ColumnBuild<Column>>();
  private ids: Map<string, number> | undefined;
  /** Counts `replaceSubject` calls, so that a column built in slices knows whether rows moved under it. */
  private replacements = 0;

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
    return this.column(`${lower ? 'lower' : 'raw'}:${path.join('.')}`, (rows) => scalarColumn(rows, pathReader(path), lower ? lowerCaser() : asText)).data;
  }

  /** The rows of each value of a text field, lower-cased (built on first use, then kept current like a column). */
  values(path: GraphPath): ValueIndex {
    return this.column(`values:${path.join('.')}`, (rows) => {
      const [read, lower] = [pathReader(path), lowerCaser()];
      return ValueIndex.build(rows, (subject) => lower(read(subject)));
    }).data;
  }

  /** A boolean field for every subject: 1 true, 0 false, -1 no value. */
  booleans(path: GraphPath): Int8Array {
    return this.column(`bool:${path.join('.')}`, (rows) => typedColumn(new Int8Array(rows.length), rows, pathReader(path), asBooleanCode)).data;
  }

  /** A date-time field for every subject in epoch ms; NaN when there is none. */
  dates(path: GraphPath): Float64Array {
    return this.column(`date:${path.join('.')}`, (rows) => typedColumn(new Float64Array(rows.length), rows, pathReader(path), asEpochMs)).data;
  }

  /** A collection field (otherMails, assignedPlans, memberOf...) for every subject. */
  collection(path: GraphPath): CollectionColumn {
    return this.column(`items:${path.join('.')}`, (rows) => FlatCollection.build(rows, pathReader(path))).data;
  }

  /** The position of the subject with this object id (ignoring case), or -1. */
  indexOf(id: string): number {
    this.ids ??= runToEnd(idIndex(this.rows));
    return this.ids.get(id.toLowerCase()) ?? -1;
  }

  /**
   * Builds here, in slices, every column `plan` holds and this snapshot lacks (and the id index with
   * `ids`). Bind a rule to an empty snapshot to get its plan: afterwards binding it here builds nothing,
   * so a first preview over a large directory never builds a column in one go.
   */
  *buildColumnsOf(plan: SubjectSnapshot, { ids = false }: { readonly ids?: boolean } = {}): SlicedWork<void> {
    for (const [key, build] of plan.builds) {
      if (!this.columns.has(key)) {
        const built = yield* this.buildUnmoved(build);
        // A preview that could not wait may have built it meanwhile, and be bound to that one.
        if (!this.columns.has(key)) {
          this.columns.set(key, built);
          this.builds.set(key, build);
        }
      }
      const column = this.columns.get(key)!;
      const planned = plan.columns.get(key);
      if (column instanceof FlatCollection && planned instanceof FlatCollection) {
        for (const [fieldKey, { field, lower }] of planned.fieldsBuilt()) {
          while (!column.hasField(fieldKey)) {
            const moved = this.replacements;
            const built = yield* column.buildField(field, lower);
            if (moved === this.replacements && !column.hasField(fieldKey)) column.addField(fieldKey, built);
          }
        }
      }
    }
    if (ids && !this.ids) {
      const index = yield* this.buildUnmoved(idIndexBuild);
      this.ids ??= index.data;
    }
  }

  /** Replaces one subject in place, refreshing every column already built (bound predicates see the change). */
  replaceSubject(index: number, subject: RuleSubject): void {
    this.replacements++;
    if (this.ids) {
      this.ids.delete(String(this.rows[index]!.id).toLowerCase());
      this.ids.set(String(subject.id).toLowerCase(), index);
    }
    this.rows[index] = subject;
    for (const column of this.columns.values()) column.refresh(index, subject);
  }

  private column<T extends Column>(key: string, build: ColumnBuild<T>): T {
    let column = this.columns.get(key);
    if (!column) {
      column = runToEnd(build(this.rows));
      this.columns.set(key, column);
      this.builds.set(key, build);
    }
    return column as T;
  }

  // A subject replaced while the build was paused may have been read before the change: build again.
  private *buildUnmoved<T extends Column>(build: ColumnBuild<T>): SlicedWork<T> {
    for (;;) {
      const moved = this.replacements;
      const built = yield* build(this.rows);
      if (moved === this.replacements) return built;
    }
  }
}

function* idIndex(rows: readonly RuleSubject[]): SlicedWork<Map<string, number>> {
  const ids = new Map<string, number>();
  for (let i = 0; i < rows.length; i++) {
    ids.set(String(rows[i]!.id).toLowerCase(), i);
    if (i % rowsPerYield === rowsPerYield - 1) yield;
  }
  return ids;
}

// The id index built like a column; replaceSubject keeps it current once it is in place.
function* idIndexBuild(rows: readonly RuleSubject[]): SlicedWork<Column & { readonly data: Map<string, number> }> {
  return { data: yield* idIndex(rows), refresh: () => undefined };
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

function* scalarColumn(rows: readonly RuleSubject[], read: (s: RuleSubject) => unknown, normalise: (v: unknown) => string | null): SlicedWork<Column & { readonly data: TextColumn }> {
  // push() onto an empty array keeps it packed, which optimised code reads faster than a pre-sized (holey) one.
  const data: TextColumn = [];
  for (let i = 0; i < rows.length; i++) {
    data.push(normalise(read(rows[i]!)));
    if (i % rowsPerYield === rowsPerYield - 1) yield;
  }
  return { data, refresh: (row: number, subject: RuleSubject) => void (data[row] = normalise(read(subject))) };
}

function* typedColumn<A extends Int8Array | Float64Array>(data: A, rows: readonly RuleSubject[], read: (s: RuleSubject) => unknown, normalise: (v: unknown) => number): SlicedWork<Column & { readonly data: A }> {
  for (let i = 0; i < rows.length; i++) {
    data[i] = normalise(read(rows[i]!));
    if (i % rowsPerYield === rowsPerYield - 1) yield;
  }
  return { data, refresh: (row: number, subject: RuleSubject) => void (data[row] = normalise(read(subject))) };
}

interface ItemFieldColumn {
  readonly data: TextColumn;
  readonly normalise: (v: unknown) => string | null;
  readonly field: ItemField;
  readonly lower: boolean;
}

class FlatCollection implements CollectionColumn, Column {
  private readonly fields = new Map<string, ItemFieldColumn>();

  private constructor(
    readonly offsets: number[],
    private readonly items: unknown[],
    private readonly read: (s: RuleSubject) => unknown,
  ) {}

  static *build(rows: readonly RuleSubject[], read: (s: RuleSubject) => unknown): SlicedWork<FlatCollection> {
    const offsets = new Array<number>(rows.length + 1);
    const items: unknown[] = [];
    offsets[0] = 0;
    for (let i = 0; i < rows.length; i++) {
      for (const item of asItems(read(rows[i]!))) items.push(item);
      offsets[i + 1] = items.length;
      if (i % rowsPerYield === rowsPerYield - 1) yield;
    }
    return new FlatCollection(offsets, items, read);
  }

  get data(): this {
    return this;
  }

  text(field: ItemField, lower: boolean): TextColumn {
    const key = fieldKey(field, lower);
    if (!this.fields.has(key)) this.addField(key, runToEnd(this.buildField(field, lower)));
    return this.fields.get(key)!.data;
  }

  hasField(key: string): boolean {
    return this.fields.has(key);
  }

  fieldsBuilt(): IterableIterator<[string, ItemFieldColumn]> {
    return this.fields.entries();
  }

  addField(key: string, column: ItemFieldColumn): void {
    this.fields.set(key, column);
  }

  *buildField(field: ItemField, lower: boolean): SlicedWork<ItemFieldColumn> {
    const normalise = lower ? lowerCaser() : asText;
    const data: TextColumn = [];
    for (let i = 0; i < this.items.length; i++) {
      data.push(normalise(itemValue(this.items[i], field)));
      if (i % rowsPerYield === rowsPerYield - 1) yield;
    }
    return { data, normalise, field, lower };
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

const fieldKey = (field: ItemField, lower: boolean) => `${lower ? 'lower' : 'raw'}:${field}`;
