import { compileMembershipRule } from './compile-membership-rule.js';
import { DisplayNameSample, type PreviewSample } from './display-name-sample.js';
import type { MembershipRule, RuleSubject, RuleWarning } from './membership-rule.js';
import { rowsPerYield, runToEnd, type SlicedWork } from './sliced-work.js';
import { SubjectSnapshot } from './subject-snapshot.js';
import { TRUE, UNKNOWN } from './truth.js';

/** How many subjects fall in one bucket, and the first few by display name. */
export interface PreviewBucket {
  readonly count: number;
  readonly first: readonly PreviewSample[];
}

/** What a rule would do to a group over a whole directory snapshot. */
export interface RulePreview {
  /** Subjects the rule selects. */
  readonly matched: number;
  /** Subjects looked at. */
  readonly total: number;
  /** Selected, not yet members. */
  readonly wouldAdd: PreviewBucket;
  /** Members the rule no longer selects. */
  readonly wouldRemove: PreviewBucket;
  /** Members the rule keeps. */
  readonly unchanged: number;
  /** Subjects whose result depends on a value they lack (spec §11): counted apart, never guessed. */
  readonly undetermined: PreviewBucket;
  /** Current members the snapshot does not hold, so the rule could not be tried on them. */
  readonly notInDirectory: number;
  readonly elapsedMs: number;
  /** The time system.now stood for (spec §8.2: a preview states it). */
  readonly evaluatedAt: string;
  readonly warnings: readonly RuleWarning[];
  /** Set when the time budget ran out first: counts cover the first `checked` of `total` subjects only. */
  readonly cutShort?: { readonly checked: number };
}

/** Preview settings; `measure` returns milliseconds and defaults to performance.now. */
export interface PreviewOptions {
  readonly sample?: number;
  readonly now?: Date;
  readonly measure?: () => number;
  /** Stop after this many milliseconds and report how far it got (`cutShort`). */
  readonly budgetMs?: number;
}

/** Evaluates a rule over a directory (Graph JSON, or a prepared snapshot) against the group's current members. */
export function previewRule(
  rule: MembershipRule,
  subjects: readonly RuleSubject[] | SubjectSnapshot,
  currentMemberIds?: Iterable<string>,
  options: PreviewOptions = {},
): RulePreview {
  return runToEnd(previewRuleSteps(rule, subjects, currentMemberIds, options), options);
}

/**
 * The same preview as sliced work: it yields after every subject (so a rule whose evaluation is slow for
 * some users still pauses often), and a stop asked for at a yield ends it with the counts so far (`cutShort`).
 */
export function* previewRuleSteps(
  rule: MembershipRule,
  subjects: readonly RuleSubject[] | SubjectSnapshot,
  currentMemberIds?: Iterable<string>,
  { sample = 10, now = new Date(), measure = () => performance.now() }: PreviewOptions = {},
): SlicedWork<RulePreview> {
  const started = measure();
  const snapshot = subjects instanceof SubjectSnapshot ? subjects : new SubjectSnapshot(subjects);
  const evaluate = compileMembershipRule(rule).evaluator(snapshot, { now: now.getTime() });
  const members = new Uint8Array(snapshot.size);
  let notInDirectory = 0;
  let seen = 0;
  for (const id of currentMemberIds ?? []) {
    const index = snapshot.indexOf(id);
    if (index < 0) notInDirectory++;
    else members[index] = 1;
    if (++seen % rowsPerYield === 0) yield;
  }
  const names = snapshot.text(['displayName'], true);
  const [added, removed, unknown] = [new DisplayNameSample(sample, names), new DisplayNameSample(sample, names), new DisplayNameSample(sample, names)];
  let [matched, addCount, removeCount, unchanged, unknownCount] = [0, 0, 0, 0, 0];
  let i = 0;
  for (; i < snapshot.size; i++) {
    const truth = evaluate(i);
    if (truth === TRUE) {
      matched++;
      if (members[i] === 1) {
        unchanged++;
      } else {
        addCount++;
        added.offer(i);
      }
    } else if (truth === UNKNOWN) {
      unknownCount++;
      unknown.offer(i);
    } else if (members[i] === 1) {
      removeCount++;
      removed.offer(i);
    }
    if (yield) {
      i++;
      break;
    }
  }
  return {
    matched,
    total: snapshot.size,
    wouldAdd: { count: addCount, first: added.take(snapshot) },
    wouldRemove: { count: removeCount, first: removed.take(snapshot) },
    unchanged,
    undetermined: { count: unknownCount, first: unknown.take(snapshot) },
    notInDirectory,
    elapsedMs: measure() - started,
    evaluatedAt: now.toISOString(),
    warnings: rule.warnings,
    ...(i < snapshot.size ? { cutShort: { checked: i } } : {}),
  };
}
