import { applyMemberChange } from '../group-management/change-member.js';
import type { UserId } from '../model/ids.js';
import { PermanentWriteRefusal } from '../ports/permanent-write-refusal.js';
import { reviewKeys, type AccessReview, type RemovalStep } from './access-review.js';
import type { AccessReviewPorts } from './access-review-ports.js';

/** True when a removal is for an instance to carry out now: owed, or claimed by one that crashed more than `graceMs` ago. */
export function removalDue(step: RemovalStep | undefined, now: Date, graceMs: number): boolean {
  if (step?.state === 'owed') return true;
  return step?.state === 'claimed' && now.getTime() - Date.parse(step.at) >= graceMs;
}

/** True while a review still owes a removal (owed or claimed). */
export const owesRemovals = (review: AccessReview): boolean =>
  Object.values(review.removalSteps).some((s) => s.state === 'owed' || s.state === 'claimed');

/**
 * Carries out the removals a review owes, each once across instances: claim it (one atomic
 * update), skip a member who left meanwhile, remove through the same path as `remove <person>
 * from <group>` (the directory, then licensing and the audit log through the membership
 * listeners), mark it done, then tell the member why. Returns how many were removed.
 * Removals wait for the end unless the review removes at once.
 */
export async function carryOutRemovals(ports: AccessReviewPorts, review: AccessReview, graceMs: number): Promise<number> {
  if (review.status === 'open' && review.removals !== 'atOnce') return 0;
  const now = ports.clock.now();
  const due = Object.entries(review.removalSteps).filter(([, step]) => removalDue(step, now, graceMs)).map(([member]) => member as UserId);
  if (due.length === 0) return 0;
  const group = await ports.directory.getGroup(review.groupId);
  let removed = 0;
  for (const memberId of due) {
    if (!(await claim(ports, review.id, memberId, now, graceMs))) continue;
    const write = group && (await ports.directory.isMember(group.id, memberId)) ? await remove(ports, group, memberId) : 'skipped';
    await finish(ports, review.id, memberId, now, write === 'changed' ? 'removed' : 'skipped');
    if (write === 'changed') {
      removed++;
      await ports.tell.removed(review, memberId).catch(() => undefined);
    }
  }
  return removed;
}

async function remove(ports: AccessReviewPorts, group: NonNullable<Awaited<ReturnType<AccessReviewPorts['directory']['getGroup']>>>, memberId: UserId) {
  try {
    return await applyMemberChange(ports, group, memberId, 'remove');
  } catch (error) {
    // The member or the group is gone for good, or managed elsewhere now: nothing left to remove.
    if (error instanceof PermanentWriteRefusal) return 'skipped' as const;
    throw error;
  }
}

async function claim(ports: AccessReviewPorts, reviewId: string, memberId: UserId, now: Date, graceMs: number): Promise<boolean> {
  return ports.store.update<AccessReview, boolean>(reviewKeys.one(reviewId), (current) => {
    if (!current || !removalDue(current.removalSteps[memberId], now, graceMs)) return { result: false };
    return { next: { ...current, removalSteps: { ...current.removalSteps, [memberId]: { state: 'claimed', at: now.toISOString() } } }, result: true };
  });
}

async function finish(ports: AccessReviewPorts, reviewId: string, memberId: UserId, now: Date, state: 'removed' | 'skipped'): Promise<void> {
  await ports.store.update<AccessReview, void>(reviewKeys.one(reviewId), (current) => {
    const step = current?.removalSteps[memberId];
    if (!current || step?.state !== 'claimed' || step.at !== now.toISOString()) return { result: undefined };
    return { next: { ...current, removalSteps: { ...current.removalSteps, [memberId]: { state, at: now.toISOString() } } }, result: undefined };
  });
}
