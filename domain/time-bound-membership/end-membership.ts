import { announceMembershipChange } from '../join-requests/notify-members.js';
import type { JoinRequestPorts } from '../join-requests/join-request-ports.js';
import type { MembershipWrite } from '../ports/directory.js';
import { PermanentWriteRefusal } from '../ports/permanent-write-refusal.js';
import { dueStep, membershipEndKeys, type MembershipEnd } from './membership-end.js';

/** What ending one membership did. */
export type EndOutcome = 'ended' | 'notDue' | 'lost' | 'regranted';

/**
 * Ends a time-bound membership whose time is up, exactly once however many instances sweep:
 * 1. claim it (`active` → `ending`, atomically; a claim older than `graceMs` is a crashed
 *    instance's and is taken over),
 * 2. remove the member (idempotent: removing a non-member is `unchanged`),
 * 3. finish it (`ending` → `ended`, only if the claim is still ours, with the announcement owed),
 *    and only then announce the removal (cause `expiry`, so licensing reacts) and tell the member.
 * A crash between 1 and 3 leaves `ending`, which the next sweep finishes; the announcement comes
 * from whoever finishes, and one a crash after 3 left owed comes from the next sweep.
 */
export async function endMembership(ports: JoinRequestPorts, record: MembershipEnd, graceMs: number): Promise<EndOutcome> {
  const key = membershipEndKeys.one(record.groupId, record.userId);
  const now = ports.clock.now();
  const claim = await ports.store.update<MembershipEnd, { readonly claimed: MembershipEnd; readonly recovered: boolean } | undefined>(key, (current) => {
    if (!current) return { result: undefined };
    const due = dueStep(current, now) === 'end';
    const abandoned = current.status === 'ending' && now.getTime() - Date.parse(current.claimedAt ?? current.endsAt) >= graceMs;
    if (!due && !abandoned) return { result: undefined };
    const claimed: MembershipEnd = { ...current, status: 'ending', claimedAt: now.toISOString(), endedBy: 'expiry' };
    return { next: claimed, result: { claimed, recovered: abandoned } };
  });
  if (!claim) return 'notDue';
  const write = await removeMember(ports, record);
  // A taken-over claim may have removed the member before its crash, so its own write reads `unchanged`.
  const owed = write === 'changed' || claim.recovered;
  const finished = await ports.store.update<MembershipEnd, EndOutcome>(key, (current) => {
    if (current?.status === 'active') return { result: 'regranted' };
    if (current?.status !== 'ending' || current.claimedAt !== claim.claimed.claimedAt) return { result: 'lost' };
    return { next: { ...current, status: 'ended', endedAt: now.toISOString(), removal: write, ...(owed ? { announcementOwed: true as const } : {}) }, result: 'ended' };
  });
  if (finished === 'regranted') {
    // More time was granted while the removal ran: the member stays.
    if (write === 'changed') await ports.directory.addMember(record.groupId, record.userId);
    return finished;
  }
  if (finished !== 'ended') return finished;
  const ended: MembershipEnd = { ...claim.claimed, status: 'ended', endedAt: now.toISOString(), removal: write };
  if (owed) await announceEnd(ports, ended);
  await tellEnded(ports, ended);
  return finished;
}

/** Announces an ended membership's removal (licensing reacts, the audit log records it), then marks it announced. */
export async function announceEnd(ports: JoinRequestPorts, record: MembershipEnd): Promise<void> {
  await announceMembershipChange(ports.membershipListeners, record.groupId, record.userId, 'removed', 'expiry');
  await ports.store.update<MembershipEnd, void>(membershipEndKeys.one(record.groupId, record.userId), (current) => {
    if (current?.status !== 'ended' || !current.announcementOwed || current.endedAt !== record.endedAt) return { result: undefined };
    const { announcementOwed: _owed, ...rest } = current;
    return { next: rest, result: undefined };
  });
}

/** Tells the member their time ended, and records that it was told (a failed telling is retried by the sweep). */
export async function tellEnded(ports: JoinRequestPorts, record: MembershipEnd): Promise<boolean> {
  try {
    await ports.notifier.notify({ kind: 'membershipEnded', membership: record });
  } catch {
    return false;
  }
  const at = ports.clock.now().toISOString();
  await ports.store.update<MembershipEnd, void>(membershipEndKeys.one(record.groupId, record.userId), (current) =>
    current?.status === 'ended' && current.toldAt === undefined && current.endedAt === record.endedAt ? { next: { ...current, toldAt: at }, result: undefined } : { result: undefined },
  );
  return true;
}

async function removeMember(ports: JoinRequestPorts, record: MembershipEnd): Promise<MembershipWrite> {
  try {
    return await ports.directory.removeMember(record.groupId, record.userId);
  } catch (error) {
    // The member or the group is gone for good, or managed elsewhere now: there is nothing left to remove here.
    if (error instanceof PermanentWriteRefusal) return 'unchanged';
    throw error;
  }
}
