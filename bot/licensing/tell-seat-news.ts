import type { LicensingSnapshot } from '../../domain/licensing/licensing-snapshot.js';
import type { LicensingSummary } from '../../domain/licensing/summarize-licensing.js';
import type { UserId } from '../../domain/model/ids.js';
import type { Logger } from '../../domain/ports/logger.js';
import { bold, message, type MessageView } from '../../cards/card-view.js';
import type { Messenger } from '../notify/messenger.js';
import { nameBook } from '../views/name-book.js';
import { ordinal, skuName } from '../words/license-words.js';

/** One person's news from a licensing run. */
export interface SeatNews {
  readonly userId: UserId;
  readonly card: MessageView;
}

// A run that puts more people in line than this (a SKU cut, a big group licensed at once) is news
// for the admins' alert, not a wave of direct messages; the first ones in line are still told.
const toldPerRun = 100;

/**
 * What a licensing run changed for people, between the summary of the run before and this one's:
 * who started waiting for a seat (and where they are in line), and who got the seat they waited
 * for. Pure: the words, not the sending.
 */
export function seatNews(before: LicensingSummary, after: LicensingSummary, snapshot: LicensingSnapshot): SeatNews[] {
  const names = nameBook(snapshot);
  const was = new Map(before.pools.map((pool) => [pool.sku.skuId as string, pool]));
  const news: SeatNews[] = [];
  for (const pool of after.pools) {
    const earlier = was.get(pool.sku.skuId);
    if (!earlier) continue;
    const waitedBefore = new Set(earlier.waiting);
    const started = pool.waiting.map((userId, place) => ({ userId, place })).filter(({ userId }) => !waitedBefore.has(userId));
    const seated = pool.holders.filter((userId) => waitedBefore.has(userId));
    if (started.length === 0 && seated.length === 0) continue;
    // The groups that assign this SKU, with their members as sets: read once per SKU with news.
    const assigning = snapshot.groups.filter((g) => g.assignedLicenses.some((l) => l.skuId === pool.sku.skuId)).map((g) => ({ name: names.group(g.id), members: new Set(g.members) }));
    const through = (userId: UserId) => assigning.filter((g) => g.members.has(userId)).map((g) => g.name).join(', ') || 'your group';
    const sku = bold(skuName(pool.sku));
    for (const { userId, place } of started) {
      news.push({
        userId,
        card: message([[`You're a member of ${through(userId)}, but no `, sku, ` seat is free, so you don't have it yet. You're ${ordinal(place + 1)} in line; I'll tell you when a seat is yours.`]], { tone: 'attention' }),
      });
    }
    for (const userId of seated) news.push({ userId, card: message([['A seat freed up: you now have ', sku, ` through ${through(userId)}.`]], { tone: 'good' }) });
  }
  return news;
}

/** Sends each person their news from the run (at most `toldPerRun`), after the run is saved: a failure to reach someone is logged, never undoes the run. */
export async function tellSeatNews(parts: { readonly messenger: Messenger; readonly logger: Logger }, news: readonly SeatNews[]): Promise<void> {
  if (news.length > toldPerRun) parts.logger.warn({ news: news.length, told: toldPerRun }, 'licensing: more people to tell about their seats than one run tells; the first ones were told');
  for (const { userId, card } of news.slice(0, toldPerRun)) {
    await parts.messenger.sendToUser(userId, card).catch((error: unknown) => parts.logger.warn({ userId, err: error }, 'could not tell someone about their seat'));
  }
}
