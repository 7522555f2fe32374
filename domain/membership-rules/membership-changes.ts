import type { MembershipRule } from './membership-rule.js';
import { previewRuleSteps } from './preview-rule.js';
import { runToEnd, type SlicedWork } from './sliced-work.js';
import type { SubjectSnapshot } from './subject-snapshot.js';

/** What applying a rule to a group changes: every id to add and to remove (not a sample, unlike a preview). */
export interface MembershipChanges {
  readonly add: readonly string[];
  readonly remove: readonly string[];
  /** Subjects the rule can't decide for (a value is missing): left as they are, as a preview counts them apart. */
  readonly undetermined: number;
}

/**
 * The adds and removes that bring a group's members in line with its rule, over a whole snapshot.
 * Exactly the subjects a preview counts as would-add and would-remove: undetermined ones are
 * neither added nor removed, and members the snapshot does not hold are left alone.
 */
export function membershipChanges(rule: MembershipRule, snapshot: SubjectSnapshot, currentMemberIds: Iterable<string>, now: Date): MembershipChanges {
  return runToEnd(membershipChangeSteps(rule, snapshot, currentMemberIds, now));
}

/** The same as sliced work: the preview's own pass, listing every change. It has no partial answer, so it never stops early. */
export function* membershipChangeSteps(rule: MembershipRule, snapshot: SubjectSnapshot, currentMemberIds: Iterable<string>, now: Date): SlicedWork<MembershipChanges> {
  const preview = previewRuleSteps(rule, snapshot, currentMemberIds, { sample: 0, now, changes: true });
  for (;;) {
    const step = preview.next(false);
    if (step.done) return step.value.changes!;
    yield;
  }
}
