import { checkComparison } from './check-comparison.js';
import type { RuleNode, RuleProperty, RuleTarget } from './membership-rule.js';
import { parseRuleValue } from './parse-rule-value.js';
import { spanBetween } from './problem-log.js';
import { resolveRuleTarget } from './resolve-rule-target.js';
import { readOperatorWord, suggestOperator } from './rule-operators.js';
import { type ItemScope, type Parsed, type TokenCursor, wordRole } from './token-cursor.js';
import type { Token } from './tokenize-membership-rule.js';

/** Reads an -any/-all body (the parser's -not level), given the collection its items come from and the -any/-all token. */
export type BodyParser = (scope: ItemScope, quantifier: Token) => Parsed | undefined;

// memberOf takes at most 50 source groups per rule (spec §7.3, §15).
const mostSourceGroups = 50;

/** Reads `property operator value` or `collection -any/-all body`; logs problems and returns undefined when unusable. */
export function parsePredicate(cursor: TokenCursor, scope: ItemScope | null, parseBody: BodyParser): Parsed | undefined {
  const { log } = cursor;
  const targetToken = cursor.next()!;
  const target = resolveRuleTarget(cursor, targetToken, scope);
  const operatorToken = cursor.peek();
  // A plain word such as `equals` is a misspelled operator; a dotted one is the next condition.
  const role = wordRole(operatorToken);
  const operatorLike = operatorToken?.kind === 'word' && role !== 'and' && role !== 'or' && (role !== 'condition' || !/[._]/.test(operatorToken.text));
  if (!operatorLike) {
    const example = `e.g. ${targetToken.text} -eq "Sales"`;
    if (operatorToken?.kind === 'string' || operatorToken?.kind === 'listOpen') {
      log.error('missingOperator', `add an operator such as -eq between ${targetToken.text} and its value`, operatorToken);
      parseRuleValue(cursor, targetToken);
    } else {
      log.error('missingOperator', `${targetToken.text} needs an operator and a value, ${example}`, targetToken);
    }
    return undefined;
  }
  cursor.next();
  const meaning = readOperatorWord(operatorToken!.text);
  if (meaning?.kind === 'quantifier') return parseQuantifier(cursor, { target, targetToken, operatorToken, scope }, meaning.quantifier, parseBody);
  if (meaning?.kind !== 'comparison') {
    reportNonComparison(cursor, targetToken, operatorToken);
    parseRuleValue(cursor, operatorToken);
    return undefined;
  }
  const value = parseRuleValue(cursor, operatorToken);
  if (!target || !value) return undefined;
  const parts = { target, targetSpan: targetToken, operator: meaning.operator, operatorSpan: operatorToken, value };
  const checked = checkComparison(cursor, parts);
  if (!checked) return undefined;
  const span = spanBetween(targetToken, value.span);
  return { node: { kind: 'comparison', target, operator: meaning.operator, value: checked, span }, span };
}

function reportNonComparison(cursor: TokenCursor, targetToken: Token, operatorToken: Token): void {
  const role = wordRole(operatorToken);
  if (role === 'not') {
    const after = cursor.peek();
    const isNull = after?.kind === 'word' && /^\$?null$/i.test(after.text);
    const instead = isNull ? `${targetToken.text} -ne null` : `-not (${targetToken.text} -eq ...)`;
    cursor.log.error('notAsComparison', `-not can't compare a property with a value; write ${instead}`, operatorToken);
    return;
  }
  if (role === 'plus') {
    cursor.log.error('unknownOperator', '-plus only follows system.now, as in user.employeeHireDate -ge system.now -plus P1D', operatorToken);
    return;
  }
  const suggestion = suggestOperator(operatorToken.text, ['comparison', 'quantifier']);
  const hint = suggestion ? ` — did you mean ${suggestion}?` : '';
  cursor.log.error('unknownOperator', `unknown operator ${operatorToken.text}${hint}`, operatorToken);
}

interface QuantifierHead {
  readonly target: RuleTarget | undefined;
  readonly targetToken: Token;
  readonly operatorToken: Token;
  readonly scope: ItemScope | null;
}

function parseQuantifier(cursor: TokenCursor, head: QuantifierHead, quantifier: 'any' | 'all', parseBody: BodyParser): Parsed | undefined {
  const { log } = cursor;
  const { target, targetToken, operatorToken } = head;
  const property = target?.kind === 'property' ? target.property : undefined;
  const collection = property && ['stringCollection', 'planCollection', 'memberOf'].includes(property.type) ? property : undefined;
  const headOk = !head.scope && !(collection?.type === 'memberOf' && quantifier === 'all');
  if (head.scope) {
    log.error('quantifierNotAllowed', `-${quantifier} can't be used inside another -any/-all`, operatorToken);
  } else if (target && !collection) {
    log.error('quantifierNotAllowed', `-${quantifier} works only on list properties such as user.otherMails or user.assignedPlans; ${targetToken.text} holds one value`, operatorToken);
  } else if (property?.type === 'memberOf' && quantifier === 'all') {
    log.error('memberOfForm', "memberOf takes only -any: user.memberOf -any (group.objectId -in ['<group id>'])", operatorToken);
  }
  const next = cursor.peek();
  if (!next || next.kind === 'close' || (next.kind === 'word' && wordRole(next) !== 'condition' && wordRole(next) !== 'not')) {
    log.error('missingCondition', `-${quantifier} needs a condition about each item after it, e.g. (_ -eq "x")`, operatorToken);
    return undefined;
  }
  // An unusable head still has its body read, so the body's own mistakes are reported too.
  const scope: ItemScope = { collection: collection ?? placeholderCollection };
  const body = parseBody(scope, operatorToken);
  if (!body || !collection || !headOk) return undefined;
  if (collection.type === 'memberOf' && !isMemberOfBody(cursor, body.node, spanBetween(targetToken, body.span))) return undefined;
  const span = spanBetween(targetToken, body.span);
  const node: RuleNode = { kind: 'quantifier', quantifier, property: collection, body: body.node, span };
  return { node, span, bareQuantifier: node };
}

const placeholderCollection: RuleProperty = { object: 'user', name: 'otherMails', type: 'stringCollection', graphPath: ['otherMails'] };

function isMemberOfBody(cursor: TokenCursor, body: RuleNode, span: { offset: number; length: number }): boolean {
  const ids = body.kind === 'comparison' && body.operator === 'in' && body.value.kind === 'list' ? body.value.items : undefined;
  if (!ids) {
    cursor.log.error('memberOfForm', "a memberOf rule has one form: user.memberOf -any (group.objectId -in ['<group id>'])", span);
    return false;
  }
  if (ids.length > mostSourceGroups) {
    cursor.log.error('tooManySourceGroups', `a memberOf rule takes at most ${mostSourceGroups} groups; this one lists ${ids.length}`, body.span);
    return false;
  }
  return true;
}
