import type { LicensePool } from '../../domain/licensing/summarize-licensing.js';
import { groupId, type UserId } from '../../domain/model/ids.js';
import { skuLabel } from '../../domain/model/subscribed-sku.js';
import { bold, type ListRow, type ListView } from '../../cards/card-view.js';
import type { LicensingView } from '../licensing/licensing.js';
import { memberStateWords } from '../words/license-words.js';
import { nameBook } from './name-book.js';
import { poolNumbers } from './sku-list-view.js';

const shown = 20;

/** `licenses <sku>`: the SKU's seats, who is waiting (oldest first, with why) and who holds it (directly or through which groups). */
export function skuLicensesView(pool: LicensePool, view: LicensingView, now: Date): ListView {
  const names = nameBook(view.snapshot);
  const sources = new Map<UserId, string[]>();
  for (const user of view.snapshot.users) if (user.assignedLicenses?.some((l) => l.skuId === pool.sku.skuId)) sources.set(user.id, ['direct']);
  for (const [id, record] of Object.entries(view.state.groups)) {
    if (!record.licenses.some((l) => l.skuId === pool.sku.skuId)) continue;
    for (const userId of [...Object.keys(record.active), ...Object.keys(record.stuck)] as UserId[]) {
      sources.set(userId, [...(sources.get(userId) ?? []), `via ${names.group(groupId(id))}`]);
    }
  }
  const waiting = pool.waiting.map((userId): ListRow => {
    const groups = pool.groupsWaiting.filter((g) => view.state.groups[g.groupId]?.failing[userId]);
    const record = groups[0] ? view.state.groups[groups[0].groupId] : undefined;
    return { title: [bold(names.user(userId))], detail: [`${memberStateWords(record, userId, names.sku, now) ?? '⏳ waiting'} · in ${groups.map((g) => names.group(g.groupId)).join(', ')}`] };
  });
  const holders = pool.holders.map((userId): ListRow => ({ title: [names.user(userId)], detail: [(sources.get(userId) ?? ['holds it']).join(', ')] }));
  const rows = [...waiting, ...holders];
  return {
    kind: 'list',
    title: skuLabel(pool.sku),
    intro: [[poolNumbers(pool)], ...(waiting.length > 0 ? [[`Waiting members come first, oldest first — the next free seat goes to ${names.user(pool.waiting[0]!)}.`]] : [])],
    rows: rows.slice(0, shown),
    ...(rows.length > shown ? { more: `and ${(rows.length - shown).toLocaleString('en-US')} more` } : {}),
  };
}
