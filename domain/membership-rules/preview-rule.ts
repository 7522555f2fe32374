import { compileMembershipRule } from './compile-membership-rule.js';
import { DisplayNameSample, type PreviewSample } from './display-name-sample.js';
import type { MembershipRule, RuleSubject, RuleWarning } from './membership-rule.js';
import { markMembers } from './mark-members.js';
import { mergeRows } from './value-index.js';
import type { MembershipChanges } from './membership-changes.js';
import { runToEnd, type SlicedWork } from './sliced-work.js';
import { SubjectSnapshot } from './subject-snapshot.js';
import { TRUE, type Truth, UNKNOWN } from './truth.js';

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
  /** Every id to add and to remove, when asked for (`changes`) and the preview was not cut short. */
  readonly changes?: MembershipChanges;
}

/** Preview settings; `measure` returns milliseconds and defaults to performance.now. */
export interface PreviewOptions {
  readonly sample?: number;
  readonly now?: Date;
  readonly measure?: () => number;
  /** Stop after this many milliseconds and report how far it got (`cutShort`). */
  readonly budgetMs?: number;
  /** Also list every id to add and to remove (`changes`): a license forecast needs them all, not a sample. */
  readonly changes?: boolean;
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
 * The same preview as sliced work, one pass over the rows that need it: every row, or with a rule that
 * narrows its rows by value (`candidates`: `department -eq "Sales"` -and ...) only those and the members,
 * so its cost follows what the rule can match and the group's size rather than the directory's. It yields
 * after every subject when the rule runs a pattern and every few hundred otherwise (`subjectsPerYield`), and
 * a stop asked for at a yield ends it with the counts so far (`cutShort`).
 */
export function* previewRuleSteps(
  rule: MembershipRule,
  subjects: readonly RuleSubject[] | SubjectSnapshot,
  currentMemberIds?: Iterable<string>,
  { sample = 10, now = new Date(), measure = () => performance.now(), changes = false }: PreviewOptions = {},
): SlicedWork<RulePreview> {
  const started = measure();
  const snapshot = subjects instanceof SubjectSnapshot ? subjects : new SubjectSnapshot(subjects);
  const compiled = compileMembershipRule(rule);
  const evaluate = compiled.evaluator(snapshot, { now: now.getTime() });
  const { members, rows, notInDirectory } = yield* markMembers(snapshot, currentMemberIds ?? []);
  const tally = new PreviewTally(snapshot, members, sample, changes);
  // The rows that need evaluating, ascending (undefined: all): the rule's candidates and the members, whom a
  // rule false for them would remove. Every other row is decided, false and no member, so it counts nowhere.
  const order = visitOrder(compiled.candidates(snapshot), rows);
  const count = order?.length ?? snapshot.size;
  let k = 0;
  while (k < count) {
    for (const end = Math.min(count, k + compiled.subjectsPerYield); k < end; k++) {
      const i = order ? order[k]! : k;
      tally.count(i, evaluate(i));
    }
    if (yield) break;
  }
  const cutShort = k < count;
  return {
    ...tally.buckets(), total: snapshot.size, notInDirectory,
    elapsedMs: measure() - started,
    evaluatedAt: now.toISOString(),
    warnings: rule.warnings,
    ...(cutShort ? { cutShort: { checked: snapshot.size - count + k } } : {}),
    ...(changes && !cutShort ? { changes: tally.changes() } : {}),
  };
}

function visitOrder(candidates: Int32Array | undefined, memberRows: readonly number[]): Int32Array | undefined {
  // A member the rule may match is in both: the merge keeps each row once.
  if (!candidates || memberRows.length === 0) return candidates;
  return mergeRows([candidates, Int32Array.from(memberRows).sort()]);
}

// The counts, the first names of each bucket and, when asked, every id added and removed, as subjects are evaluated.
class PreviewTally {
  private matched = 0;
  private unchanged = 0;
  private readonly added: DisplayNameSample;
  private readonly removed: DisplayNameSample;
  private readonly unknown: DisplayNameSample;
  private readonly counts = { add: 0, remove: 0, unknown: 0 };
  private readonly ids: { readonly add: string[]; readonly remove: string[] } | undefined;

  constructor(private readonly snapshot: SubjectSnapshot, private readonly members: Uint8Array, sample: number, listChanges: boolean) {
    const names = snapshot.text(['displayName'], true);
    [this.added, this.removed, this.unknown] = [new DisplayNameSample(sample, names), new DisplayNameSample(sample, names), new DisplayNameSample(sample, names)];
    this.ids = listChanges ? { add: [], remove: [] } : undefined;
  }

  count(i: number, truth: Truth): void {
    if (truth === TRUE) {
      this.matched++;
      if (this.members[i] === 1) return void this.unchanged++;
      this.counts.add++;
      this.added.offer(i);
      this.ids?.add.push(String(this.snapshot.subject(i).id));
    } else if (truth === UNKNOWN) {
      this.counts.unknown++;
      this.unknown.offer(i);
    } else if (this.members[i] === 1) {
      this.counts.remove++;
      this.removed.offer(i);
      this.ids?.remove.push(String(this.snapshot.subject(i).id));
    }
  }

  buckets(): Pick<RulePreview, 'matched' | 'wouldAdd' | 'wouldRemove' | 'unchanged' | 'undetermined'> {
    const { snapshot, counts } = this;
    return {
      matched: this.matched,
      wouldAdd: { count: counts.add, first: this.added.take(snapshot) },
      wouldRemove: { count: counts.remove, first: this.removed.take(snapshot) },
      unchanged: this.unchanged,
      undetermined: { count: counts.unknown, first: this.unknown.take(snapshot) },
    };
  }

  changes(): MembershipChanges {
    return { add: this.ids?.add ?? [], remove: this.ids?.remove ?? [], undetermined: this.counts.unknown };
  }
}
