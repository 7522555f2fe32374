import { compileMembershipRule } from './compile-membership-rule.js';
import type { MembershipRule } from './membership-rule.js';
import { rowsPerYield, runToEnd, type SlicedWork } from './sliced-work.js';
import type { SubjectSnapshot } from './subject-snapshot.js';
import { FALSE, TRUE } from './truth.js';

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

/** The same as sliced work (yields after every subject). It has no partial answer, so it never stops early. */
export function* membershipChangeSteps(rule: MembershipRule, snapshot: SubjectSnapshot, currentMemberIds: Iterable<string>, now: Date): SlicedWork<MembershipChanges> {
  const evaluate = compileMembershipRule(rule).evaluator(snapshot, { now: now.getTime() });
  const members = new Uint8Array(snapshot.size);
  let seen = 0;
  for (const id of currentMemberIds) {
    const index = snapshot.indexOf(id);
    if (index >= 0) members[index] = 1;
    if (++seen % rowsPerYield === 0) yield;
  }
  const add: string[] = [];
  const remove: string[] = [];
  let undetermined = 0;
  for (let i = 0; i < snapshot.size; i++) {
    const truth = evaluate(i);
    if (truth === TRUE && members[i] === 0) add.push(String(snapshot.subject(i).id));
    else if (truth === FALSE && members[i] === 1) remove.push(String(snapshot.subject(i).id));
    else if (truth !== TRUE && truth !== FALSE) undetermined++;
    yield;
  }
  return { add, remove, undetermined };
}
