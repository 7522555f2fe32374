import { RE2JS, RE2JSException } from 're2js';

/** A -match pattern, checked and compiled once (RE2: linear time, so no pattern can hang the bot). */
export type MatchPattern =
  | {
      readonly ok: true;
      /** Null when the pattern needs a construct RE2 lacks (lookaround, backreference...): the clause is undetermined. */
      readonly regex: RE2JS | null;
      /** Instructions in the compiled program (0 when there is no regex): what one test costs, per character tried. */
      readonly size: number;
      /** .NET constructs whose meaning may differ from the service (spec §4). */
      readonly dotnetOnly: readonly string[];
      /** A faster operator that means exactly the same, when there is one (spec §14). */
      readonly rewrite?: { readonly operator: 'eq' | 'startsWith' | 'endsWith'; readonly literal: string };
      /** The repetition with the largest count, as written (`{1000}`), when the pattern has one. */
      readonly largestRepeat?: PatternRepeat;
    }
  | { readonly ok: false; readonly message: string };

/** A `{n}`, `{n,}` or `{n,m}` in a pattern: its text and its larger bound. */
export interface PatternRepeat {
  readonly text: string;
  readonly count: number;
}

// Rules are few and patterns repeat across them; the bound keeps a stream of odd inputs from growing memory.
const cache = new Map<string, MatchPattern>();
const cacheLimit = 500;

/** Checks and compiles a -match pattern: case-insensitive, unanchored search. */
export function matchPattern(pattern: string): MatchPattern {
  let checked = cache.get(pattern);
  if (!checked) {
    if (cache.size >= cacheLimit) cache.clear();
    checked = checkPattern(pattern);
    cache.set(pattern, checked);
  }
  return checked;
}

function checkPattern(pattern: string): MatchPattern {
  const { translated, dotnetOnly } = scanDotnetConstructs(pattern);
  const rewrite = literalRewrite(pattern);
  // Compiling costs time in the program's size too (`(a?){1000}a{1000}` takes 20-50 ms): one far past what a
  // rule may use is refused from its estimate, without compiling (issue 22), as too complex.
  const { size: estimated, largestRepeat } = measurePattern(translated);
  const repeat = largestRepeat ? { largestRepeat } : {};
  if (estimated > compileLimit) return { ok: true, regex: null, size: estimated, dotnetOnly, ...repeat };
  try {
    const regex = RE2JS.compile(translated, RE2JS.CASE_INSENSITIVE);
    const size = programSize(regex);
    return { ok: true, regex, size, dotnetOnly, ...(rewrite ? { rewrite } : {}), ...repeat };
  } catch (error) {
    if (!(error instanceof RE2JSException)) throw error;
    if (dotnetOnly.length > 0) return { ok: true, regex: null, size: 0, dotnetOnly, ...repeat };
    return { ok: false, message: error.message.replace(/^error parsing regexp: /, '') };
  }
}

/**
 * The compiled size all of a rule's -match patterns may add up to (check-comparison.ts refuses more). Testing a
 * value costs about size × length once RE2's DFA gives up: 25-30 ns per instruction and character here, so a
 * 1,024-character value (an extension attribute's limit) takes up to ~8 ms at 300, ~15 ms with GC noise; at
 * 1,000 it took 26 ms on average and 75 ms at worst (`(.*a.{100}){9}` over random text), which held /healthz
 * past 50 ms on one user alone. Real patterns use far less: `^[0-9]{5}$` 9, a ten-department alternation 81.
 */
export const patternSizeLimit = 300;

/** The largest `{n}` a pattern may use: past it a single repetition makes the program too big (`a{400}` is 400 steps). */
export const repeatLimit = 100;

// Past this estimated size a pattern is not compiled: twice what one rule's patterns may use in all.
const compileLimit = 2 * patternSizeLimit;

/**
 * About how many instructions RE2 compiles `pattern` to, read from its text: an atom is one, a group its
 * parts plus two, `{n,m}` multiplies what it repeats by the larger bound. Within a few of the real size for
 * repetitions (the case that grows); it never needs to be exact, only to keep the compiler off huge programs.
 */
export function estimateProgramSize(pattern: string): number {
  return measurePattern(pattern).size;
}

