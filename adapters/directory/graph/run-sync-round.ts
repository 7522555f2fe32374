import { isDeepStrictEqual } from 'node:util';
import { userId } from '../../../domain/model/ids.js';
import type { Logger } from '../../../domain/ports/logger.js';
import { applyGroupRound, startGroupRound, type GroupRoundChanges } from './apply-group-round.js';
import { applyUserRound, startUserRound } from './apply-user-round.js';
import type { DirectoryChanges, MembershipDelta, UserChange } from './directory-changes.js';
import type { DirectoryCopy, SyncState } from './directory-copy.js';
import { readBatch } from './graph-batch.js';
import { groupFields, groupRelationships, userFields, userRelationships } from './graph-fields.js';
import type { GraphHttp } from './graph-http.js';
import { GraphRequestError } from './graph-request-error.js';
import type { GraphLicenseAssignmentState } from './graph-schemas.js';
import { adminRoleHolders, adminRoleReads } from './read-admin-roles.js';
import { readDeltaPages, readDeltaRound, type DeltaRound, type RoundApplier } from './read-delta-round.js';
import {
  licenseFailuresFrom, readEveryLicenseState, readUsersLicenseStates, subscribedSkusFrom, tenantFactReads, tenantInfoFrom,
} from './read-tenant-facts.js';

/** What a sync round did: the changes it saw, and whether it was the first load (nothing to compare with). */
export interface SyncRoundResult {
  readonly changes: DirectoryChanges;
  readonly baseline: boolean;
}

/**
 * One sync round, all of it background work (`x-ms-throttle-priority: Low`): users and groups
 * from their delta feeds — a full round the first time (or when Graph says the stored link has
 * expired), the changes since the last round after that — then what has no delta feed (admin
 * roles, SKUs, the tenant, who group licensing failed for) in one `$batch`, and the license
 * states of just the users whose licenses may have changed. A round where nothing changed is
 * three calls, whatever the tenant's size. Each feed's next link is stored only once its round is
 * applied, so a round that fails is read again next time.
 */
export async function runSyncRound(http: GraphHttp, copy: DirectoryCopy, logger: Logger): Promise<SyncRoundResult> {
  const started = performance.now();
  const seconds = () => (performance.now() - started) / 1000;
  let kind: 'full' | 'delta' = 'full';
  try {
    const result = await syncRound(http, copy, logger, (full) => (kind = full ? 'full' : 'delta'));
    http.observer?.syncRound(kind, 'ok', seconds());
    return result;
  } catch (error) {
    http.observer?.syncRound(kind, 'error', seconds());
    throw error;
  }
}

/** A feed's part of a round once applied: what changed, whether it was read whole, and the link for the next round. */
interface AppliedFeeds {
  /** `count`: the tenant's users, when the feed was read whole. */
  readonly users: { readonly changes: UserChange[]; readonly full: boolean; readonly deltaLink: string; readonly count?: number };
  readonly groups: { readonly changes: GroupRoundChanges; readonly full: boolean; readonly deltaLink: string };
  /** A first load keeps no list of its changes (a million memberships at 100k users), only how many. */
  readonly counted?: { users: number; groups: number; memberships: number };
}

interface FeedStarts {
  readonly users: string;
  readonly groups: string;
}

