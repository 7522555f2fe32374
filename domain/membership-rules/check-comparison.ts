import { matchPattern, patternSizeLimit, repeatLimit } from './match-pattern.js';
import type { ComparisonOperator, RuleSpan, RuleTarget, RuleValue } from './membership-rule.js';
import type { ParsedValue } from './parse-rule-value.js';
import { spanBetween } from './problem-log.js';
import { parseRuleDateTime } from './rule-dates.js';
import { operatorText } from './rule-operators.js';
import type { TokenCursor } from './token-cursor.js';

/** A comparison as written, before its value is checked against the property's type. */
export interface ComparisonParts {
  readonly target: RuleTarget;
  readonly targetSpan: RuleSpan;
  readonly operator: ComparisonOperator;
  readonly operatorSpan: RuleSpan;
  readonly value: ParsedValue;
}

const negated: Partial<Record<ComparisonOperator, ComparisonOperator>> = {
  ne: 'eq', notStartsWith: 'startsWith', notEndsWith: 'endsWith', notContains: 'contains', notMatch: 'match', notIn: 'in',
};

/** The positive form of a negated operator (-ne → -eq), or undefined for a positive one. */
export function positiveOperator(operator: ComparisonOperator): ComparisonOperator | undefined {
  return negated[operator];
}

/** Checks operator and value against the target's type (spec §4, §12); returns the value to keep, or undefined after an error. */
export function checkComparison(cursor: TokenCursor, parts: ComparisonParts): RuleValue | undefined {
  const { target, operator, value } = parts;
  const type = target.kind === 'item' ? (target.field === 'objectId' ? 'groupId' : 'string') : target.property.type;
  const name = cursor.source(parts.targetSpan);
  const fail = (code: Parameters<typeof cursor.log.error>[0], message: string, span: RuleSpan): undefined => {
    cursor.log.error(code, message, span);
    return undefined;
  };
  switch (type) {
    case 'planCollection':
      return fail('quantifierRequired', `${name} needs -any or -all, e.g. ${name} -any (assignedPlan.capabilityStatus -eq "Enabled")`, spanBetween(parts.targetSpan, value.span));
    case 'memberOf':
    case 'groupId':
      if (type === 'groupId' && operator === 'in') return checkList(cursor, parts);
      return fail('memberOfForm', "a memberOf rule has one form: user.memberOf -any (group.objectId -in ['<group id>'])", spanBetween(parts.targetSpan, value.span));
    case 'boolean':
      return checkBoolean(cursor, parts, name);
    case 'dateTime':
      return checkDate(cursor, parts, name);
    default:
      return checkText(cursor, parts, name, type === 'stringCollection');
  }
}

function checkBoolean(cursor: TokenCursor, { operator, operatorSpan, value }: ComparisonParts, name: string): RuleValue | undefined {
  if (operator !== 'eq' && operator !== 'ne') {
    cursor.log.error('operatorNotAllowed', `${name} is true or false; use -eq or -ne, not ${operatorText(operator)}`, operatorSpan);
    return undefined;
  }
  const v = value.value;
  if (v.kind === 'boolean' || v.kind === 'null') return v;
  // Quotes are optional around booleans (spec §2), so "true" is true here.
  if (v.kind === 'string' && /^(true|false)$/i.test(v.value)) return { kind: 'boolean', value: v.value.toLowerCase() === 'true' };
  cursor.log.error('valueNotAllowed', `${name} is true or false, not ${cursor.source(value.span)}`, value.span);
  return undefined;
}

function checkDate(cursor: TokenCursor, { operator, operatorSpan, value }: ComparisonParts, name: string): RuleValue | undefined {
  const v = value.value;
  const nullTest = v.kind === 'null' && (operator === 'eq' || operator === 'ne');
  if (operator !== 'eq' && operator !== 'le' && operator !== 'ge' && !nullTest) {
    cursor.log.error('operatorNotAllowed', `${name} is a date; use -eq, -le or -ge, not ${operatorText(operator)}`, operatorSpan);
    return undefined;
  }
  if (v.kind === 'dateTime' || v.kind === 'now' || nullTest) return v;
  const epochMs = v.kind === 'string' ? parseRuleDateTime(v.value) : undefined;
  if (v.kind === 'string' && epochMs !== undefined) return { kind: 'dateTime', text: v.value, epochMs };
  if (v.kind === 'string') cursor.log.error('invalidDate', `${cursor.source(value.span)} is not a valid date; write it like 2020-06-10T18:13:20Z`, value.span);
  else if (v.kind === 'null') cursor.log.error('valueNotAllowed', 'null works only with -eq and -ne', value.span);
  else cursor.log.error(v.kind === 'list' ? 'listNotAllowed' : 'valueNotAllowed', `${name} is a date: compare it with a date such as 2020-06-10T18:13:20Z or system.now`, value.span);
  return undefined;
}

