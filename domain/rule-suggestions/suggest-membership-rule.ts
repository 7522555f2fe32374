import { rowsPerYield, runToEnd, type SlicedWork } from '../membership-rules/sliced-work.js';
import type { RuleSubject } from '../membership-rules/index.js';
import { suggestionProperties } from './suggestion-properties.js';

/** One clause of a suggestion: `user.<property> -eq "v"` for one value, `-in [...]` for several. */
export interface SuggestedClause {
  readonly property: string;
  /** As the members spell them, most common first. */
  readonly values: readonly string[];
}

/** The simplest rule found for a group's members, and how well it reproduces them. */
export interface RuleSuggestion {
  /** Rule text in Entra's syntax. */
  readonly rule: string;
  readonly clauses: readonly SuggestedClause[];
  /** True when the rule selects exactly the current members. */
  readonly exact: boolean;
  /** Members the rule leaves out, and users it takes in who are not members (ids). */
  readonly missed: readonly string[];
  readonly extra: readonly string[];
  /** Share of selected users who are members, and of members who are selected. */
  readonly precision: number;
  readonly recall: number;
}

/** How far the search goes. */
export interface SuggestionOptions {
  readonly maxClauses?: number;
  /**
   * Longest `-in` list worth suggesting. A list is also kept to half the members (rounded up):
   * past that a rule is a member list in disguise (one job title each), not a rule.
   */
  readonly maxValues?: number;
  /** Below this F1 a near rule is no help (it would select half the tenant): no suggestion. */
  readonly minFit?: number;
}

interface Candidate {
  readonly order: number;
  readonly property: string;
  readonly values: readonly string[];
  /** Indices of the users it selects, ascending. */
  readonly selects: readonly number[];
  /** True when it selects every member. */
  readonly full: boolean;
}

interface Scored {
  readonly clauses: readonly Candidate[];
  readonly selected: readonly number[];
  readonly hits: number;
}

/**
 * Looks for the simplest membership rule that reproduces a static group: conjunctions of equality
 * or `-in` clauses over common attributes, fewest clauses first, then fewest values. When no rule
 * is exact it offers the best balance of precision and recall (F1), with the misses listed.
 * Text is compared ignoring case, as Entra does. Undefined when the group has no member to go on,
 * or when even the closest rule fits too poorly to help (F1 below `minFit`).
 */
export function suggestMembershipRule(users: readonly RuleSubject[], memberIds: Iterable<string>, options: SuggestionOptions = {}): RuleSuggestion | undefined {
  return runToEnd(suggestMembershipRuleSteps(users, memberIds, options));
}

/** `suggestMembershipRule` as sliced work: it yields every few hundred users tallied and every conjunction tried. */
export function* suggestMembershipRuleSteps(users: readonly RuleSubject[], memberIds: Iterable<string>, options: SuggestionOptions = {}): SlicedWork<RuleSuggestion | undefined> {
  const { maxClauses = 3, maxValues = 8, minFit = 0.5 } = options;
  const ids = users.map((u) => String(u['id'] ?? ''));
  const wanted = new Set(memberIds);
  const isMember = ids.map((id) => wanted.has(id));
  const memberCount = isMember.filter(Boolean).length;
  if (memberCount === 0) return undefined;
  const valueLimit = Math.min(maxValues, Math.ceil(memberCount / 2));
  const candidates: Candidate[] = [];
  for (const [order, { property, field }] of suggestionProperties.entries()) candidates.push(...(yield* candidatesFor(users, isMember, memberCount, order, property, field, valueLimit)));
  const best = (yield* search(candidates.filter((c) => c.full), maxClauses, isMember, memberCount, true)) ?? (yield* search(candidates, maxClauses, isMember, memberCount, false));
  if (!best || f1(best, memberCount) < minFit) return undefined;
  const selected = new Set(best.selected);
  const clauses = best.clauses.map(({ property, values }) => ({ property, values }));
  return {
    rule: ruleText(clauses),
    clauses,
    exact: best.hits === memberCount && best.selected.length === memberCount,
    missed: ids.filter((id, i) => isMember[i] && !selected.has(i)),
    extra: best.selected.filter((i) => !isMember[i]).map((i) => ids[i]!),
    precision: best.hits / Math.max(best.selected.length, 1),
    recall: best.hits / memberCount,
  };
}

/**
 * Up to two clauses for a property: every member's value (when all have one), and the values held
 * more by members than by others. In a group of several, no clause uses a value only one member has.
 */
