import { assignsLicenses } from '../../../domain/model/directory-group.js';
import { skuId } from '../../../domain/model/ids.js';
import type { SubscribedSku } from '../../../domain/model/subscribed-sku.js';
import type { DirectoryCopy, TenantInfo } from './directory-copy.js';
import { batchLimit, collectionOf, readBatch, type BatchAnswer, type BatchRead } from './graph-batch.js';
import type { GraphHttp } from './graph-http.js';
import {
  objectRefSchema, organizationSchema, parseGraph, subscribedSkuSchema, userLicenseStatesSchema, type GraphLicenseAssignmentState,
} from './graph-schemas.js';

const background = { background: true } as const;
// The most users or members Graph sends in one page.
const pageSize = 999;
const skuSelect = 'skuId,skuPartNumber,appliesTo,capabilityStatus,consumedUnits,prepaidUnits,servicePlans';

/**
 * The reads of the facts with no delta feed: the license pools (`/subscribedSkus`: `$select` yes,
 * `$filter` no), the tenant itself, and the groups where group licensing failed for someone
 * (`hasMembersWithLicenseErrors`), all in the round's one batch.
 */
export const tenantFactReads = (): BatchRead[] => [
  { id: 'skus', url: `/subscribedSkus?$select=${skuSelect}` },
  { id: 'organization', url: '/organization?$select=id,displayName,countryLetterCode' },
  { id: 'failing-groups', url: `/groups?$filter=${encodeURIComponent('hasMembersWithLicenseErrors eq true')}&$select=id` },
];

export async function subscribedSkusFrom(http: GraphHttp, answers: ReadonlyMap<string, BatchAnswer>): Promise<SubscribedSku[]> {
  return (await collectionOf(http, answers.get('skus'), 'the subscribed SKUs', background)).map((raw) => {
    const sku = parseGraph(subscribedSkuSchema, raw, 'a subscribed SKU');
    return { ...sku, skuId: skuId(sku.skuId) } as SubscribedSku;
  });
}

/** The tenant's name, and its country: the usage location group licensing falls back on (B.1). */
export async function tenantInfoFrom(http: GraphHttp, answers: ReadonlyMap<string, BatchAnswer>): Promise<TenantInfo> {
  const [first] = await collectionOf(http, answers.get('organization'), 'the organization', background);
  const organization = first === undefined ? undefined : parseGraph(organizationSchema, first, 'the organization');
  if (!organization) return { displayName: 'your tenant' };
  return { displayName: organization.displayName || 'your tenant', ...(organization.countryLetterCode ? { defaultUsageLocation: organization.countryLetterCode } : {}) };
}

/**
 * The users group licensing failed for, with their states: `membersWithLicenseErrors` of each
 * group that has any (usually none, so usually no call at all).
 */
export async function licenseFailuresFrom(http: GraphHttp, answers: ReadonlyMap<string, BatchAnswer>): Promise<Map<string, GraphLicenseAssignmentState[]>> {
  const groups = (await collectionOf(http, answers.get('failing-groups'), 'the groups with license errors', background)).map((raw) => parseGraph(objectRefSchema, raw, 'a group').id);
  const reads = groups.map((id) => ({ id, url: `/groups/${encodeURIComponent(id)}/membersWithLicenseErrors?$select=id,licenseAssignmentStates` }));
  const members = await readBatch(http, reads, background);
  const failing = new Map<string, GraphLicenseAssignmentState[]>();
  for (const read of reads) {
    const answer = members.get(read.id);
    // A group deleted since the filter read has no members left to fail.
    if (answer && !answer.ok && answer.error.reason === 'notFound') continue;
    for (const raw of await collectionOf(http, answer, `the members with license errors of group ${read.id}`, background)) {
      const user = parseGraph(userLicenseStatesSchema, raw, "a user's license states");
      failing.set(user.id, user.licenseAssignmentStates ?? []);
    }
  }
  return failing;
}

/** These users' license assignment states, 20 users to a call; null for a user Graph no longer has. */
export async function readUsersLicenseStates(http: GraphHttp, userIds: Iterable<string>): Promise<Map<string, GraphLicenseAssignmentState[] | null>> {
  const reads = [...userIds].map((id) => ({ id, url: `/users/${encodeURIComponent(id)}?$select=id,licenseAssignmentStates` }));
  const answers = await readBatch(http, reads, background);
  const states = new Map<string, GraphLicenseAssignmentState[] | null>();
  for (const read of reads) {
    const answer = answers.get(read.id);
    if (answer && !answer.ok && answer.error.reason === 'notFound') states.set(read.id, null);
    else if (!answer?.ok) throw answer?.error ?? new Error(`no answer for user ${read.id}`);
    else states.set(read.id, parseGraph(userLicenseStatesSchema, answer.body, "a user's license states").licenseAssignmentStates ?? []);
  }
  return states;
}

/**
 * Every user's license assignment states, by user id (users without any left out). The user delta
 * does not track this property, so a full round reads it whole: one 999-user page at a time.
 */
export async function readLicenseStates(http: GraphHttp): Promise<Record<string, GraphLicenseAssignmentState[]>> {
  const states: Record<string, GraphLicenseAssignmentState[]> = {};
  for await (const page of http.pages('/users', { query: { $select: 'id,licenseAssignmentStates', $top: String(pageSize) }, ...background })) {
    for (const raw of page.value) {
      const user = parseGraph(userLicenseStatesSchema, raw, "a user's license states");
      if (user.licenseAssignmentStates?.length) states[user.id] = user.licenseAssignmentStates;
    }
  }
  return states;
}

/**
 * Every licensed user's states, read the cheaper way (the user delta does not track them): the
 * whole tenant 999 users a page, or only the members of the groups that assign licenses (the
 * first page of each 20 to a `$batch`), whichever takes fewer calls. Outside those groups a user's
 * licenses are all direct, and `user.assignedLicenses` from the delta already says so.
 * `userCount`: the tenant's users, when the round counted them.
 */
export async function readEveryLicenseState(http: GraphHttp, copy: DirectoryCopy, userCount: number | undefined): Promise<Record<string, GraphLicenseAssignmentState[]>> {
  if (userCount === undefined) return readLicenseStates(http);
  const licensing = (await copy.listGroups()).filter(assignsLicenses).map((group) => group.id);
  const sizes = await Promise.all(licensing.map((id) => copy.memberCount(id)));
  const byGroups = Math.ceil(licensing.length / batchLimit) + sizes.reduce((calls, size) => calls + Math.max(0, Math.ceil(size / pageSize) - 1), 0);
  if (byGroups >= Math.ceil(userCount / pageSize)) return readLicenseStates(http);
  const reads = licensing.map((id) => ({ id, url: `/groups/${encodeURIComponent(id)}/members?$select=id,licenseAssignmentStates&$top=${pageSize}` }));
  const answers = await readBatch(http, reads, background);
  const states: Record<string, GraphLicenseAssignmentState[]> = {};
  for (const read of reads) {
    const answer = answers.get(read.id);
    // A group deleted since the round read it has no members to license.
    if (answer && !answer.ok && answer.error.reason === 'notFound') continue;
    for (const raw of await collectionOf(http, answer, `the members of licensing group ${read.id}`, background)) {
      const member = parseGraph(userLicenseStatesSchema, raw, "a member's license states");
      const type = member['@odata.type'];
      if ((type === undefined || type === '#microsoft.graph.user') && member.licenseAssignmentStates?.length) states[member.id] = member.licenseAssignmentStates;
    }
  }
  return states;
}
