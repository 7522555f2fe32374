import { compileMembershipRule } from './compile-membership-rule.js';
import type { MembershipRule, RuleSubject } from './membership-rule.js';
import { SubjectSnapshot } from './subject-snapshot.js';

/**
 * Prepares a directory snapshot for previews: normalises, once, display names and every field the given rules read.
 * Other fields are normalised on first use; reuse the snapshot for every preview of the same directory state.
 */
export function prepareSubjects(subjects: readonly RuleSubject[], rules: readonly MembershipRule[] = []): SubjectSnapshot {
  const snapshot = new SubjectSnapshot(subjects);
  snapshot.text(['displayName'], true);
  // Binding a compiled rule fetches (so builds) its columns; the clock is not read while binding.
  for (const rule of rules) compileMembershipRule(rule).evaluator(snapshot, { now: 0 });
  return snapshot;
}
