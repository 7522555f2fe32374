import type { GroupId, UserId } from '../model/ids.js';
import type { MembershipWrite } from '../ports/directory.js';

/**
 * A membership with an end, as stored. Graph's plain group membership has no end date (PIM for
 * Groups is Entra's own way, and needs P2 licences), so GroupGate keeps the end here and its own
 * scheduler removes the member: `active` until an instance claims the removal (`ending`), then
 * `ended` once the directory write is done. Each step is one atomic store update.
 */
export interface MembershipEnd {
  readonly groupId: GroupId;
  readonly userId: UserId;
  /** When the current period began (a join, or the start of the latest extension). */
  readonly startedAt: string;
  readonly endsAt: string;
  /** The current period's length, as ISO 8601 ("PT8H"). */
  readonly duration: string;
  /** The join request that granted or last extended it; applying that request again changes nothing. */
  readonly requestId?: string;
  readonly status: 'active' | 'ending' | 'ended';
  /** When the member was reminded that the end is near (once per period). */
  readonly remindedAt?: string;
  /** When an instance claimed the removal; a claim older than a sweep's grace was cut short by a crash and is taken over. */
  readonly claimedAt?: string;
  readonly endedAt?: string;
  /** Why it ended: its time ran out, or the member left (or was removed) before that. */
  readonly endedBy?: 'expiry' | 'leave';
  /** What the directory write did at the end. */
  readonly removal?: MembershipWrite;
  /** When the member was told it ended (expiry only). */
  readonly toldAt?: string;
  /**
   * Set with `ended` when the removal is still to be announced (licensing, the audit log), cleared
   * once it is; one left by a crash in between is announced by the next sweep.
   */
  readonly announcementOwed?: true;
}

/** Store keys: one record per group and member. */
export const membershipEndKeys = {
  all: 'membership-end:',
  one: (groupId: GroupId, userId: UserId) => `membership-end:${groupId}:${userId}`,
};

const hour = 3_600_000;

/**
 * When the member is reminded: at 80% of the period or one hour before the end, whichever comes
 * first — but never in the period's first half, so a 1-hour membership is not reminded at once.
 * (8 hours: after 6 h 24 min; 2 weeks: after 11.2 days; 1 hour: after 30 minutes.)
 */
export function reminderTime(record: Pick<MembershipEnd, 'startedAt' | 'endsAt'>): number {
  const start = Date.parse(record.startedAt);
  const end = Date.parse(record.endsAt);
  const length = end - start;
  return Math.max(start + length / 2, Math.min(start + length * 0.8, end - hour));
}

/** What a membership needs now: nothing, its reminder, or its end. */
export function dueStep(record: MembershipEnd, now: Date): 'none' | 'remind' | 'end' {
  if (record.status !== 'active') return 'none';
  if (now.getTime() >= Date.parse(record.endsAt)) return 'end';
  return record.remindedAt === undefined && now.getTime() >= reminderTime(record) ? 'remind' : 'none';
}

/**
 * True when an ended membership is settled (announced, and told when its time ran out) and ended
 * longer ago than `keepForMs`: the sweep forgets it, so what every sweep reads does not grow with
 * every membership that ever ended. Kept as long as closed join requests are, so applying a
 * request again (a recovery) still finds the record it granted; the audit log keeps the history.
 */
export function endedLongAgo(record: MembershipEnd, now: Date, keepForMs: number): boolean {
  if (record.status !== 'ended' || record.announcementOwed || (record.endedBy === 'expiry' && record.toldAt === undefined)) return false;
  return now.getTime() - Date.parse(record.endedAt ?? record.endsAt) >= keepForMs;
}