// One pass over the pattern: the size estimate, and the largest repetition on the way.
function measurePattern(pattern: string): { size: number; largestRepeat?: PatternRepeat } {
  let largestRepeat: PatternRepeat | undefined;
  const frames: number[][] = [[]];
  const top = () => frames[frames.length - 1]!;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    const atoms = top();
    if (c === '\\') {
      i++;
      atoms.push(1);
    } else if (c === '[') {
      i = classEnd(pattern, i);
      atoms.push(1);
    } else if (c === '(') {
      frames.push([]);
    } else if (c === ')' && frames.length > 1) {
      const group = frames.pop()!;
      top().push(sum(group) + 2);
    } else if (c === '{' && repeatAt(pattern, i)) {
      const [whole, low, high] = repeatAt(pattern, i)!;
      const count = Math.max(Number(low), high ? Number(high) : 0);
      if (!largestRepeat || count > largestRepeat.count) largestRepeat = { text: whole, count };
      // `{n,}` is n copies and a star.
      if (atoms.length > 0) atoms[atoms.length - 1]! = atoms[atoms.length - 1]! * Math.max(count, 1) + (high === '' ? 1 : 0);
      i += whole.length - 1;
    } else if ('*+?'.includes(c) && atoms.length > 0) {
      atoms[atoms.length - 1]! += 1;
    } else {
      atoms.push(1);
    }
  }
  while (frames.length > 1) top().push(sum(frames.pop()!));
  const size = sum(frames[0]!);
  return largestRepeat ? { size, largestRepeat } : { size };
}

const repeatAt = (pattern: string, i: number) => /^\{(\d+)(?:,(\d*))?\}/.exec(pattern.slice(i, i + 24));
const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

// The index of a character class's closing bracket (a first `]` or `^]` is a member, escapes are skipped).
function classEnd(pattern: string, open: number): number {
  let i = open + 1;
  if (pattern[i] === '^') i++;
  if (pattern[i] === ']') i++;
  for (; i < pattern.length; i++) {
    if (pattern[i] === '\\') i++;
    else if (pattern[i] === ']') return i;
  }
  return pattern.length;
}

/**
 * RE2 runs in time linear in the text, but the factor is the program's size: `(a?){1000}a{1000}` compiles to
 * 5,002 instructions and took 0.4 s to test one 1,024-character value once its DFA gave up. re2js keeps the
 * program on an internal field; the tests pin that it is read, so an upgrade that moves it fails loudly.
 */
function programSize(regex: RE2JS): number {
  const internal = regex as unknown as { re2Input?: { prog?: { inst?: readonly unknown[] } } };
  return internal.re2Input?.prog?.inst?.length ?? 0;
}

// Lists constructs that only .NET has (or that RE2 lacks), and translates \Z, which RE2 can express exactly.
function scanDotnetConstructs(pattern: string): { translated: string; dotnetOnly: string[] } {
  const found = new Set<string>();
  let translated = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    const rest = pattern.slice(i + 1, i + 8);
    if (c === '\\') {
      const escaped = pattern[i + 1] ?? '';
      if (/[AZG]/.test(escaped)) found.add(`\\${escaped}`);
      if (/[1-9]/.test(escaped) || (escaped === 'k' && /^k[<']/.test(rest))) found.add('backreference');
      translated += escaped === 'Z' ? '(?:\\n?\\z)' : c + escaped;
      i++;
      continue;
    }
    if (c === '(' && rest.startsWith('?')) {
      if (/^\?[imnsx-]+[:)]/.test(rest)) found.add('inline options such as (?i)');
      if (rest.startsWith('?>')) found.add('atomic group (?>…)');
      if (/^\?(=|!|<=|<!)/.test(rest)) found.add('lookaround');
      if (rest.startsWith('?(')) found.add('conditional (?(…)');
      if (/^\?[<']\w*-/.test(rest)) found.add('balancing group');
    }
    if (/[*+?}]/.test(c) && rest.startsWith('+')) found.add('possessive quantifier');
    translated += c;
  }
  return { translated, dotnetOnly: [...found] };
}

// ^abc$ is -eq "abc", ^abc (or ^abc.*) is -startsWith, abc$ (or .*abc$) is -endsWith: exactly, since both ignore case.
function literalRewrite(pattern: string): { operator: 'eq' | 'startsWith' | 'endsWith'; literal: string } | undefined {
  let body = pattern;
  const anchoredStart = body.startsWith('^');
  if (anchoredStart) body = body.slice(1);
  else if (body.startsWith('.*')) body = body.slice(2);
  const anchoredEnd = body.endsWith('$') && !body.endsWith('\\$');
  if (anchoredEnd) body = body.slice(0, -1);
  else if (body.endsWith('.*') && !body.endsWith('\\.*')) body = body.slice(0, -2);
  const literal = unescapeLiteral(body);
  if (!literal) return undefined;
  if (anchoredStart && anchoredEnd) return { operator: 'eq', literal };
  if (anchoredStart) return { operator: 'startsWith', literal };
  return anchoredEnd ? { operator: 'endsWith', literal } : undefined;
}

function unescapeLiteral(body: string): string | undefined {
  let literal = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c === '\\') {
      const escaped = body[i + 1];
      if (escaped === undefined || /[a-z0-9]/i.test(escaped)) return undefined;
      literal += escaped;
      i++;
    } else if ('.^$|?*+()[]{}'.includes(c)) {
      return undefined;
    } else {
      literal += c;
    }
  }
  return literal;
}
