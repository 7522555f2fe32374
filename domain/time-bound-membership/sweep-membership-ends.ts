import type { JoinRequestPorts } from '../join-requests/join-request-ports.js';
import { StoreUnavailableError } from '../ports/store.js';
import { announceEnd, endMembership, tellEnded } from './end-membership.js';
import { defaultKeepClosedForMs } from '../join-requests/join-request-timing.js';
import { dueStep, endedLongAgo, membershipEndKeys, type MembershipEnd } from './membership-end.js';
import { moveEntries, readDueEntries, readRecords } from './membership-end-index.js';

/** What one sweep of time-bound memberships did, for logs and tests. */
export interface MembershipSweepReport {
  readonly reminded: number;
  readonly ended: number;
  readonly told: number;
  /** Ended memberships kept their time (as long as closed join requests) and now forgotten. */
  readonly forgotten: number;
  /** Memberships whose step failed this time (the directory or a platform out of reach); the next sweep tries again. */
  readonly failed: readonly { readonly key: string; readonly error: unknown }[];
}

/**
 * The periodic pass over time-bound memberships: reminds members whose end is near, ends the ones
 * whose time is up, finishes removals a crash interrupted, and announces removals and tells members
 * where a crash cut that short, and forgets memberships that ended long ago.
 * Steps younger than `graceMs` are left to the instance doing them right now.
 * It reads the index of what is due (membership-end-index.ts) and only the records it names, then
 * files each under its next due time.
 */
export async function sweepMembershipEnds(ports: JoinRequestPorts, graceMs: number): Promise<MembershipSweepReport> {
  const now = ports.clock.now();
  let reminded = 0;
  let ended = 0;
  let told = 0;
  let forgotten = 0;
  const keepForMs = ports.timing.keepClosedForMs ?? defaultKeepClosedForMs;
  const failed: Array<MembershipSweepReport['failed'][number]> = [];
  const times = { graceMs, keepForMs };
  const due = await readDueEntries(ports.store, now, times);
  const records = await readRecords(ports.store, due.entries);
  for (const [key, record] of records) {
    if (!record) continue;
    try {
      if (endedLongAgo(record, now, keepForMs)) {
        if (await forget(ports, record, now, keepForMs)) forgotten++;
        continue;
      }
      const step = dueStep(record, now);
      if (step === 'remind' && (await remind(ports, record, now))) reminded++;
      if (step === 'end' || record.status === 'ending') {
        if ((await endMembership(ports, record, graceMs)) === 'ended') ended++;
      }
      const settled = now.getTime() - Date.parse(record.endedAt ?? record.endsAt) >= graceMs;
      if (record.status === 'ended' && record.announcementOwed && settled) await announceEnd(ports, record);
      const untold = record.status === 'ended' && record.endedBy === 'expiry' && record.toldAt === undefined;
      if (untold && settled && (await tellEnded(ports, record))) told++;
    } catch (error) {
      if (error instanceof StoreUnavailableError) throw error;
      failed.push({ key, error });
    }
  }
  const after = due.entries.length > 0 ? await readRecords(ports.store, due.entries) : records;
  await moveEntries(ports.store, due, after, now, times);
  return { reminded, ended, told, forgotten, failed };
}

/** Deletes an ended membership kept its time (checked again inside the update: it may have been granted anew). */
async function forget(ports: JoinRequestPorts, record: MembershipEnd, now: Date, keepForMs: number): Promise<boolean> {
  return ports.store.update<MembershipEnd, boolean>(membershipEndKeys.one(record.groupId, record.userId), (current) =>
    current && endedLongAgo(current, now, keepForMs) ? { next: null, result: true } : { result: false },
  );
}

/** Claims the period's one reminder atomically, then sends it: two sweeping instances remind once. */
async function remind(ports: JoinRequestPorts, record: MembershipEnd, now: Date): Promise<boolean> {
  const claimed = await ports.store.update<MembershipEnd, MembershipEnd | undefined>(membershipEndKeys.one(record.groupId, record.userId), (current) => {
    if (!current || dueStep(current, now) !== 'remind') return { result: undefined };
    const next = { ...current, remindedAt: now.toISOString() };
    return { next, result: next };
  });
  if (!claimed) return false;
  await ports.notifier.notify({ kind: 'membershipEnding', membership: claimed }).catch(() => undefined);
  return true;
}
