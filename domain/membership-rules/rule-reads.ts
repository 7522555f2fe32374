import type { MembershipRule, RuleNode } from './membership-rule.js';
import { graphFieldName } from './read-graph-value.js';

/** A property a rule reads, by rule name and by Graph JSON field. */
export interface RuleRead {
  readonly propertyName: string;
  readonly graphField: string;
}

/** What a rule depends on: the Graph fields it reads, and whether it reads the clock (system.now). */
export interface RuleReads {
  readonly fields: readonly RuleRead[];
  readonly usesNow: boolean;
}

/** Lists what a rule reads, so only the rules reading a changed field are re-evaluated. */
export function ruleReads(rule: MembershipRule): RuleReads {
  const fields = new Map<string, RuleRead>();
  let usesNow = false;
  const visit = (node: RuleNode): void => {
    switch (node.kind) {
      case 'and':
      case 'or':
        return node.operands.forEach(visit);
      case 'not':
        return visit(node.operand);
      case 'quantifier':
        add(node.property.name, graphFieldName(node.property.graphPath));
        return;
      case 'directReports':
        return add('manager', 'manager.id');
      case 'comparison':
        usesNow ||= node.value.kind === 'now';
        // Item references are read through their collection; a property Graph lacks reads nothing.
        if (node.target.kind === 'property' && node.target.property.graphPath.length > 0) {
          add(node.target.property.name, graphFieldName(node.target.property.graphPath));
        }
    }
  };
  const add = (propertyName: string, graphField: string): void => void fields.set(graphField, { propertyName, graphField });
  visit(rule.root);
  return { fields: [...fields.values()], usesNow };
}
