import { findRuleWarnings } from './find-rule-warnings.js';
import type { MembershipRule, ParseMembershipRuleResult, RuleNode, RuleProblem } from './membership-rule.js';
import { isDirectReports, parseDirectReports } from './parse-direct-reports.js';
import { parsePredicate } from './parse-predicate.js';
import { parseRuleValue } from './parse-rule-value.js';
import { ProblemLog, spanBetween } from './problem-log.js';
import { suggestOperator } from './rule-operators.js';
import { type ItemScope, type Parsed, TokenCursor, startsCondition, wordRole } from './token-cursor.js';
import { type Token, tokenizeMembershipRule } from './tokenize-membership-rule.js';

/** Entra ID refuses longer rules (spec §2); we count UTF-16 code units, as .NET's string length does. */
export const ruleLengthLimit = 3072;
// Far beyond any real rule; it keeps a pasted wall of "(" from exhausting the stack.
const deepestNesting = 100;

/** Parses rule text into a rule, or into every error found (with its span); never throws. */
export function parseMembershipRule(text: string): ParseMembershipRuleResult {
  const log = new ProblemLog();
  if (text.length > ruleLengthLimit) {
    const span = { offset: ruleLengthLimit, length: text.length - ruleLengthLimit };
    log.error('tooLong', `the rule is ${text.length.toLocaleString('en-US')} characters; the limit is 3,072`, span);
  }
  const cursor = new TokenCursor(text, tokenizeMembershipRule(text, log), log);
  const root = parseWhole(cursor);
  if (root) findRuleWarnings(root, cursor);
  const errors = byOffset(log.errors);
  const warnings = byOffset(log.warnings);
  if (!root || errors.length > 0) return { rule: null, errors, warnings };
  const rule: MembershipRule = { text, objectType: cursor.objectType ?? 'user', root, warnings };
  return { rule, errors: [], warnings };
}

function byOffset<T extends RuleProblem<string>>(problems: readonly T[]): T[] {
  return [...problems].sort((a, b) => a.offset - b.offset);
}

function parseWhole(cursor: TokenCursor): RuleNode | undefined {
  const first = cursor.peek();
  if (!first) {
    cursor.log.error('emptyRule', 'the rule is empty; write a condition such as user.department -eq "Sales"', { offset: 0, length: cursor.text.length });
    return undefined;
  }
  if (isDirectReports(cursor)) {
    const form = parseDirectReports(cursor);
    const rest = cursor.peek();
    if (rest) cursor.log.error('directReportsCombined', 'Direct Reports for "…" must be the whole rule', spanBetween(rest, cursor.tokens[cursor.tokens.length - 1]!));
    return form;
  }
  const parsed = parseOr(cursor, null);
  while (cursor.peek()) skipStray(cursor);
  return parsed?.node;
}

// Reports what stopped the expression, skips to the next thing that makes sense, and reads on for more errors.
function skipStray(cursor: TokenCursor): void {
  const token = cursor.next()!;
  const role = wordRole(token);
  if (token.kind === 'close') cursor.log.error('unexpectedParenthesis', 'this ) has no matching (', token);
  else if (role === 'comparison' || role === 'quantifier') cursor.log.error('missingProperty', `${token.text} needs a property before it, e.g. user.department -eq "Sales"`, token);
  else cursor.log.error('unexpectedToken', `unexpected ${token.kind === 'string' ? `"${token.text}"` : token.text}`, token);
  const resumes = (t: Token | undefined): boolean => !t || t.kind === 'close' || startsCondition(t) || wordRole(t) === 'and' || wordRole(t) === 'or';
  while (!resumes(cursor.peek())) cursor.next();
  if (wordRole(cursor.peek()) === 'and' || wordRole(cursor.peek()) === 'or') cursor.next();
  if (startsCondition(cursor.peek())) parseOr(cursor, null);
}

function parseOr(cursor: TokenCursor, scope: ItemScope | null): Parsed | undefined {
  return parseChain(cursor, scope, 'or', () => parseAnd(cursor, scope));
}

function parseAnd(cursor: TokenCursor, scope: ItemScope | null): Parsed | undefined {
  return parseChain(cursor, scope, 'and', () => parseNot(cursor, scope));
}

