import type { RuleSpan, RuleValue } from './membership-rule.js';
import { spanBetween } from './problem-log.js';
import { parseIsoDuration, parseRuleDateTime } from './rule-dates.js';
import { type TokenCursor, wordRole } from './token-cursor.js';
import type { Token } from './tokenize-membership-rule.js';

/** A value and where it stands in the text. */
export interface ParsedValue {
  readonly value: RuleValue;
  readonly span: RuleSpan;
}

/** Reads the value after a comparison operator; logs an error and returns undefined when there is none. */
export function parseRuleValue(cursor: TokenCursor, operator: Token): ParsedValue | undefined {
  const token = cursor.peek();
  if (token?.kind === 'string') {
    cursor.next();
    if (token.quote === 'single') {
      cursor.log.error('singleQuotedString', `write values in double quotes: "${token.text}" (single quotes only appear inside lists)`, token);
    }
    return { value: { kind: 'string', value: token.text }, span: token };
  }
  if (token?.kind === 'listOpen') return parseList(cursor);
  if (token?.kind === 'word' && wordRole(token) !== 'and' && wordRole(token) !== 'or' && wordRole(token) !== 'comparison') {
    return parseWordValue(cursor, token);
  }
  cursor.log.error('missingValue', `${operator.text} needs a value after it, e.g. "Sales"`, operator);
  return undefined;
}

function parseWordValue(cursor: TokenCursor, token: Token): ParsedValue | undefined {
  const { log } = cursor;
  const word = token.text.toLowerCase();
  cursor.next();
  if (word === 'null' || word === '$null') {
    if (word === '$null') log.warn('legacyNull', '$null is an old spelling; write null', token);
    return { value: { kind: 'null' }, span: token };
  }
  if (word === 'true' || word === 'false') return { value: { kind: 'boolean', value: word === 'true' }, span: token };
  if (word === 'system.now') return parseNow(cursor, token);
  if (/^\d{4}-\d/.test(word)) {
    const epochMs = parseRuleDateTime(token.text);
    if (epochMs !== undefined) return { value: { kind: 'dateTime', text: token.text, epochMs }, span: token };
    log.error('invalidDate', `${token.text} is not a valid date; write it like 2020-06-10T18:13:20Z`, token);
    return undefined;
  }
  if (/^(user|device)\./.test(word)) {
    log.error('valueNotAllowed', `a rule compares a property with a fixed value; ${token.text} can't be a value`, token);
    return undefined;
  }
  log.error('unquotedString', `write text values in double quotes: "${token.text}"`, token);
  return { value: { kind: 'string', value: token.text }, span: token };
}

function parseNow(cursor: TokenCursor, now: Token): ParsedValue | undefined {
  const { log } = cursor;
  log.warn('timeDependent', 'system.now moves: membership changes over time without any attribute change, and a preview holds only for the time it ran', now);
  const operator = cursor.peek();
  const spelled = operator?.kind === 'word' ? operator.text.toLowerCase().replace(/^-/, '') : '';
  if (spelled !== 'plus' && spelled !== 'minus') return { value: { kind: 'now', plus: null }, span: now };
  cursor.next();
  const amount = cursor.peek();
  if (amount?.kind !== 'word') {
    log.error('invalidDuration', `system.now ${operator!.text} needs a duration such as P1D`, operator!);
    return undefined;
  }
  cursor.next();
  const span = spanBetween(now, amount);
  if (spelled === 'minus') {
    log.error('invalidDuration', `Microsoft documents only -plus; write system.now -plus -${amount.text.replace(/^-/, '')}`, spanBetween(operator!, amount));
    return undefined;
  }
  const plus = parseIsoDuration(amount.text);
  if (!plus) {
    log.error('invalidDuration', `${amount.text} is not an ISO-8601 duration such as P1D, P2W or PT12H`, amount);
    return undefined;
  }
  if (plus.sign < 0) log.warn('negativeDuration', 'a negative duration is not documented by Microsoft; Entra ID may refuse it', amount);
  return { value: { kind: 'now', plus }, span };
}

function parseList(cursor: TokenCursor): ParsedValue | undefined {
  const open = cursor.next()!;
  const items: string[] = [];
  let expectItem = true;
  let healthy = true;
  const fail = (code: 'unexpectedToken' | 'missingValue' | 'valueNotAllowed' | 'emptyList', message: string, span: RuleSpan): void => {
    cursor.log.error(code, message, span);
    healthy = false;
  };
  for (let token = cursor.peek(); token?.kind !== 'listClose'; token = cursor.peek()) {
    if (token?.kind === 'string') {
      if (!expectItem) fail('unexpectedToken', 'list items need a comma between them', token);
      items.push(token.text);
      expectItem = false;
    } else if (token?.kind === 'comma') {
      if (expectItem) fail('missingValue', 'a value is missing before this comma', token);
      expectItem = true;
    } else if (token?.kind === 'word' && wordRole(token) === 'condition') {
      fail('valueNotAllowed', `list items are text in double quotes: "${token.text}"`, token);
      expectItem = false;
    } else {
      // Whatever follows belongs to the rest of the rule, not to this list.
      cursor.log.error('unclosedList', 'this [ is never closed with ]', open);
      return undefined;
    }
    cursor.next();
  }
  const close = cursor.next()!;
  const span = spanBetween(open, close);
  if (items.length === 0 && healthy) fail('emptyList', 'a list needs at least one value, like ["US","CA"]', span);
  else if (expectItem && healthy) fail('missingValue', 'a value is missing after the last comma', close);
  return healthy ? { value: { kind: 'list', items }, span } : undefined;
}
