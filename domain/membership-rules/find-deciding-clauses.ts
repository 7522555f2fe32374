import type { ExplanationNode, RuleExplanation } from './explain-rule.js';

/**
 * The clauses that decided the verdict, for chat: for a non-member the failing conditions,
 * for a member the ones that held, for an unknown verdict the undetermined ones. -any/-all count as one clause.
 */
export function findDecidingClauses(explanation: RuleExplanation): readonly ExplanationNode[] {
  return collect(explanation.root);
}

function collect(node: ExplanationNode): ExplanationNode[] {
  const { clause } = node;
  if (clause.kind === 'not') return node.children.flatMap(collect);
  // An -and is decided by its false operands, an -or by its true ones; either way, by those sharing its result.
  if (clause.kind === 'and' || clause.kind === 'or') return node.children.filter((child) => child.result === node.result).flatMap(collect);
  return [node];
}
