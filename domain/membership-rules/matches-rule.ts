import { compileMembershipRule } from './compile-membership-rule.js';
import type { MembershipRule, RuleSubject } from './membership-rule.js';
import { SubjectSnapshot } from './subject-snapshot.js';
import { type RuleResult, truthResult } from './truth.js';

/** The rule's three-valued result for one Graph user or device: undetermined when it depends on a missing value. */
export function evaluateRule(rule: MembershipRule, subject: RuleSubject, now: Date = new Date()): RuleResult {
  const evaluate = compileMembershipRule(rule).evaluator(new SubjectSnapshot([subject]), { now: now.getTime() });
  return truthResult(evaluate(0));
}

/** True when the subject is a member under the rule; an undetermined result is not membership. */
export function matchesRule(rule: MembershipRule, subject: RuleSubject, now: Date = new Date()): boolean {
  return evaluateRule(rule, subject, now) === true;
}