function* candidatesFor(users: readonly RuleSubject[], isMember: readonly boolean[], memberCount: number, order: number, property: string, field: string, maxValues: number): SlicedWork<Candidate[]> {
  const column = users.map((u) => (typeof u[field] === 'string' && (u[field] as string).trim() ? (u[field] as string) : undefined));
  yield;
  const tally = new Map<string, { members: number; others: number; spellings: Map<string, number> }>();
  for (const [i, value] of column.entries()) {
    if (i % rowsPerYield === 0) yield;
    if (value === undefined) continue;
    const key = value.toLowerCase();
    const entry = tally.get(key) ?? { members: 0, others: 0, spellings: new Map() };
    if (isMember[i]) {
      entry.members++;
      entry.spellings.set(value, (entry.spellings.get(value) ?? 0) + 1);
    } else entry.others++;
    tally.set(key, entry);
  }
  const held = [...tally].filter(([, t]) => t.members > 0).sort(([a, x], [b, y]) => y.members - x.members || a.localeCompare(b));
  const covered = held.reduce((n, [, t]) => n + t.members, 0);
  const majority = held.filter(([, t]) => t.members > t.others);
  // A value only one member holds is that member's name in disguise (a unique job title).
  const general = (keys: Array<[string, { members: number }]>) => (memberCount > 1 ? keys.filter(([, t]) => t.members > 1) : keys);
  const sets = [held.length === general(held).length ? held.map(([key]) => key) : [], general(majority).map(([key]) => key)];
  const spelled = (key: string) => [...tally.get(key)!.spellings].sort((x, y) => y[1] - x[1])[0]![0];
  const seen = new Set<string>();
  return sets.flatMap((keys, i) => {
    const signature = keys.join('\u0000');
    if (keys.length === 0 || keys.length > maxValues || seen.has(signature)) return [];
    seen.add(signature);
    const chosen = new Set(keys);
    const selects = column.flatMap((value, index) => (value !== undefined && chosen.has(value.toLowerCase()) ? [index] : []));
    return [{ order, property, values: keys.map(spelled), selects, full: i === 0 && covered === memberCount }];
  });
}

/** The best conjunction of up to `maxClauses` candidates on distinct properties: exact ones only, or the best F1. */
function* search(candidates: readonly Candidate[], maxClauses: number, isMember: readonly boolean[], memberCount: number, exactOnly: boolean): SlicedWork<Scored | undefined> {
  let best: Scored | undefined;
  const visit = function* (start: number, chosen: Candidate[], selected: readonly number[] | undefined): SlicedWork<void> {
    yield;
    if (chosen.length > 0) {
      const hits = selected!.reduce((n, i) => n + (isMember[i] ? 1 : 0), 0);
      const scored = { clauses: [...chosen], selected: selected!, hits };
      if ((!exactOnly || (hits === memberCount && selected!.length === memberCount)) && better(scored, best, memberCount)) best = scored;
    }
    if (chosen.length === maxClauses) return;
    for (let i = start; i < candidates.length; i++) {
      const next = candidates[i]!;
      if (chosen.some((c) => c.property === next.property)) continue;
      chosen.push(next);
      yield* visit(i + 1, chosen, selected ? intersect(selected, next.selects) : next.selects);
      chosen.pop();
    }
  };
  yield* visit(0, [], undefined);
  return best;
}

const f1 = (s: Scored, memberCount: number) => (s.hits === 0 ? 0 : (2 * s.hits) / (s.selected.length + memberCount));
const valueCount = (s: Scored) => s.clauses.reduce((n, c) => n + c.values.length, 0);
const orderKey = (s: Scored) => s.clauses.map((c) => String(c.order).padStart(3, '0')).join(',');

/** Better fit first; then fewer clauses, fewer values, and the more common attributes. */
function better(candidate: Scored, current: Scored | undefined, memberCount: number): boolean {
  if (!current) return true;
  const fit = f1(candidate, memberCount) - f1(current, memberCount);
  if (Math.abs(fit) > 1e-9) return fit > 0;
  if (candidate.clauses.length !== current.clauses.length) return candidate.clauses.length < current.clauses.length;
  if (valueCount(candidate) !== valueCount(current)) return valueCount(candidate) < valueCount(current);
  return orderKey(candidate) < orderKey(current);
}

function intersect(a: readonly number[], b: readonly number[]): number[] {
  const out: number[] = [];
  for (let i = 0, j = 0; i < a.length && j < b.length; ) {
    if (a[i]! < b[j]!) i++;
    else if (a[i]! > b[j]!) j++;
    else {
      out.push(a[i]!);
      i++;
      j++;
    }
  }
  return out;
}

/** Entra's syntax: embedded `"` written `` `" ``, `'` written `''`; one clause bare, several parenthesised and joined by -and. */
export function ruleText(clauses: readonly SuggestedClause[]): string {
  const quote = (value: string) => `"${value.replace(/"/g, '`"').replace(/'/g, "''")}"`;
  const parts = clauses.map(({ property, values }) =>
    values.length === 1 ? `user.${property} -eq ${quote(values[0]!)}` : `user.${property} -in [${values.map(quote).join(',')}]`,
  );
  return parts.length === 1 ? parts[0]! : parts.map((p) => `(${p})`).join(' -and ');
}
