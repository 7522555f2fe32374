import { positiveOperator } from './check-comparison.js';
import type { ExplanationNode } from './explain-rule.js';
import type { ComparisonOperator } from './membership-rule.js';
import { printRuleNode, printRuleValue } from './print-membership-rule.js';

// How each positive operator reads in a sentence, when it holds and when it does not.
const verbs: Partial<Record<ComparisonOperator, readonly [holds: string, fails: string]>> = {
  startsWith: ['starts with', "doesn't start with"],
  endsWith: ['ends with', "doesn't end with"],
  contains: ['contains', "doesn't contain"],
  match: ['matches', "doesn't match"],
  le: ['is on or before', 'is after'],
  ge: ['is on or after', 'is before'],
};

/** One clause of an explanation in plain words for chat: `country is "AU", not "NZ"`, `department has no value`. */
export function describeClause(node: ExplanationNode): string {
  const { clause, result, property } = node;
  if (clause.kind === 'directReports') {
    if (property?.propertyValue == null) return 'has no manager';
    return result === true ? `manager is ${show(property.propertyValue)}` : `manager is ${show(property.propertyValue)}, not "${clause.managerId}"`;
  }
  if (clause.kind === 'quantifier') return describeQuantifier(node);
  if (clause.kind !== 'comparison' || !property) return node.expression;
  const name = property.propertyName;
  const target = clause.target;
  if (target.kind === 'property' && target.property.availability === 'unreadable') return `${name} can't be read through Microsoft Graph`;
  if (target.kind === 'property' && target.property.availability === 'retired') return `${name} is no longer supported, so nothing matches it`;
  const value = property.propertyValue;
  if (node.inferred) return describeCollection(node);
  if (value == null) return `${name} has no value`;
  const positive = positiveOperator(clause.operator) ?? clause.operator;
  if (clause.value.kind === 'null') return `${name} is ${show(value)}`;
  if (result === 'undetermined') return `${name} is ${show(value)}, which GroupGate can't compare with ${printRuleValue(clause.value)}`;
  // The positive operator holds exactly when a positive clause is true or a negated one is false.
  const holds = (result === true) === (positive === clause.operator);
  const expected = printRuleValue(clause.value);
  if (positive === 'eq') return holds ? `${name} is ${show(value)}` : `${name} is ${show(value)}, not ${expected}`;
  if (positive === 'in') return holds ? `${name} is ${show(value)}` : `${name} is ${show(value)}, not one of ${expected.slice(1, -1)}`;
  const [yes, no] = verbs[positive] ?? ['is', 'is not'];
  return `${name} is ${show(value)}, which ${holds ? yes : no} ${expected}`;
}

function describeCollection(node: ExplanationNode): string {
  const { clause, result, property } = node;
  if (clause.kind !== 'comparison' || !property) return node.expression;
  const items = Array.isArray(property.propertyValue) ? property.propertyValue : [];
  const positive = positiveOperator(clause.operator) ?? clause.operator;
  const someItemHolds = (result === true) === (positive === clause.operator);
  const verb = positive === 'eq' ? 'is' : positive === 'in' ? 'is one of' : verbs[positive]![0];
  const shown = items.length === 0 ? `${property.propertyName} is empty` : `${property.propertyName} is ${items.map(show).join(', ')}`;
  if (result === 'undetermined') return `${shown}; some items have no value`;
  return `${shown}: ${someItemHolds ? 'an' : 'no'} item ${verb} ${printRuleValue(clause.value)}`;
}

function describeQuantifier(node: ExplanationNode): string {
  const { clause, result, property, children } = node;
  if (clause.kind !== 'quantifier') return node.expression;
  const name = property?.propertyName ?? clause.property.name;
  if (clause.property.type === 'memberOf') {
    return result === true ? 'is a direct member of a listed group' : 'is not a direct member of any listed group';
  }
  const condition = printRuleNode(clause.body);
  if (children.length === 0) return `${name} is empty`;
  if (result === 'undetermined') return `${name}: some items have no value to compare`;
  const matching = children.filter((child) => child.result === true).length;
  if (clause.quantifier === 'any') return result === true ? `${name} has an item where ${condition}` : `${name} has no item where ${condition}`;
  return result === true ? `every item of ${name} has ${condition}` : `${children.length - matching} of ${children.length} items of ${name} fail ${condition}`;
}

function show(value: unknown): string {
  return typeof value === 'string' ? `"${value}"` : String(value);
}
