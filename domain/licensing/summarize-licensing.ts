import type { GroupId, SkuId, UserId } from '../model/ids.js';
import { isGuest, type AssignedLicense, type DirectoryUser } from '../model/directory-user.js';
import type { SubscribedSku } from '../model/subscribed-sku.js';
import type { LicenseError } from './license-assignment-state.js';
import { assignsThroughGroup, type LicensingGroup, type LicensingSnapshot } from './licensing-snapshot.js';
import type { LicensingState } from './licensing-state.js';

/** One SKU's seats: capacity from `prepaidUnits.enabled`, use counted from the assignments (never `consumedUnits`). */
export interface LicensePool {
  readonly sku: SubscribedSku;
  readonly total: number;
  readonly used: number;
  /** Seats left; zero, not negative, when seats were cut below use. */
  readonly free: number;
  readonly holders: readonly UserId[];
  /** Members waiting for a seat (CountViolation), oldest first. */
  readonly waiting: readonly UserId[];
  /** Licensing groups with members waiting for this SKU, most waiting first. */
  readonly groupsWaiting: readonly { readonly groupId: GroupId; readonly waiting: number }[];
}

/** How one licensing group stands. */
export interface GroupLicensing {
  readonly groupId: GroupId;
  readonly members: number;
  readonly licensed: number;
  /** Members in error, by Graph's error name (Other included). */
  readonly errors: Partial<Record<LicenseError, number>>;
  /** Guest accounts the group licenses: flagged, since guests are usually licensed by their home tenant. */
  readonly guests: readonly UserId[];
  /** Graph's filter-only `hasMembersWithLicenseErrors`. */
  readonly hasMembersWithLicenseErrors: boolean;
}

export interface LicensingSummary {
  readonly pools: readonly LicensePool[];
  readonly groups: readonly GroupLicensing[];
}

/** Seats per SKU and the state of each licensing group, read from a licensing state over the directory it came from. */
export function summarizeLicensing(state: LicensingState, snapshot: LicensingSnapshot): LicensingSummary {
  const holders = new Map<SkuId, Set<UserId>>(snapshot.skus.map((s) => [s.skuId, new Set()]));
  const hold = (userId: UserId, licenses: readonly AssignedLicense[]) => {
    for (const l of licenses) (holders.get(l.skuId) ?? holders.set(l.skuId, new Set()).get(l.skuId)!).add(userId);
  };
  for (const user of snapshot.users) hold(user.id, user.assignedLicenses ?? []);
  const waiters = new Map<SkuId, Map<UserId, string>>();
  const groupsWaiting = new Map<SkuId, Map<GroupId, number>>();
  for (const [groupId, record] of Object.entries(state.groups)) {
    for (const userId of Object.keys(record.active)) hold(userId as UserId, record.licenses);
    for (const userId of Object.keys(record.stuck)) hold(userId as UserId, record.licenses);
    for (const [userId, failed] of Object.entries(record.failing)) {
      for (const failure of failed.failures) {
        if (failure.error !== 'CountViolation') continue;
        const bySku = waiters.get(failure.skuId) ?? waiters.set(failure.skuId, new Map()).get(failure.skuId)!;
        const earlier = bySku.get(userId as UserId);
        if (earlier === undefined || failed.since < earlier) bySku.set(userId as UserId, failed.since);
        const groups = groupsWaiting.get(failure.skuId) ?? groupsWaiting.set(failure.skuId, new Map()).get(failure.skuId)!;
        groups.set(groupId as GroupId, (groups.get(groupId as GroupId) ?? 0) + 1);
      }
    }
  }
  const pools = snapshot.skus.map((sku): LicensePool => {
    const held = [...(holders.get(sku.skuId) ?? [])];
    const total = sku.prepaidUnits.enabled;
    return {
      sku, total, holders: held, used: held.length, free: Math.max(0, total - held.length),
      waiting: [...(waiters.get(sku.skuId) ?? [])].sort((a, b) => (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0)).map(([id]) => id),
      groupsWaiting: [...(groupsWaiting.get(sku.skuId) ?? [])].sort((a, b) => b[1] - a[1]).map(([groupId, waiting]) => ({ groupId, waiting })),
    };
  });
  const users = new Map(snapshot.users.map((u) => [u.id, u]));
  return { pools, groups: snapshot.groups.filter(assignsThroughGroup).map((group) => groupLicensing(group, state, users)) };
}

function groupLicensing(group: LicensingGroup, state: LicensingState, users: ReadonlyMap<UserId, DirectoryUser>): GroupLicensing {
  const record = state.groups[group.id];
  const errors: Partial<Record<LicenseError, number>> = {};
  for (const failed of Object.values(record?.failing ?? {})) {
    const error = failed.failures[0]?.error ?? 'Other';
    errors[error] = (errors[error] ?? 0) + 1;
  }
  const guests = group.members.filter((id) => {
    const user = users.get(id);
    return user !== undefined && isGuest(user);
  });
  const failing = Object.keys(record?.failing ?? {}).length + Object.keys(record?.stuck ?? {}).length;
  if (record && Object.keys(record.stuck).length > 0) errors.DependencyViolation = (errors.DependencyViolation ?? 0) + Object.keys(record.stuck).length;
  return { groupId: group.id, members: group.members.length, licensed: Object.keys(record?.active ?? {}).length, errors, guests, hasMembersWithLicenseErrors: failing > 0 };
}
