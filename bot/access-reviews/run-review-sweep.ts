import { sweepAccessReviews, type ReviewSweepReport } from '../../domain/access-reviews/sweep-access-reviews.js';
import type { GroupGate } from '../group-gate.js';
import { reviewPorts } from './review-ports.js';

/** One sweep of access reviews; a review it could not carry through is logged and tried again next time. */
export async function runReviewSweep(gate: GroupGate, graceMs: number): Promise<ReviewSweepReport> {
  const report = await sweepAccessReviews(reviewPorts(gate), graceMs);
  for (const { id, error } of report.failed) gate.logger.warn({ review: id, err: error }, 'could not carry an access review through; the next sweep tries again');
  return report;
}
