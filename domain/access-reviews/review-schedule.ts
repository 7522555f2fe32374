import type { GroupId, UserId } from '../model/ids.js';
import type { ReviewOptions } from './start-access-review.js';

/** A group reviewed on a beat (`review <group> every 90d`): the next review opens at `nextAt`. */
export interface ReviewSchedule {
  readonly groupId: GroupId;
  readonly setBy: UserId;
  readonly setAt: string;
  readonly nextAt: string;
  readonly options: ReviewOptions & { readonly everyDays: number };
}

const day = 86_400_000;

/**
 * Claims a due schedule's next review, pure for the store's atomic update: moves `nextAt` on by
 * its beat (from now, if several beats were missed), so instances sweeping at once open one.
 */
export function claimDueSchedule(schedule: ReviewSchedule | undefined, now: Date): ReviewSchedule | undefined {
  if (!schedule || now.getTime() < Date.parse(schedule.nextAt)) return undefined;
  const every = schedule.options.everyDays * day;
  const next = Math.max(Date.parse(schedule.nextAt) + every, now.getTime() + every / 2);
  return { ...schedule, nextAt: new Date(next).toISOString() };
}