async function syncRound(http: GraphHttp, copy: DirectoryCopy, logger: Logger, reportKind: (full: boolean) => void): Promise<SyncRoundResult> {
  const started = performance.now();
  const state = await copy.syncState();
  const baseline = state.fullSyncAt === undefined;
  reportKind(baseline || !state.usersDeltaLink || !state.groupsDeltaLink);
  const starts: FeedStarts = {
    users: http.url('/users/delta', { $select: [...userFields, ...userRelationships].join(',') }),
    groups: http.url('/groups/delta', { $select: [...groupFields, ...groupRelationships].join(',') }),
  };
  // A first load is applied page by page as the feeds arrive, so memory holds a few pages, not the
  // tenant; nothing reads the copy as the tenant before `fullSyncAt` is set below, so one cut short
  // is a first load again. A later round is read whole and applied only after the round's other
  // reads: one that fails reading leaves the copy as it was, and the next reads and reports the same changes.
  const apply = baseline ? await loadFirstRound(http, copy, starts) : await readRounds(http, copy, state, starts, logger);
  const facts = await readBatch(http, [...adminRoleReads(), ...tenantFactReads()], { background: true });
  const [roles, skus, tenant, failing, oldRoles] = await Promise.all([
    adminRoleHolders(http, facts, copy), subscribedSkusFrom(http, facts), tenantInfoFrom(http, facts), licenseFailuresFrom(http, facts), copy.roles(),
  ]);
  const { users, groups, counted } = await apply();
  const [licenseStates] = await Promise.all([
    syncLicenseStates(http, copy, { full: users.full, userCount: users.count, users: users.changes, memberships: groups.changes.memberships, failing }),
    copy.setRoles(roles), copy.setSkus(skus), copy.setTenant(tenant),
  ]);
  reportKind(users.full || groups.full);
  const at = new Date().toISOString();
  // The links move on only once the whole round is in the copy, so a round that fails is read again
  // from the same links. (One failing after its changes were applied, in the license reads, reports
  // them as applied already: the window is those reads.)
  await copy.updateSyncState({
    usersDeltaLink: users.deltaLink, groupsDeltaLink: groups.deltaLink, roundAt: at,
    ...(baseline || (users.full && groups.full) ? { fullSyncAt: at } : {}),
  });
  const changes: DirectoryChanges = {
    users: [...users.changes, ...roleChanges(oldRoles, roles)],
    groups: groups.changes.groups,
    memberships: groups.changes.memberships,
    licenseStates: licenseStates.map(userId),
  };
  const seen = counted ?? { users: changes.users.length, groups: changes.groups.length, memberships: changes.memberships.length };
  logger.info({ full: users.full || groups.full, ...seen, licenseStates: licenseStates.length, ms: Math.round(performance.now() - started) }, 'Microsoft Graph sync round done');
  return { changes, baseline };
}

/**
 * Reads both feeds whole (from the stored links, or again from the start where Graph expired one);
 * what is returned applies them.
 */
async function readRounds(http: GraphHttp, copy: DirectoryCopy, state: SyncState, starts: FeedStarts, logger: Logger): Promise<() => Promise<AppliedFeeds>> {
  const [userRound, groupRound] = await Promise.all([readRound(http, state.usersDeltaLink, starts.users, logger), readRound(http, state.groupsDeltaLink, starts.groups, logger)]);
  return async () => {
    const [users, groups] = await Promise.all([applyUserRound(copy, userRound.round, userRound.full), applyGroupRound(copy, groupRound.round, groupRound.full)]);
    const count = userRound.full ? { count: userRound.round.items.size } : {};
    return { users: { changes: users, full: userRound.full, deltaLink: userRound.round.deltaLink, ...count }, groups: { changes: groups, full: groupRound.full, deltaLink: groupRound.round.deltaLink } };
  };
}

/**
 * A first load: both feeds read from the start and applied as their pages arrive, side by side.
 * When one fails the other stops at its next page, so no write of this load outlives the round
 * (the next try is a first load again, and expects to be the copy's only writer).
 */
