import type { GroupId, UserId } from '../model/ids.js';
import type { MembershipWrite } from '../ports/directory.js';
import { err, ok, type Result } from '../result.js';
import type { PendingChangeRefusal } from './owner-tool-refusal.js';

/**
 * An owner's add or remove of a member, waiting for them to confirm it after seeing what it does
 * to licenses. The card carries only the id; everything is read fresh on the click.
 */
export interface PendingMemberChange {
  readonly id: string;
  readonly groupId: GroupId;
  readonly userId: UserId;
  readonly change: 'add' | 'remove';
  readonly requestedBy: UserId;
  readonly createdAt: string;
  readonly expiresAt: string;
  readonly status: 'pending' | 'confirmed' | 'cancelled' | 'refused' | 'expired';
  readonly decidedAt?: string;
  /** What the directory write did, once confirmed and applied. */
  readonly outcome?: MembershipWrite;
}

/** A confirmation stays open this long: after that the license picture may have moved. */
export const pendingChangeLifetimeMs = 30 * 60_000;

/** Store key of a pending change; the record outlives its card by a day, then goes. */
export const pendingChangeKey = (id: string) => `owner-change:${id}`;
export const pendingChangeTtlMs = 24 * 60 * 60_000;

// Ten characters of a 32-letter alphabet: 50 bits, not worth guessing (and only the asker may click).
const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A fresh id like C-7F3A9K2M0Q; `random` returns numbers in [0, 1). */
export function newChangeId(random: () => number): string {
  let id = 'C-';
  for (let i = 0; i < 10; i++) id += alphabet[Math.floor(random() * alphabet.length)];
  return id;
}

/**
 * Decides a click on Confirm or Cancel: only the owner who asked, only while it is pending and
 * fresh. The result is the record as it should be stored; the first decision wins.
 */
export function decidePendingChange(record: PendingMemberChange | undefined, clickerId: UserId, verdict: 'confirm' | 'cancel', now: Date): Result<PendingMemberChange, PendingChangeRefusal> {
  if (!record) return err({ reason: 'changeNotFound' });
  if (record.requestedBy !== clickerId) return err({ reason: 'notRequester' });
  if (record.status !== 'pending') return err({ reason: 'alreadyDecided', change: record });
  if (verdict === 'confirm' && now.getTime() > Date.parse(record.expiresAt)) return err({ reason: 'expired' });
  return ok({ ...record, status: verdict === 'confirm' ? 'confirmed' : 'cancelled', decidedAt: now.toISOString() });
}
