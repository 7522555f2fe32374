import type { AccessReview } from './access-review.js';

/** The counts a summary card shows: "38 of 52 reviewed: 30 kept, 8 to remove, 14 left". */
export interface ReviewSummary {
  readonly total: number;
  readonly reviewed: number;
  readonly kept: number;
  /** Members a decision removes, removed already or not. */
  readonly toRemove: number;
  readonly removed: number;
  /** Members the removal skipped because they had left meanwhile. */
  readonly skipped: number;
  readonly left: number;
}

/** Counts a review's decisions and removals. */
export function summarizeReview(review: AccessReview): ReviewSummary {
  const verdicts = review.members.map((m) => review.decisions[m]?.verdict);
  const steps = Object.values(review.removalSteps);
  const kept = verdicts.filter((v) => v === 'keep').length;
  const toRemove = verdicts.filter((v) => v === 'remove').length;
  return {
    total: review.members.length,
    reviewed: kept + toRemove,
    kept,
    toRemove,
    removed: steps.filter((s) => s.state === 'removed').length,
    skipped: steps.filter((s) => s.state === 'skipped').length,
    left: review.members.length - kept - toRemove,
  };
}
