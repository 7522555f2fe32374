import { compileMembershipRule } from './compile-membership-rule.js';
import type { MembershipRule, RuleSubject } from './membership-rule.js';
import { runToEnd, type SlicedWork } from './sliced-work.js';
import { SubjectSnapshot } from './subject-snapshot.js';

/**
 * Prepares a directory snapshot for previews: normalises, once, display names and every field the given rules read.
 * Other fields are normalised on first use; reuse the snapshot for every preview of the same directory state.
 */
export function prepareSubjects(subjects: readonly RuleSubject[], rules: readonly MembershipRule[] = []): SubjectSnapshot {
  const snapshot = new SubjectSnapshot(subjects);
  runToEnd(prepareColumns(snapshot, rules));
  return snapshot;
}

/**
 * Builds, as sliced work, what previewing `rules` on `snapshot` needs: display names, every column the
 * rules read, and with `ids` the id index (a preview against a group's members looks each one up).
 */
export function* prepareColumns(snapshot: SubjectSnapshot, rules: readonly MembershipRule[], { ids = false }: { readonly ids?: boolean } = {}): SlicedWork<void> {
  // Binding to an empty snapshot costs nothing and records which columns the rules read.
  const plan = new SubjectSnapshot([]);
  plan.text(['displayName'], true);
  // Binding a compiled rule fetches (so builds) its columns; the clock is not read while binding.
  for (const rule of rules) {
    const compiled = compileMembershipRule(rule);
    compiled.evaluator(plan, { now: 0 });
    // The value indexes it narrows its rows with, too.
    compiled.candidates(plan);
  }
  yield* snapshot.buildColumnsOf(plan, { ids });
}
