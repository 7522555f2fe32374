import { describeClause, findDecidingClauses, type ExplanationNode, type RuleExplanation } from '../../domain/membership-rules/index.js';
import { italic, type Line, type Span } from '../../cards/card-view.js';

/** A rule property as people say it: jobTitle → "job title", extensionAttribute3 → "extension attribute 3". */
export const attributeWords = (name: string) => name.replace(/([a-z])([A-Z0-9])/g, '$1 $2').toLowerCase();

// More than this many failing clauses reads as a wall; the check command shows them all.
const maxReasons = 3;

/**
 * Why a requester is not matched by a dynamic group's rule, in the requester's words:
 * "You're not in it because your country is *AU*, and the rule needs *NZ*."
 */
export function notMatchedLine(explanation: RuleExplanation): Line {
  if (explanation.verdict === 'member') return ["The rule already matches you, so you'll be added as soon as it's next processed."];
  const deciding = findDecidingClauses(explanation);
  const shown = deciding.slice(0, maxReasons);
  const reasons = shown.flatMap((node, i) => [...(i === 0 ? [] : ['; and ']), ...reason(node)]);
  const more = deciding.length > shown.length ? [` (and ${deciding.length - shown.length} more — type `, { code: 'check me against …' }, ' to see them all)'] : [];
  const lead = explanation.verdict === 'unknown' ? "The rule can't tell whether you belong, because " : "You're not in it because ";
  return [lead, ...reasons, ...more, '.'];
}

/** One deciding clause about "you". */
function reason(node: ExplanationNode): Span[] {
  const { clause, property } = node;
  if (clause.kind !== 'comparison' || clause.target.kind !== 'property' || !property || node.inferred) return [`your ${describeClause(node)}`];
  const name = attributeWords(clause.target.property.name);
  const value = property.propertyValue;
  const shown = typeof value === 'string' ? value : value == null ? undefined : String(value);
  const has: Span[] = shown === undefined ? [`you have no ${name}`] : [`your ${name} is `, italic(shown)];
  switch (clause.operator) {
    case 'eq':
      return clause.value.kind === 'string' ? [...has, ', and the rule needs ', italic(clause.value.value)] : [`your ${describeClause(node)}`];
    case 'in':
      return clause.value.kind === 'list' ? [...has, ', and the rule needs one of ', ...list(clause.value.items)] : [`your ${describeClause(node)}`];
    case 'ne':
      return clause.value.kind === 'string' ? [...has, ', and the rule needs anything but that'] : [`your ${describeClause(node)}`];
    default:
      return [`your ${describeClause(node)}`];
  }
}

function list(items: readonly string[]): Span[] {
  const shown = items.slice(0, 5);
  return [...shown.flatMap((item, i) => [...(i === 0 ? [] : [', ']), italic(item)]), ...(items.length > shown.length ? [` and ${items.length - shown.length} more`] : [])];
}
