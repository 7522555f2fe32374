import { describeClause, type ExplanationNode, type RuleExplanation } from '../../domain/membership-rules/index.js';
import type { Line, RuleClauseLine, RuleExplanationView, Tone } from '../../cards/card-view.js';

/** What an explanation card is made from. */
export interface ExplanationFacts {
  readonly personName: string;
  readonly groupName: string;
  readonly explanation: RuleExplanation;
  /** Whether the person is a member now (the rule's verdict may not have been processed yet). */
  readonly isMember: boolean;
  /** The person asked about themselves (`check me against …`): the card speaks to them. */
  readonly self?: boolean;
  readonly notes?: readonly Line[];
}

// A card of a few dozen lines stays readable; the rest is counted.
const maxClauses = 30;

/** Every clause of the rule with its result and the value it read, under a verdict line. */
export function ruleExplanationView(facts: ExplanationFacts): RuleExplanationView {
  const { root, verdict } = facts.explanation;
  const lines: RuleClauseLine[] = [];
  if (root.clause.kind === 'and' || root.clause.kind === 'or') root.children.forEach((child) => flatten(child, 0, lines));
  else flatten(root, 0, lines);
  const [title, tone] = verdictWords(facts);
  const joined = root.clause.kind === 'and' ? 'All conditions joined by -and must hold.' : root.clause.kind === 'or' ? 'At least one of the conditions joined by -or must hold.' : undefined;
  return {
    kind: 'ruleExplanation',
    title,
    tone,
    clauses: lines.slice(0, maxClauses),
    moreClauses: Math.max(0, lines.length - maxClauses),
    footer: [...(joined ? [[joined]] : []), ...(verdict === 'unknown' ? [[`A ❔ clause reads a value that's missing, so it's neither true nor false; ${facts.self ? "you're left as you are" : 'the user is left as they are'}.`]] : []), ...(facts.notes ?? [])],
  };
}

function verdictWords({ personName, groupName, explanation, isMember, self }: ExplanationFacts): [string, Tone] {
  if (self) return ownVerdictWords(groupName, explanation, isMember);
  switch (explanation.verdict) {
    case 'member':
      return isMember ? [`${personName} is in ${groupName}`, 'good'] : [`The rule matches ${personName}, who isn't in ${groupName} yet`, 'warning'];
    case 'notMember':
      return isMember ? [`${personName} is in ${groupName}, but the rule no longer matches`, 'warning'] : [`${personName} is not in ${groupName}`, 'default'];
    case 'unknown':
      return [`The rule can't decide for ${personName}`, 'warning'];
  }
}

/** The verdict said to the person it is about. */
function ownVerdictWords(groupName: string, explanation: RuleExplanation, isMember: boolean): [string, Tone] {
  switch (explanation.verdict) {
    case 'member':
      return isMember ? [`You're in ${groupName}`, 'good'] : [`The rule matches you, but you're not in ${groupName} yet`, 'warning'];
    case 'notMember':
      return isMember ? [`You're in ${groupName}, but the rule no longer matches you`, 'warning'] : [`You're not in ${groupName}`, 'default'];
    case 'unknown':
      return ["The rule can't decide for you", 'warning'];
  }
}

function flatten(node: ExplanationNode, depth: number, out: RuleClauseLine[]): void {
  const { clause } = node;
  if (clause.kind === 'and' || clause.kind === 'or') {
    out.push({ depth, result: node.result, expression: node.expression, words: clause.kind === 'and' ? 'all of these must hold:' : 'at least one of these must hold:' });
    node.children.forEach((child) => flatten(child, depth + 1, out));
    return;
  }
  if (clause.kind === 'not') {
    out.push({ depth, result: node.result, expression: node.expression, words: 'holds when this does not:' });
    node.children.forEach((child) => flatten(child, depth + 1, out));
    return;
  }
  // -any/-all read as one clause; their per-item children would be a wall of lines.
  out.push({ depth, result: node.result, expression: node.expression, words: describeClause(node) });
}
