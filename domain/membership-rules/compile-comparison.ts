import { positiveOperator } from './check-comparison.js';
import { matchPattern } from './match-pattern.js';
import type { ComparisonOperator, IsoDuration, RuleNode } from './membership-rule.js';
import { addIsoDuration } from './rule-dates.js';
import type { CollectionColumn, SubjectSnapshot, TextColumn } from './subject-snapshot.js';
import { FALSE, TRUE, type Truth, UNKNOWN } from './truth.js';

/** The compiled truth of a clause for subject (or item) number `index`. */
export type Evaluate = (index: number) => Truth;

/** The evaluation time, shared by every clause of one evaluation; a processing index moves it between changes. */
export interface Clock {
  now: number;
}

/** What a compiled clause is bound to: the snapshot, the clock, and inside -any/-all the collection's items. */
export interface BindContext {
  readonly snapshot: SubjectSnapshot;
  readonly clock: Clock;
  readonly items: CollectionColumn | null;
}

type Comparison = Extract<RuleNode, { kind: 'comparison' }>;

/** Compiles one comparison: constants are lower-cased and patterns compiled here, once, not per subject. */
export function compileComparison(node: Comparison): (context: BindContext) => Evaluate {
  const { target, operator, value } = node;
  if (target.kind === 'property' && target.property.availability) {
    const constant: Truth = target.property.availability === 'retired' ? FALSE : UNKNOWN;
    return () => () => constant;
  }
  const type = target.kind === 'item' ? 'string' : target.property.type;
  const path = target.kind === 'property' ? target.property.graphPath : [];
  if (type === 'boolean') return compileBoolean(path, operator, value.kind === 'boolean' ? value.value : null);
  if (type === 'dateTime') return compileDate(path, operator, value);
  const positive = positiveOperator(operator) ?? operator;
  const flip = positive !== operator;
  const lower = positive !== 'match';
  if (type === 'stringCollection') {
    // Spec §6.3 [ours]: a positive operator holds when some item satisfies it; a negated one when none does.
    const test = compileText(positive, value, false);
    return (context) => {
      const items = context.snapshot.collection(path);
      const found = anyItem(items.offsets, test(items.text('_', lower)));
      return flip ? (i) => { const t = found(i); return t === UNKNOWN ? UNKNOWN : t === TRUE ? FALSE : TRUE; } : found;
    };
  }
  const test = compileText(positive, value, flip);
  if (target.kind === 'item') return (context) => test(context.items!.text(target.field, lower));
  return (context) => test(context.snapshot.text(path, lower));
}

/** True for some item: any item true → true, else any unknown → unknown, else false (none or empty). */
export const anyItem = quantifier(TRUE, FALSE);
/** True for every item: any item false → false, else any unknown → unknown, else true (also when empty, spec §6.1). */
export const allItems = quantifier(FALSE, TRUE);

// `decisive` ends the loop (true for -any, false for -all); `empty` is the answer when no item decides.
function quantifier(decisive: Truth, empty: Truth): (offsets: readonly number[], body: Evaluate) => Evaluate {
  return (offsets, body) => (i) => {
    let result = empty;
    for (let j = offsets[i]!, end = offsets[i + 1]!; j < end; j++) {
      const t = body(j);
      if (t === decisive) return decisive;
      if (t === UNKNOWN) result = UNKNOWN;
    }
    return result;
  };
}

// One closure per operator, each a couple of comparisons on a pre-normalised column; `flip` gives the negated operator.
function compileText(operator: ComparisonOperator, value: Comparison['value'], flip: boolean): (column: TextColumn) => Evaluate {
  const yes = flip ? FALSE : TRUE;
  const no = flip ? TRUE : FALSE;
  if (value.kind === 'null') return (column) => (i) => (column[i] == null ? yes : no);
  if (value.kind === 'list') {
    const set = new Set(value.items.map((item) => item.toLowerCase()));
    return (column) => (i) => { const v = column[i]; return v == null ? UNKNOWN : set.has(v) ? yes : no; };
  }
  const k = value.kind === 'string' ? value.value.toLowerCase() : '';
  switch (operator) {
    case 'eq': return (column) => (i) => { const v = column[i]; return v == null ? UNKNOWN : v === k ? yes : no; };
    case 'startsWith': return (column) => (i) => { const v = column[i]; return v == null ? UNKNOWN : v.startsWith(k) ? yes : no; };
    case 'endsWith': return (column) => (i) => { const v = column[i]; return v == null ? UNKNOWN : v.endsWith(k) ? yes : no; };
    case 'contains': return (column) => (i) => { const v = column[i]; return v == null ? UNKNOWN : v.includes(k) ? yes : no; };
    default: {
      const pattern = matchPattern(value.kind === 'string' ? value.value : '');
      const regex = pattern.ok ? pattern.regex : null;
      // A pattern only .NET can run leaves the clause undetermined rather than guessed (spec §4, ours).
      if (!regex) return () => () => UNKNOWN;
      return (column) => (i) => { const v = column[i]; return v == null ? UNKNOWN : regex.test(v) ? yes : no; };
    }
  }
}

function compileBoolean(path: readonly (string | number)[], operator: ComparisonOperator, expected: boolean | null): (context: BindContext) => Evaluate {
  const yes = operator === 'ne' ? FALSE : TRUE;
  const no = operator === 'ne' ? TRUE : FALSE;
  if (expected === null) return ({ snapshot }) => { const column = snapshot.booleans(path); return (i) => (column[i] === -1 ? yes : no); };
  const code = expected ? 1 : 0;
  return ({ snapshot }) => { const column = snapshot.booleans(path); return (i) => { const v = column[i]; return v === -1 ? UNKNOWN : v === code ? yes : no; }; };
}

function compileDate(path: readonly (string | number)[], operator: ComparisonOperator, value: Comparison['value']): (context: BindContext) => Evaluate {
  if (value.kind === 'null') {
    const [yes, no] = operator === 'ne' ? [FALSE, TRUE] as const : [TRUE, FALSE] as const;
    return ({ snapshot }) => { const column = snapshot.dates(path); return (i) => (Number.isNaN(column[i]) ? yes : no); };
  }
  const compare = operator === 'le' ? (v: number, t: number) => v <= t : operator === 'ge' ? (v: number, t: number) => v >= t : (v: number, t: number) => v === t;
  return ({ snapshot, clock }) => {
    const column = snapshot.dates(path);
    const limit = value.kind === 'now' ? movingLimit(clock, value.plus) : () => (value.kind === 'dateTime' ? value.epochMs : NaN);
    return (i) => { const v = column[i]!; return Number.isNaN(v) ? UNKNOWN : compare(v, limit()) ? TRUE : FALSE; };
  };
}

// system.now -plus P1D, worked out once per clock reading rather than once per subject.
function movingLimit(clock: Clock, plus: IsoDuration | null): () => number {
  let seen = NaN;
  let limit = NaN;
  return () => {
    if (clock.now !== seen) {
      seen = clock.now;
      limit = plus ? addIsoDuration(seen, plus) : seen;
    }
    return limit;
  };
}