// Reads operand {operator operand}; the and-level also catches a missing or misspelled operator between conditions.
function parseChain(cursor: TokenCursor, scope: ItemScope | null, kind: 'and' | 'or', operand: () => Parsed | undefined): Parsed | undefined {
  const { log } = cursor;
  const first = operand();
  const operands: Parsed[] = first ? [first] : [];
  let last = first;
  let complete = first !== undefined;
  for (;;) {
    const token = cursor.peek();
    const role = wordRole(token);
    if (!token || !(role === kind || (kind === 'and' && (role === 'unknownOperator' || startsCondition(token))))) break;
    if (role === kind) {
      cursor.next();
    } else if (role === 'unknownOperator') {
      cursor.next();
      const suggestion = suggestOperator(token.text, ['logical']);
      log.error('unknownOperator', `unknown operator ${token.text} — ${suggestion ? `did you mean ${suggestion}?` : 'join conditions with -and or -or'}`, token);
    } else {
      log.error('missingLogicalOperator', 'two conditions need -and or -or between them', token);
    }
    if (last?.bareQuantifier) warnBareQuantifier(cursor, last, token);
    if (!startsCondition(cursor.peek())) {
      if (role === kind) log.error('missingCondition', `${token.text} needs a condition after it`, token);
      complete = false;
      if (role !== kind) break;
      continue;
    }
    last = operand();
    if (last) operands.push(last);
    else complete = false;
  }
  if (!complete || operands.length === 0) return undefined;
  if (operands.length === 1) return operands[0];
  const span = spanBetween(operands[0]!.span, operands[operands.length - 1]!.span);
  return { node: { kind, operands: operands.map((o) => o.node), span }, span, bareQuantifier: operands[operands.length - 1]!.bareQuantifier };
}

function warnBareQuantifier(cursor: TokenCursor, clause: Parsed, operator: Token): void {
  const text = cursor.source(clause.bareQuantifier!.span);
  cursor.log.warn('unparenthesizedQuantifier', `add parentheses around the -any/-all clause before ${operator.text}: (${text})`, clause.bareQuantifier!.span);
}

function parseNot(cursor: TokenCursor, scope: ItemScope | null): Parsed | undefined {
  const token = cursor.peek();
  if (wordRole(token) !== 'not') return parsePrimary(cursor, scope);
  cursor.next();
  if (!startsCondition(cursor.peek())) {
    cursor.log.error('missingCondition', `${token!.text} needs a condition after it`, token!);
    return undefined;
  }
  const operand = nested(cursor, token!, () => parseNot(cursor, scope));
  if (!operand) return undefined;
  const span = spanBetween(token!, operand.span);
  return { node: { kind: 'not', operand: operand.node, span }, span, bareQuantifier: operand.bareQuantifier };
}

function nested(cursor: TokenCursor, opener: Token, read: () => Parsed | undefined): Parsed | undefined {
  if (++cursor.depth > deepestNesting) {
    cursor.log.error('nestingTooDeep', `the rule nests more than ${deepestNesting} levels deep`, opener);
    cursor.position = cursor.tokens.length;
    cursor.abandoned = true;
    return undefined;
  }
  const parsed = read();
  cursor.depth--;
  return parsed;
}

function parsePrimary(cursor: TokenCursor, scope: ItemScope | null): Parsed | undefined {
  const { log } = cursor;
  const token = cursor.peek();
  const role = wordRole(token);
  if (!token) {
    log.error('missingCondition', 'a condition is missing at the end', cursor.endSpan());
  } else if (token.kind === 'open') {
    return parseGroup(cursor, scope);
  } else if (role === 'condition') {
    if (isDirectReports(cursor)) {
      const form = parseDirectReports(cursor);
      if (form) log.error('directReportsCombined', 'Direct Reports for "…" must be the whole rule', form.span);
      return undefined;
    }
    // A body counts as a nesting level too: `_ -any _ -any ...` must not exhaust the stack either.
    return parsePredicate(cursor, scope, (itemScope, quantifier) => nested(cursor, quantifier, () => parseNot(cursor, itemScope)));
  } else if (role === 'and' || role === 'or') {
    log.error('missingCondition', `${token.text} needs a condition before it`, token);
  } else if (token.kind === 'close') {
    log.error('missingCondition', 'a condition is missing before )', token);
  } else if (role === 'comparison' || role === 'quantifier' || role === 'plus') {
    cursor.next();
    log.error('missingProperty', `${token.text} needs a property before it, e.g. user.department -eq "Sales"`, token);
    if (role === 'comparison') parseRuleValue(cursor, token);
  } else if (role === 'unknownOperator') {
    cursor.next();
    log.error('unknownOperator', `unknown operator ${token.text}`, token);
  } else {
    cursor.next();
    log.error('unexpectedToken', `a condition starts with a property such as user.department, not ${cursor.source(token)}`, token);
  }
  return undefined;
}

function parseGroup(cursor: TokenCursor, scope: ItemScope | null): Parsed | undefined {
  const open = cursor.next()!;
  if (cursor.peek()?.kind === 'close') {
    cursor.log.error('missingCondition', 'empty parentheses: write a condition inside them', spanBetween(open, cursor.next()!));
    return undefined;
  }
  const inner = nested(cursor, open, () => parseOr(cursor, scope));
  const close = cursor.peek();
  if (close?.kind === 'close') {
    cursor.next();
    // The node keeps its own span, without the parentheses, as Graph's evaluation details show it.
    return inner && { node: inner.node, span: spanBetween(open, close) };
  }
  if (!cursor.abandoned) cursor.log.error('unclosedParenthesis', 'this ( is never closed', open);
  return undefined;
}
