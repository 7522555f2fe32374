import type { GroupId, UserId } from '../model/ids.js';
import type { Store } from '../ports/store.js';
import { isoDuration } from './iso-duration.js';
import { membershipEndKeys, type MembershipEnd } from './membership-end.js';
import { grantEntry } from './membership-end-index.js';

/** A grant of time: a new time-bound membership, or more time on one that is running. */
export interface MembershipGrant {
  readonly groupId: GroupId;
  readonly userId: UserId;
  readonly durationMs: number;
  /** The join request behind it, when there is one: applying it twice grants once. */
  readonly requestId?: string;
}

/** The stored record after a grant, and whether it extended a running membership. */
export interface GrantOutcome {
  readonly record: MembershipEnd;
  readonly extended: boolean;
  /** False when this request's grant was already applied (a recovery run). */
  readonly changed: boolean;
}

/**
 * Stores when a membership ends, atomically. A running membership gets the time added after its
 * current end (or after now, if that has passed); anything else starts afresh from now. The sweep's
 * index gets its entry with it (sent together, so in the same round trip on Redis), due no later
 * than the new period's reminder.
 */
export async function recordMembershipEnd(store: Store, grant: MembershipGrant, now: Date): Promise<GrantOutcome> {
  const iso = isoDuration(grant.durationMs);
  const [, outcome] = await Promise.all([store.write(grantEntry(grant, grant.durationMs, now)), recordGrant(store, grant, iso, now)]);
  return outcome;
}

function recordGrant(store: Store, grant: MembershipGrant, iso: string, now: Date): Promise<GrantOutcome> {
  return store.update<MembershipEnd, GrantOutcome>(membershipEndKeys.one(grant.groupId, grant.userId), (current) => {
    if (current && grant.requestId !== undefined && current.requestId === grant.requestId) {
      return { result: { record: current, extended: false, changed: false } };
    }
    const running = current?.status === 'active';
    const from = running ? Math.max(Date.parse(current.endsAt), now.getTime()) : now.getTime();
    const endsAt = from + grant.durationMs;
    const record: MembershipEnd = {
      groupId: grant.groupId, userId: grant.userId, status: 'active', duration: iso,
      startedAt: new Date(endsAt - grant.durationMs).toISOString(), endsAt: new Date(endsAt).toISOString(),
      ...(grant.requestId !== undefined ? { requestId: grant.requestId } : {}),
    };
    return { next: record, result: { record, extended: running, changed: true } };
  });
}

/** A stored time-bound membership that is still running, or undefined. */
export const runningEnd = (record: MembershipEnd | undefined): MembershipEnd | undefined => (record?.status === 'active' ? record : undefined);

/**
 * Closes a running time-bound membership that ended another way (the member left, an owner removed
 * them, a rule or the directory did): nothing is left for the sweep to remove or to tell.
 */
export async function closeMembershipEnd(store: Store, groupId: GroupId, userId: UserId, now: Date): Promise<void> {
  await store.update<MembershipEnd, void>(membershipEndKeys.one(groupId, userId), (current) =>
    current?.status === 'active'
      ? { next: { ...current, status: 'ended', endedAt: now.toISOString(), endedBy: 'leave', removal: 'changed', toldAt: now.toISOString() }, result: undefined }
      : { result: undefined },
  );
}