function checkText(cursor: TokenCursor, parts: ComparisonParts, name: string, collection: boolean): RuleValue | undefined {
  const { operator, operatorSpan, value } = parts;
  const { log } = cursor;
  const v = value.value;
  const op = operatorText(operator);
  if (operator === 'le' || operator === 'ge') return void log.error('operatorNotAllowed', `${op} works only on user.employeeHireDate`, operatorSpan);
  if (operator === 'in' || operator === 'notIn') return checkList(cursor, parts);
  if (v.kind === 'list') {
    const instead = operator === 'eq' ? '; use -in for a list like ["US","CA"]' : operator === 'ne' ? '; use -notIn for a list' : ', not a list';
    return void log.error('listNotAllowed', `${op} takes one value${instead}`, value.span);
  }
  if (v.kind === 'null') {
    if (collection) return void log.error('valueNotAllowed', `${name} is a list; compare its items with -any or -all`, value.span);
    if (operator !== 'eq' && operator !== 'ne') return void log.error('valueNotAllowed', 'null works only with -eq and -ne', value.span);
    return v;
  }
  if (v.kind === 'boolean') return void log.error('valueNotAllowed', `${name} holds text; write the value in double quotes: "${v.value}"`, value.span);
  if (v.kind !== 'string') return void log.error('valueNotAllowed', `${name} holds text; dates and system.now work only with user.employeeHireDate`, value.span);
  if (operator === 'match' || operator === 'notMatch') {
    if (!checkPattern(cursor, parts, name, v.value)) return undefined;
  } else if (operator === 'contains' || operator === 'notContains') {
    log.warn('slowOperator', `${op} is slow in large tenants; -eq, -startsWith or -endsWith are faster when you know where the text sits`, operatorSpan);
  }
  if (/^null$/i.test(v.value) && (operator === 'eq' || operator === 'ne')) {
    log.warn('quotedNull', '"null" in quotes is the four-letter text; write null without quotes to mean "no value"', value.span);
  }
  if (collection) warnImplicitAny(cursor, parts, name);
  return v;
}

function checkList(cursor: TokenCursor, { operator, operatorSpan, value }: ComparisonParts): RuleValue | undefined {
  if (value.value.kind === 'list') return value.value;
  cursor.log.error('listRequired', `${operatorText(operator)} needs a list like ["US","CA"]`, spanBetween(operatorSpan, value.span));
  return undefined;
}

function checkPattern(cursor: TokenCursor, { operator, operatorSpan, value }: ComparisonParts, name: string, pattern: string): boolean {
  const { log } = cursor;
  const checked = matchPattern(pattern);
  if (!checked.ok) {
    log.error('invalidRegex', `the pattern ${shownPattern(cursor, value.span)} does not compile: ${checked.message.slice(0, 120)}`, value.span);
    return false;
  }
  // A pattern only .NET can run (size 0) is never run here, so its repetitions cost nothing.
  const repeat = checked.largestRepeat;
  if (repeat && repeat.count > repeatLimit && checked.size > 0) {
    const count = `${repeat.text}: ${repeat.count.toLocaleString('en-US')} times, over the ${repeatLimit} GroupGate runs so that no rule can hold up the bot`;
    log.error('repetitionTooLarge', `the pattern ${shownPattern(cursor, value.span)} repeats ${count}. Use a smaller count, or -startsWith, -endsWith or -eq`, repeatSpan(cursor, value.span, repeat.text));
    return false;
  }
  cursor.patternSize += checked.size;
  if (cursor.patternSize > patternSizeLimit) {
    const size = checked.size.toLocaleString('en-US');
    const others = cursor.patternSize - checked.size;
    const share = others > 0 ? `, and with the rule's other patterns that is over the ${patternSizeLimit.toLocaleString('en-US')} a rule may use` : `; a rule's patterns may use ${patternSizeLimit.toLocaleString('en-US')} in all`;
    log.error('patternTooComplex', `the pattern ${shownPattern(cursor, value.span)} is too complex to run safely: it compiles to ${size} steps${share}. Use fewer alternatives or repetitions, or -startsWith, -endsWith or -eq`, value.span);
    return false;
  }
  const constructs = checked.dotnetOnly.join(', ');
  if (checked.dotnetOnly.length > 0) log.warn('dotnetRegex', `the pattern uses ${constructs}; Entra ID's .NET engine may read it differently`, value.span);
  if (!checked.regex) log.warn('regexNotEvaluable', `GroupGate's safe regular-expression engine can't run ${constructs}; this condition is reported as undetermined`, value.span);
  const rewrite = checked.rewrite && (operator === 'match' ? checked.rewrite.operator : ({ eq: 'ne', startsWith: 'notStartsWith', endsWith: 'notEndsWith' } as const)[checked.rewrite.operator]);
  const faster = rewrite ? `${name} ${operatorText(rewrite)} ${quote(checked.rewrite!.literal)} does exactly the same, faster` : 'use -eq, -startsWith or -endsWith when they can say the same';
  log.warn('slowOperator', `${operatorText(operator)} is slow in large tenants; ${faster}`, operatorSpan);
  return true;
}

// Where a repetition stands in the rule text: inside the quoted pattern, or the whole pattern when escapes moved it.
function repeatSpan(cursor: TokenCursor, span: RuleSpan, repeat: string): RuleSpan {
  const at = cursor.source(span).indexOf(repeat);
  return at < 0 ? span : { offset: span.offset + at, length: repeat.length };
}

function shownPattern(cursor: TokenCursor, span: RuleSpan): string {
  const written = cursor.source(span);
  return written.length > 60 ? `${written.slice(0, 57)}…"` : written;
}

function warnImplicitAny(cursor: TokenCursor, { operator, value, targetSpan }: ComparisonParts, name: string): void {
  const positive = positiveOperator(operator);
  const explicit = positive
    ? `${name} -all (_ ${operatorText(operator)} ${cursor.source(value.span)})`
    : `${name} -any (_ ${operatorText(operator)} ${cursor.source(value.span)})`;
  cursor.log.warn('implicitAny', `${name} is a list; this is read as ${explicit} — write it that way to be explicit`, spanBetween(targetSpan, value.span));
}

/** A value as a double-quoted rule string, escaping " with a backtick and ' by doubling (spec §2). */
export function quote(value: string): string {
  return `"${value.replaceAll('"', '`"').replaceAll("'", "''")}"`;
}
