// Test helper: a rule tree as compact text, so a test can state its structure (precedence, grouping) in one line.
import type { MembershipRule, RuleNode } from '../../../domain/membership-rules/index.js';
import { printMembershipRule } from '../../../domain/membership-rules/index.js';

/** `or(A, and(B, C))`, with leaves in canonical rule text. */
export function ruleShape(node: RuleNode): string {
  switch (node.kind) {
    case 'and':
    case 'or':
      return `${node.kind}(${node.operands.map(ruleShape).join(', ')})`;
    case 'not':
      return `not(${ruleShape(node.operand)})`;
    case 'quantifier':
      return `${node.quantifier}(${node.property.object}.${node.property.name}, ${ruleShape(node.body)})`;
    default:
      return printMembershipRule({ text: '', objectType: 'user', root: node, warnings: [] });
  }
}

/** A rule's meaning without where it was written: what print → parse must preserve. */
export function withoutPositions(rule: MembershipRule): unknown {
  return JSON.parse(JSON.stringify(rule.root, (key, value: unknown) => (key === 'span' ? undefined : value)));
}
