import type { DirectoryGroup } from '../model/directory-group.js';
import { StoreUnavailableError } from '../ports/store.js';
import { reviewKeys, undecided, type AccessReview } from './access-review.js';
import type { AccessReviewPorts } from './access-review-ports.js';
import { carryOutRemovals, owesRemovals } from './carry-out-removals.js';
import { closeReview } from './close-review.js';
import { claimDueSchedule, type ReviewSchedule } from './review-schedule.js';
import { cardHolders } from './review-routing.js';
import { openAccessReview } from './start-access-review.js';

/** What one sweep of access reviews did, for logs and tests. */
export interface ReviewSweepReport {
  readonly opened: number;
  readonly reminded: number;
  readonly closed: number;
  readonly removed: number;
  readonly failed: readonly { readonly id: string; readonly error: unknown }[];
}

const day = 86_400_000;

/**
 * The periodic pass over access reviews, reading only two index sets (open reviews, groups with
 * a schedule) and the records they name, so an idle tenant of any size costs two reads: opens the
 * reviews schedules make due, reminds reviewers a day before the end, closes reviews whose date
 * came (the default for unanswered members), carries out the removals owed (once each across
 * instances; one a crash cut short is taken over after `graceMs`), and drops settled reviews from the index.
 */
export async function sweepAccessReviews(ports: AccessReviewPorts, graceMs: number): Promise<ReviewSweepReport> {
  const [openIds, scheduled] = await Promise.all([ports.store.setMembers(reviewKeys.open), ports.store.setMembers(reviewKeys.schedules)]);
  const report = { opened: 0, reminded: 0, closed: 0, removed: 0, failed: [] as Array<ReviewSweepReport['failed'][number]> };
  const guarded = async (id: string, step: () => Promise<void>) => {
    try {
      await step();
    } catch (error) {
      if (error instanceof StoreUnavailableError) throw error;
      report.failed.push({ id, error });
    }
  };
  const reviews = openIds.length > 0 ? await ports.store.getMany<AccessReview>(openIds.map(reviewKeys.one)) : [];
  for (const [i, review] of reviews.entries()) {
    await guarded(openIds[i]!, async () => {
      if (!review) return void (await ports.store.write([{ removeFrom: reviewKeys.open, members: [openIds[i]!] }]));
      const step = await sweepOne(ports, review, graceMs);
      report.reminded += step.reminded;
      report.closed += step.closed;
      report.removed += step.removed;
    });
  }
  const schedules = scheduled.length > 0 ? await ports.store.getMany<ReviewSchedule>(scheduled.map((g) => reviewKeys.schedule(g as DirectoryGroup['id']))) : [];
  for (const [i, schedule] of schedules.entries()) {
    await guarded(scheduled[i]!, async () => {
      if (await openScheduled(ports, schedule)) report.opened++;
    });
  }
  return report;
}

async function sweepOne(ports: AccessReviewPorts, review: AccessReview, graceMs: number) {
  const now = ports.clock.now();
  let reminded = 0;
  let closed = 0;
  let current = review;
  if (current.status === 'open' && now.getTime() >= Date.parse(current.endsAt) - day && now.getTime() < Date.parse(current.endsAt) && !current.remindedAt) {
    const claimed = await ports.store.update<AccessReview, AccessReview | undefined>(reviewKeys.one(review.id), (stored) =>
      stored && stored.status === 'open' && !stored.remindedAt ? { next: { ...stored, remindedAt: now.toISOString() }, result: { ...stored, remindedAt: now.toISOString() } } : { result: undefined },
    );
    const waiting = claimed ? undecided(claimed) : [];
    if (claimed && waiting.length > 0) {
      // Only reviewers with members still to decide are reminded.
      await ports.tell.askReviewers(claimed, cardHolders(claimed, new Set(waiting)), true);
      reminded++;
    }
  }
  const close = current.status === 'open' ? await ports.store.update<AccessReview, ReturnType<typeof closeReview>>(reviewKeys.one(review.id), (stored) => {
    const done = closeReview(stored, now);
    return done ? { next: done.review, result: done } : { result: undefined };
  }) : undefined;
  if (close) {
    closed++;
    current = close.review;
    await ports.store.update<string, void>(reviewKeys.ofGroup(current.groupId), (holder) => (holder === current.id ? { next: null, result: undefined } : { result: undefined }));
    await ports.audit?.append({
      at: now.toISOString(), action: 'review.closed', groupId: current.groupId,
      details: { review: current.id, unanswered: current.unanswered, defaulted: close.defaulted.length },
    });
  }
  if (current.status === 'closed' && current.adminsOwed) await tellAdmins(ports, current);
  const owed = owesRemovals(current);
  const removed = await carryOutRemovals(ports, current, graceMs);
  const settled = (await ports.store.get<AccessReview>(reviewKeys.one(current.id))) ?? current;
  // The reviewers' cards show the end and what was removed, once the removals are through.
  if (close || (owed && !owesRemovals(settled))) ports.defer(() => ports.tell.reviewChanged(settled));
  if (settled.status === 'closed' && !owesRemovals(settled) && !settled.adminsOwed) {
    await ports.store.write([{ removeFrom: reviewKeys.open, members: [settled.id] }]);
  }
  return { reminded, closed, removed };
}

/** Tells admins who nobody answered for, then marks them told (a failure is retried by the next sweep). */
async function tellAdmins(ports: AccessReviewPorts, review: AccessReview): Promise<void> {
  await ports.tell.unansweredToAdmins(review, undecided(review));
  await ports.store.update<AccessReview, void>(reviewKeys.one(review.id), (stored) => {
    if (!stored?.adminsOwed) return { result: undefined };
    const { adminsOwed: _told, ...rest } = stored;
    return { next: rest, result: undefined };
  });
}

/** Opens a schedule's next review when it is due (claimed first, so once across instances). */
async function openScheduled(ports: AccessReviewPorts, schedule: ReviewSchedule | undefined): Promise<boolean> {
  if (!schedule || ports.clock.now().getTime() < Date.parse(schedule.nextAt)) return false;
  const now = ports.clock.now();
  const claimed = await ports.store.update<ReviewSchedule, boolean>(reviewKeys.schedule(schedule.groupId), (stored) => {
    const next = claimDueSchedule(stored, now);
    return next ? { next, result: true } : { result: false };
  });
  if (!claimed) return false;
  const group = await ports.directory.getGroup(schedule.groupId);
  if (!group) return false;
  return (await openAccessReview(ports, group, schedule.setBy, schedule.options)).ok;
}
