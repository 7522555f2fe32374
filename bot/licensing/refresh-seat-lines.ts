import { approvalCardsOf } from '../../domain/join-requests/approval-cards.js';
import { openRequests, requestsOf } from '../../domain/join-requests/join-request-index.js';
import type { LicensingSnapshot } from '../../domain/licensing/licensing-snapshot.js';
import type { LicensingSummary } from '../../domain/licensing/summarize-licensing.js';
import { assignsLicenses } from '../../domain/model/directory-group.js';
import { groupId, type UserId } from '../../domain/model/ids.js';
import type { Directory } from '../../domain/ports/directory.js';
import { readRecords } from '../../domain/ports/read-records.js';
import type { Store } from '../../domain/ports/store.js';
import type { Messenger } from '../notify/messenger.js';

/** The SKUs whose seats moved between two runs (free seats, or who is waiting for one). */
export function skusWithSeatsMoved(before: LicensingSummary, after: LicensingSummary): Set<string> {
  const was = new Map(before.pools.map((pool) => [pool.sku.skuId as string, pool]));
  const moved = new Set<string>();
  for (const pool of after.pools) {
    const earlier = was.get(pool.sku.skuId);
    if (!earlier || earlier.free !== pool.free || earlier.total !== pool.total || earlier.waiting.join() !== pool.waiting.join()) moved.add(pool.sku.skuId);
  }
  return moved;
}

/**
 * After seats moved: the approval cards of every request still waiting in a group that assigns
 * one of those SKUs are rebuilt, so their license line is true again. Dana approves Rowan for the
 * last E5 seat, and Ada's card, which said "the last seat left", now says "no E5 seats left — Ada
 * Ito won't get a license until one frees up" before anyone approves her. Reads the open requests'
 * index and their groups: what waits, not the directory. Returns how many requests' cards changed.
 */
export async function refreshSeatLines(parts: { readonly store: Store; readonly directory: Directory; readonly messenger: Messenger }, moved: ReadonlySet<string>): Promise<number> {
  if (moved.size === 0) return 0;
  const waiting = (await openRequests(parts.store)).filter((request) => request.status === 'pending');
  if (waiting.length === 0) return 0;
  const { groups } = await readRecords(parts.directory, { groups: [...new Set(waiting.map((r) => r.groupId))].map(groupId) });
  const touched = new Set(groups.filter((g) => g !== undefined && assignsLicenses(g) && (g.assignedLicenses ?? []).some((l) => moved.has(l.skuId))).map((g) => g!.id as string));
  let refreshed = 0;
  for (const request of waiting.filter((r) => touched.has(r.groupId))) {
    const cards = await approvalCardsOf(parts.store, request);
    if (cards.length === 0) continue;
    await parts.messenger.refreshApprovalCards(request, cards);
    refreshed++;
  }
  return refreshed;
}

// As many as a run tells about their seats (tell-seat-news): a mass change is the admins' alert.
const refreshedPerRun = 100;

/**
 * After seats moved: the closed approval cards of members whose seat changed are rebuilt. Those who
 * waited and now hold one: Dana's card for Ada turns from "Ada Ito is waiting for a Microsoft 365 E5
 * seat" to "Ada Ito has Microsoft 365 E5" when Rowan leaves. And those who started waiting: a card
 * built at the click from the picture then in hand said "Ada Ito gets Microsoft 365 E5" when Dana
 * approved Rowan and Ada one after the other, before a run had given Rowan the last seat. Reads
 * each such member's requests (one index read and their records); returns how many requests' cards changed.
 */
export async function refreshOutcomeLines(
  parts: { readonly store: Store; readonly messenger: Messenger },
  before: LicensingSummary,
  after: LicensingSummary,
  snapshot: LicensingSnapshot,
): Promise<number> {
  const was = new Map(before.pools.map((pool) => [pool.sku.skuId as string, new Set(pool.waiting)]));
  const changed = new Map<UserId, Set<string>>();
  for (const pool of after.pools) {
    const waited = was.get(pool.sku.skuId);
    const through = snapshot.groups.filter((g) => g.assignedLicenses.some((l) => l.skuId === pool.sku.skuId));
    const seatChanged = [...pool.holders.filter((id) => waited?.has(id)), ...(waited ? pool.waiting.filter((id) => !waited.has(id)) : [])];
    for (const userId of seatChanged) {
      const groups = changed.get(userId) ?? changed.set(userId, new Set()).get(userId)!;
      for (const g of through) if (g.members.includes(userId)) groups.add(g.id);
    }
  }
  let refreshed = 0;
  for (const [userId, groups] of [...changed].slice(0, refreshedPerRun)) {
    for (const request of (await requestsOf(parts.store, userId)).filter((r) => r.status === 'approved' && groups.has(r.groupId))) {
      const cards = await approvalCardsOf(parts.store, request);
      if (cards.length === 0) continue;
      await parts.messenger.refreshApprovalCards(request, cards);
      refreshed++;
    }
  }
  return refreshed;
}
