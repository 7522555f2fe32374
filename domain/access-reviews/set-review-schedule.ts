import type { GroupId, UserId } from '../model/ids.js';
import type { Store } from '../ports/store.js';
import { reviewKeys } from './access-review.js';
import type { ReviewSchedule } from './review-schedule.js';
import type { ReviewOptions } from './start-access-review.js';

const day = 86_400_000;

/**
 * Stores (or replaces) a group's review schedule, with the schedules index, in one atomic batch:
 * the next review opens one beat from now (the one started with it is this beat's).
 */
export async function setReviewSchedule(store: Store, groupId: GroupId, setBy: UserId, options: ReviewOptions & { readonly everyDays: number }, now: Date): Promise<ReviewSchedule> {
  const schedule: ReviewSchedule = { groupId, setBy, setAt: now.toISOString(), nextAt: new Date(now.getTime() + options.everyDays * day).toISOString(), options };
  await store.write([{ put: reviewKeys.schedule(groupId), value: schedule }, { addTo: reviewKeys.schedules, members: [groupId] }]);
  return schedule;
}
