import type { LicensingSnapshot } from '../../domain/licensing/licensing-snapshot.js';
import { isGuest } from '../../domain/model/directory-user.js';
import type { GroupId, SkuId, UserId } from '../../domain/model/ids.js';
import type { SubscribedSku } from '../../domain/model/subscribed-sku.js';

/** Names (and SKUs) for the ids licensing cards mention, read from one snapshot. */
export interface NameBook {
  user(id: UserId): string;
  /** True for a B2B guest account (group-based licensing should not license those). */
  isGuest(id: UserId): boolean;
  group(id: GroupId): string;
  sku(id: SkuId): SubscribedSku | undefined;
}

/** A name book over a licensing snapshot. */
export function nameBook(snapshot: LicensingSnapshot): NameBook {
  const users = new Map(snapshot.users.map((u) => [u.id, u.displayName]));
  const guests = new Set(snapshot.users.filter(isGuest).map((u) => u.id));
  const groups = new Map(snapshot.groups.map((g) => [g.id, g.displayName]));
  const skus = new Map(snapshot.skus.map((s) => [s.skuId, s]));
  return {
    user: (id) => users.get(id) ?? 'someone no longer in the directory',
    isGuest: (id) => guests.has(id),
    group: (id) => groups.get(id) ?? 'a group that no longer assigns licenses',
    sku: (id) => skus.get(id),
  };
}
