import type { GroupId, UserId } from '../model/ids.js';
import type { MembershipChanged, MembershipListener } from '../ports/membership-events.js';

/** Tells every membership listener about a change; one failing listener does not stop the others. */
export async function announceMembershipChange(
  listeners: readonly MembershipListener[],
  groupId: GroupId,
  userId: UserId,
  change: MembershipChanged['change'],
  cause: MembershipChanged['cause'],
): Promise<void> {
  await Promise.allSettled(listeners.map((listen) => listen({ groupId, userId, change, cause })));
}
