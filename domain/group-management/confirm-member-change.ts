import type { DirectoryGroup } from '../model/directory-group.js';
import type { DirectoryUser } from '../model/directory-user.js';
import type { MembershipWrite } from '../ports/directory.js';
import { err, ok, type Result } from '../result.js';
import { assessMemberChange } from './assess-group-change.js';
import { applyMemberChange } from './change-member.js';
import { readActorRights, type OwnerToolPorts } from './owner-tool-ports.js';
import type { PendingChangeRefusal } from './owner-tool-refusal.js';
import { decidePendingChange, pendingChangeKey, pendingChangeTtlMs, type PendingMemberChange } from './pending-member-change.js';

/** What a Confirm or Cancel click did. */
export interface PendingChangeDecided {
  readonly change: PendingMemberChange;
  readonly group: DirectoryGroup;
  /** Set when a confirmed change was written. */
  readonly write?: MembershipWrite;
}

/**
 * The owner who asked confirms or cancels a pending member change. Rights and the group are read
 * again (either may have changed since the card was shown), the decision is stored atomically so
 * a double click or a second instance acts once, and only then is the change written.
 */
export async function decideMemberChange(ports: OwnerToolPorts, id: string, clicker: DirectoryUser, verdict: 'confirm' | 'cancel'): Promise<Result<PendingChangeDecided, PendingChangeRefusal>> {
  const key = pendingChangeKey(id);
  const now = ports.clock.now();
  const record = await ports.store.get<PendingMemberChange>(key);
  const early = decidePendingChange(record, clicker.id, verdict, now);
  const close = (status: 'refused' | 'expired') => closeIfPending(ports, key, status, now);
  if (!early.ok) {
    if (early.error.reason === 'expired') await close('expired');
    return early;
  }
  const pending = record!;
  const group = await ports.directory.getGroup(pending.groupId);
  if (!group) {
    await close('refused');
    return err({ reason: 'changeNotFound' });
  }
  if (verdict === 'confirm') {
    const [rights, isMember] = await Promise.all([readActorRights(ports.directory, clicker, group.id), ports.directory.isMember(group.id, pending.userId)]);
    const still = assessMemberChange(group, pending.change, rights, isMember);
    if (!still.ok) {
      await close('refused');
      return err({ reason: 'noLongerAllowed', refusal: still.error });
    }
  }
  const claimed = await ports.store.update<PendingMemberChange, Result<PendingMemberChange, PendingChangeRefusal>>(
    key,
    (stored) => {
      const decided = decidePendingChange(stored, clicker.id, verdict, now);
      return decided.ok ? { next: decided.value, result: decided } : { result: decided };
    },
    { ttlMs: pendingChangeTtlMs },
  );
  if (!claimed.ok || verdict === 'cancel') return claimed.ok ? ok({ change: claimed.value, group }) : claimed;
  const write = await applyMemberChange(ports, group, pending.userId, pending.change).catch(async (error: unknown) => {
    // Not written (Graph down, throttled): the owner may click Confirm again.
    await reopen(ports, key);
    throw error;
  });
  const change = { ...claimed.value, outcome: write };
  await ports.store.put(key, change, { ttlMs: pendingChangeTtlMs });
  return ok({ change, group, write });
}

/** Puts a confirmed change whose write failed back to pending. */
async function reopen(ports: OwnerToolPorts, key: string): Promise<void> {
  await ports.store.update<PendingMemberChange, void>(
    key,
    (current) => {
      if (current?.status !== 'confirmed' || current.outcome) return { result: undefined };
      const { decidedAt: _decided, ...rest } = current;
      return { next: { ...rest, status: 'pending' }, result: undefined };
    },
    { ttlMs: pendingChangeTtlMs },
  );
}

/** Marks a change that can no longer happen, unless a decision got there first. */
async function closeIfPending(ports: OwnerToolPorts, key: string, status: 'refused' | 'expired', now: Date): Promise<void> {
  await ports.store.update<PendingMemberChange, void>(
    key,
    (current) => (current?.status === 'pending' ? { next: { ...current, status, decidedAt: now.toISOString() }, result: undefined } : { result: undefined }),
    { ttlMs: pendingChangeTtlMs },
  );
}
