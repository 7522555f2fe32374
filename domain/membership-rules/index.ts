// Entra ID dynamic-membership rules: parse, evaluate, explain, preview, print, and index for change processing.
// Pure: no I/O, no clock reads beyond one default `now` per call.
export type {
  ComparisonOperator, IsoDuration, ItemField, MembershipRule, ParseMembershipRuleResult, RuleError, RuleErrorCode,
  RuleNode, RuleObjectType, RuleProblem, RuleProperty, RulePropertyType, RuleSpan, RuleSubject, RuleTarget, RuleValue,
  RuleWarning, RuleWarningCode,
} from './membership-rule.js';
export { parseMembershipRule, ruleLengthLimit } from './parse-membership-rule.js';
export { evaluateRule, matchesRule } from './matches-rule.js';
export type { RuleResult } from './truth.js';
export { explainRule, type ExplanationNode, type PropertyRead, type RuleExplanation } from './explain-rule.js';
export { describeClause } from './describe-clause.js';
export { findDecidingClauses } from './find-deciding-clauses.js';
export { compileMembershipRule, type CompiledMembershipRule } from './compile-membership-rule.js';
export { SubjectSnapshot } from './subject-snapshot.js';
export { prepareColumns, prepareSubjects } from './prepare-subjects.js';
export { previewRule, previewRuleSteps, type PreviewBucket, type PreviewOptions, type RulePreview } from './preview-rule.js';
export type { PreviewSample } from './display-name-sample.js';
export { printMembershipRule } from './print-membership-rule.js';
export { ruleReads, type RuleRead, type RuleReads } from './rule-reads.js';
export { indexRulesByProperty, RuleIndex, type DynamicGroupRule, type GroupEvaluation } from './index-rules-by-property.js';
export { membershipChangeSteps, membershipChanges, type MembershipChanges } from './membership-changes.js';
export { runToEnd, type SlicedWork, type WorkBudget } from './sliced-work.js';
