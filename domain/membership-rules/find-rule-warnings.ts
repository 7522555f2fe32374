import { quote } from './check-comparison.js';
import type { ComparisonOperator, RuleNode } from './membership-rule.js';
import { targetName } from './target-name.js';
import { operatorText } from './rule-operators.js';
import type { TokenCursor } from './token-cursor.js';

type Comparison = Extract<RuleNode, { kind: 'comparison' }>;

/** Adds the warnings that need the whole tree: memberOf standing alone and retiring, and the §14 rewrites. */
export function findRuleWarnings(root: RuleNode, cursor: TokenCursor): void {
  visit(root, root, cursor);
}

function visit(node: RuleNode, root: RuleNode, cursor: TokenCursor): void {
  switch (node.kind) {
    case 'and':
    case 'or':
      suggestList(node.kind, node.operands, node.span, cursor);
      if (node.kind === 'or') findCovered(node.operands, cursor);
      for (const operand of node.operands) visit(operand, root, cursor);
      return;
    case 'not':
      return visit(node.operand, root, cursor);
    case 'quantifier':
      if (node.property.type === 'memberOf') checkMemberOf(node, root, cursor);
      return visit(node.body, root, cursor);
    default:
      return;
  }
}

function checkMemberOf(node: RuleNode, root: RuleNode, cursor: TokenCursor): void {
  const { log } = cursor;
  // Microsoft: a memberOf rule "will fail" when combined; we refuse it at once (spec §16.20).
  if (node !== root) log.error('memberOfCombined', 'a memberOf rule must stand alone: it can\'t be combined with other conditions or -not', node.span);
  log.warn('slowOperator', 'memberOf is slow to process, and a tenant may have at most 500 memberOf groups', node.span);
  log.warn('memberOfRetirement', 'memberOf rules are being retired: after 3 November 2026, groups using them stop updating', node.span);
}

// Same-property -eq chains joined by -or read better and run faster as -in; -ne chains joined by -and as -notIn (spec §14).
function suggestList(kind: 'and' | 'or', operands: readonly RuleNode[], span: { offset: number; length: number }, cursor: TokenCursor): void {
  const wanted: ComparisonOperator = kind === 'or' ? 'eq' : 'ne';
  for (const [name, group] of groupByTarget(operands, (c) => c.operator === wanted)) {
    if (group.length < 2) continue;
    const values = group.map((c) => quote(c.value.kind === 'string' ? c.value.value : ''));
    const replacement = `${name} ${operatorText(kind === 'or' ? 'in' : 'notIn')} [${values.join(', ')}]`;
    cursor.log.warn(kind === 'or' ? 'preferIn' : 'preferNotIn', `${replacement} does exactly the same, faster`, span);
  }
}

// city -eq "Lagos" -or city -startsWith "Lag": the -eq adds nothing (spec §14, "remove redundant criteria").
function findCovered(operands: readonly RuleNode[], cursor: TokenCursor): void {
  const covers: Partial<Record<ComparisonOperator, (value: string, part: string) => boolean>> = {
    startsWith: (value, part) => value.startsWith(part),
    endsWith: (value, part) => value.endsWith(part),
    contains: (value, part) => value.includes(part),
  };
  for (const [, group] of groupByTarget(operands, () => true)) {
    for (const exact of group.filter((c) => c.operator === 'eq')) {
      const wider = group.find((c) => c !== exact && covers[c.operator]?.(text(exact), text(c)));
      if (!wider) continue;
      cursor.log.warn('redundantCondition', `${cursor.source(exact.span)} is already covered by ${cursor.source(wider.span)}; remove it`, exact.span);
    }
  }
}

function groupByTarget(operands: readonly RuleNode[], keep: (c: Comparison) => boolean): Map<string, Comparison[]> {
  const groups = new Map<string, Comparison[]>();
  for (const operand of operands) {
    if (operand.kind !== 'comparison' || operand.value.kind !== 'string' || !keep(operand)) continue;
    if (operand.target.kind === 'property' && operand.target.property.type !== 'string') continue;
    const name = targetName(operand.target);
    groups.set(name, [...(groups.get(name) ?? []), operand]);
  }
  return groups;
}

function text(comparison: Comparison): string {
  return comparison.value.kind === 'string' ? comparison.value.value.toLowerCase() : '';
}
