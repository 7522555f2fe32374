import { quote } from './check-comparison.js';
import type { MembershipRule, RuleNode, RuleValue } from './membership-rule.js';
import { operatorText } from './rule-operators.js';
import { targetName } from './target-name.js';

/** Canonical rule text: Microsoft's spellings, minimal parentheses; parsing it gives the same rule back. */
export function printMembershipRule(rule: MembershipRule): string {
  return printRuleNode(rule.root);
}

/** A value in canonical rule text: `"Sales"`, `["US", "CA"]`, `null`, `system.now -plus P1D`. */
export function printRuleValue(value: RuleValue): string {
  switch (value.kind) {
    case 'string': return quote(value.value);
    case 'list': return `[${value.items.map(quote).join(', ')}]`;
    case 'null': return 'null';
    case 'boolean': return String(value.value);
    case 'dateTime': return value.text;
    case 'now': return value.plus ? `system.now -plus ${value.plus.text}` : 'system.now';
  }
}

/** One clause in canonical rule text. */
export function printRuleNode(node: RuleNode): string {
  switch (node.kind) {
    case 'and':
    case 'or':
      return node.operands.map((operand) => printOperand(operand, node.kind)).join(` ${operatorText(node.kind)} `);
    case 'not':
      return `-not (${printRuleNode(node.operand)})`;
    case 'quantifier':
      return `${node.property.object}.${node.property.name} ${operatorText(node.quantifier)} (${printRuleNode(node.body)})`;
    case 'directReports':
      return `Direct Reports for ${quote(node.managerId)}`;
    case 'comparison':
      // memberOf lists keep Microsoft's documented single quotes.
      if (node.target.kind === 'item' && node.target.field === 'objectId' && node.value.kind === 'list') {
        return `group.objectId -in [${node.value.items.map((id) => `'${id.replaceAll("'", "''")}'`).join(', ')}]`;
      }
      return `${targetName(node.target)} ${operatorText(node.operator)} ${printRuleValue(node.value)}`;
  }
}

// Parentheses where precedence needs them, around a nested chain of the same kind (to keep the tree as it was),
// and around -any/-all clauses so they never trigger the "add parentheses" warning.
function printOperand(operand: RuleNode, parent: 'and' | 'or'): string {
  const text = printRuleNode(operand);
  const bare = operand.kind === 'comparison' || operand.kind === 'not' || (operand.kind === 'and' && parent === 'or');
  return bare ? text : `(${text})`;
}
