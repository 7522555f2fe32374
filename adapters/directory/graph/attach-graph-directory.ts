import type { GroupGate } from '../../../bot/group-gate.js';
import type { Scheduler } from '../../../bot/scheduler.js';
import { announceMembershipChange } from '../../../domain/join-requests/notify-members.js';
import { isDynamic } from '../../../domain/model/directory-group.js';
import type { GraphDirectory } from './graph-directory.js';

// The first full load of a large tenant takes minutes; the lease must outlast it, or a second
// instance would start its own.
const firstSyncLeaseMs = 30 * 60_000;

/**
 * Keeps the Graph directory's copy current and the core informed: a sync round now (before
 * serving: a first full load), then one every `intervalMs`, each run once across instances under
 * the scheduler's lease; membership changes a round sees are announced to the core's membership
 * listeners (licensing), as rule processing's (dynamic groups) or the directory's. A first load
 * that fails, with no copy from an earlier run to serve from, fails the start.
 */
export async function attachGraphDirectory(directory: GraphDirectory, gate: GroupGate, scheduler: Scheduler, intervalMs: number): Promise<void> {
  directory.onChange(async ({ memberships }) => {
    for (const { groupId, userId, change, list } of memberships) {
      if (list !== 'members') continue;
      const group = await gate.directory.getGroup(groupId);
      await announceMembershipChange(gate.membershipListeners, groupId, userId, change, group && isDynamic(group) ? 'membershipRule' : 'directory');
    }
  });
  let failure: unknown;
  const first = () => directory.sync().catch((error: unknown) => Promise.reject((failure = error)));
  await scheduler.runOnce('graph-sync', Math.max(intervalMs * 2, firstSyncLeaseMs), first);
  // With no copy to serve from (a wrong secret, a missing permission), starting would only mislead people.
  if (failure !== undefined && !(await directory.ready())) throw failure;
  // The scheduler also runs a tick at once: the round just done stands for it.
  scheduler.every('graph-sync', intervalMs, () => directory.sync({ unlessWithinMs: intervalMs / 2 }));
}
