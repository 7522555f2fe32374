import { isDeepStrictEqual } from 'node:util';
import { userId } from '../../../domain/model/ids.js';
import type { Logger } from '../../../domain/ports/logger.js';
import { applyGroupRound } from './apply-group-round.js';
import { applyUserRound } from './apply-user-round.js';
import type { DirectoryChanges, UserChange } from './directory-changes.js';
import type { DirectoryCopy } from './directory-copy.js';
import { groupFields, groupRelationships, userFields } from './graph-fields.js';
import type { GraphHttp } from './graph-http.js';
import { GraphRequestError } from './graph-request-error.js';
import { readAdminRoles } from './read-admin-roles.js';
import { readDeltaRound, type DeltaRound } from './read-delta-round.js';
import { readLicenseStates, readSubscribedSkus, readTenantInfo } from './read-tenant-facts.js';

/** What a sync round did: the changes it saw, and whether it was the first load (nothing to compare with). */
export interface SyncRoundResult {
  readonly changes: DirectoryChanges;
  readonly baseline: boolean;
}

/**
 * One sync round, all of it background work (`x-ms-throttle-priority: Low`): users and groups
 * from their delta feeds — a full round the first time (or when Graph says the stored link has
 * expired), the changes since the last round after that — then admin roles, SKUs, the tenant and
 * license states, which have no delta feed. Each feed's next link is stored only once its round
 * is applied, so a round that fails is read again next time.
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

async function syncRound(http: GraphHttp, copy: DirectoryCopy, logger: Logger, reportKind: (full: boolean) => void): Promise<SyncRoundResult> {
  const started = performance.now();
  const state = await copy.syncState();
  reportKind(state.fullSyncAt === undefined || !state.usersDeltaLink || !state.groupsDeltaLink);
  const baseline = state.fullSyncAt === undefined;
  const usersStart = http.url('/users/delta', { $select: userFields.join(','), $expand: 'manager' });
  const groupsStart = http.url('/groups/delta', { $select: [...groupFields, ...groupRelationships].join(',') });
  const [users, groups] = await Promise.all([
    readRound(http, state.usersDeltaLink, usersStart, logger).then(async ({ round, full }) => {
      const changes = await applyUserRound(copy, round, full);
      await copy.updateSyncState({ usersDeltaLink: round.deltaLink });
      return { changes, full };
    }),
    readRound(http, state.groupsDeltaLink, groupsStart, logger).then(async ({ round, full }) => {
      const changes = await applyGroupRound(copy, round, full);
      await copy.updateSyncState({ groupsDeltaLink: round.deltaLink });
      return { changes, full };
    }),
  ]);
  const [roles, skus, tenant, licenseStates, oldRoles] = await Promise.all([
    readAdminRoles(http, copy), readSubscribedSkus(http), readTenantInfo(http), readLicenseStates(http), copy.roles(),
  ]);
  await Promise.all([copy.setRoles(roles), copy.setSkus(skus), copy.setTenant(tenant), copy.setLicenseStates(licenseStates)]);
  reportKind(users.full || groups.full);
  const at = new Date().toISOString();
  await copy.updateSyncState({ roundAt: at, ...(baseline || (users.full && groups.full) ? { fullSyncAt: at } : {}) });
  const changes: DirectoryChanges = {
    users: [...users.changes, ...roleChanges(oldRoles, roles)],
    groups: groups.changes.groups,
    memberships: groups.changes.memberships,
  };
  logger.info(
    { full: users.full || groups.full, users: changes.users.length, groups: changes.groups.length, memberships: changes.memberships.length, ms: Math.round(performance.now() - started) },
    'Microsoft Graph sync round done',
  );
  return { changes, baseline };
}

async function readRound(http: GraphHttp, link: string | undefined, initial: string, logger: Logger): Promise<{ round: DeltaRound; full: boolean }> {
  if (link) {
    try {
      return { round: await readDeltaRound(http, link), full: false };
    } catch (error) {
      if (!(error instanceof GraphRequestError && error.reason === 'resyncRequired')) throw error;
      logger.warn({ feed: new URL(initial).pathname }, 'Microsoft Graph expired the delta link; reading the whole feed again');
    }
  }
  return { round: await readDeltaRound(http, initial), full: true };
}

function roleChanges(before: Readonly<Record<string, readonly string[]>>, after: Readonly<Record<string, readonly string[]>>): UserChange[] {
  const ids = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...ids]
    .filter((id) => !isDeepStrictEqual([...(before[id] ?? [])].sort(), [...(after[id] ?? [])].sort()))
    .map((id) => ({ userId: userId(id), change: 'updated', fields: ['roles'] }));
}