async function loadFirstRound(http: GraphHttp, copy: DirectoryCopy, starts: FeedStarts): Promise<() => Promise<AppliedFeeds>> {
  const counted = { users: 0, groups: 0, memberships: 0 };
  const feeds = [
    { start: starts.users, round: await startUserRound(copy, true, () => void counted.users++) },
    { start: starts.groups, round: await startGroupRound(copy, true, { group: () => void counted.groups++, membership: () => void counted.memberships++ }) },
  ];
  let failure: { readonly error: unknown } | undefined;
  const load = async ({ start, round }: { readonly start: string; readonly round: RoundApplier }) => {
    try {
      const deltaLink = await readDeltaPages(http, start, (items) => (failure ? Promise.reject(failure.error) : round.page(items)));
      await round.finish();
      return deltaLink;
    } catch (error) {
      failure ??= { error };
      throw error;
    }
  };
  const [users, groups] = await Promise.allSettled(feeds.map(load));
  if (failure || users?.status !== 'fulfilled' || groups?.status !== 'fulfilled') throw failure?.error;
  const applied: AppliedFeeds = {
    users: { changes: [], full: true, deltaLink: users.value, count: counted.users },
    groups: { changes: { groups: [], memberships: [] }, full: true, deltaLink: groups.value },
    counted,
  };
  return async () => applied;
}

async function readRound(http: GraphHttp, link: string | undefined, initial: string, logger: Logger): Promise<{ round: DeltaRound; full: boolean }> {
  if (link) {
    try {
      return { round: await readDeltaRound(http, link, { minimal: true }), full: false };
    } catch (error) {
      if (!(error instanceof GraphRequestError && error.reason === 'resyncRequired')) throw error;
      logger.warn({ feed: new URL(initial).pathname }, 'Microsoft Graph expired the delta link; reading the whole feed again');
    }
  }
  return { round: await readDeltaRound(http, initial), full: true };
}

/**
 * Brings the copy's license states up to date. Graph's user delta does not track them, so a full
 * round reads every licensed user's (readEveryLicenseState); a later round re-reads only the users whose states may have moved: new
 * users, users whose assigned licenses changed, members who joined or left a group that assigns
 * licenses, and users group licensing failed for in the last round but not in this one. Those it
 * fails for now came with their states. Returns the users whose states changed (Entra finished or
 * failed an assignment): licensing reads those, since no other change in the round may show it.
 */
async function syncLicenseStates(
  http: GraphHttp, copy: DirectoryCopy,
  round: { readonly full: boolean; readonly userCount?: number | undefined; readonly users: readonly UserChange[]; readonly memberships: readonly MembershipDelta[]; readonly failing: ReadonlyMap<string, GraphLicenseAssignmentState[]> },
): Promise<string[]> {
  if (await copy.licenses.migrateLegacy()) return copy.licenses.replace(await readEveryLicenseState(http, copy, undefined));
  if (round.full) return copy.licenses.replace(await readEveryLicenseState(http, copy, round.userCount));
  const states = new Map<string, GraphLicenseAssignmentState[] | null>(round.failing);
  const recheck = new Set<string>();
  for (const change of round.users) {
    if (change.change === 'removed') states.set(change.userId, null);
    else if (change.change === 'added' || change.fields.some((field) => field === 'assignedLicenses' || field.startsWith('assignedLicenses.'))) recheck.add(change.userId);
  }
  const licensing = new Map<string, boolean>();
  for (const { groupId, userId, list } of round.memberships) {
    if (list !== 'members') continue;
    if (!licensing.has(groupId)) licensing.set(groupId, assignsAny(await copy.getGroup(groupId)));
    if (licensing.get(groupId)) recheck.add(userId);
  }
  for (const id of await copy.licenses.failing()) recheck.add(id);
  for (const id of states.keys()) recheck.delete(id);
  for (const [id, list] of await readUsersLicenseStates(http, recheck)) states.set(id, list);
  return copy.licenses.update(states);
}

// A group that is gone counts: its members may have lost a license with it.
const assignsAny = (group: { readonly assignedLicenses?: readonly unknown[] } | undefined) => group === undefined || (group.assignedLicenses?.length ?? 0) > 0;

function roleChanges(before: Readonly<Record<string, readonly string[]>>, after: Readonly<Record<string, readonly string[]>>): UserChange[] {
  const ids = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...ids]
    .filter((id) => !isDeepStrictEqual([...(before[id] ?? [])].sort(), [...(after[id] ?? [])].sort()))
    .map((id) => ({ userId: userId(id), change: 'updated', fields: ['roles'] }));
}
