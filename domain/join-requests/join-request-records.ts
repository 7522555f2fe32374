import type { DirectoryGroup } from '../model/directory-group.js';
import type { GroupId, JoinRequestId, UserId } from '../model/ids.js';
import type { Store } from '../ports/store.js';
import { defaultJoinPolicy, joinPolicies, type GroupSettings, type JoinPolicy } from './join-policy.js';
import type { JoinRequest } from './join-request.js';

/** Store keys for join requests and group settings, in one place. */
export const keys = {
  request: (id: JoinRequestId) => `join-request:${id}`,
  /** Every request's key begins so (ids are R-…); the guards and index sets beside them do not. */
  requests: 'join-request:R-',
  /**
   * Points at the last request of a requester for a group, so two asks can't both create one: made
   * in the batch that creates the request (a guard already there makes the batch write nothing), and
   * taken over by the next ask once that request is no longer pending. In the requests' family, so
   * it can share their batch; the daily forgetting pass removes guards of requests forgotten.
   */
  openRequest: (groupId: GroupId, requesterId: UserId) => `join-request:open:${groupId}:${requesterId}`,
  openRequests: 'join-request:open:',
  /** Where an earlier version kept the guard (released at the decision); the forgetting pass removes what is left. */
  legacyOpenRequests: 'join-request-open:',
  groupSettings: (groupId: GroupId) => `group-settings:${groupId}`,
};

/** Every stored join request: for the sweep's daily forgetting pass; commands read join-request-index.ts. */
export async function listJoinRequests(store: Store): Promise<JoinRequest[]> {
  return (await store.list<JoinRequest>(keys.requests)).map(([, r]) => r);
}

/** The group's settings: what an owner or admin stored, else what its kind (or the tenant file) implies. */
export async function readGroupSettings(store: Store, group: DirectoryGroup): Promise<GroupSettings> {
  return settingsOf(group, await store.get<Partial<GroupSettings>>(keys.groupSettings(group.id)));
}

/** Several groups' settings (a page of groups), in order, in one round trip. */
export async function readGroupSettingsOf(store: Store, groups: readonly DirectoryGroup[]): Promise<GroupSettings[]> {
  const stored = await store.getMany<Partial<GroupSettings>>(groups.map((group) => keys.groupSettings(group.id)));
  return groups.map((group, i) => settingsOf(group, stored[i]));
}

/** What an owner or admin stored wins; else the tenant file's seed; else what the group's kind implies. */
export function settingsOf(group: DirectoryGroup, stored: Partial<GroupSettings> | undefined): GroupSettings {
  const seeded = joinPolicies.includes(group['joinPolicy'] as JoinPolicy) ? (group['joinPolicy'] as JoinPolicy) : undefined;
  return {
    joinPolicy: stored?.joinPolicy ?? seeded ?? defaultJoinPolicy(group),
    reasonRequired: stored?.reasonRequired ?? group['reasonRequired'] === true,
    ...(stored?.maxMembershipDuration ? { maxMembershipDuration: stored.maxMembershipDuration } : {}),
    ...(stored?.approvalStages?.length ? { approvalStages: stored.approvalStages } : {}),
    ...(stored?.escalation ? { escalation: stored.escalation } : {}),
    ...(stored?.autoApproveRule ? { autoApproveRule: stored.autoApproveRule } : {}),
  };
}

/** Stores part of a group's settings, keeping the rest. */
export async function writeGroupSettings(store: Store, groupId: GroupId, patch: Partial<GroupSettings>): Promise<void> {
  await store.update<Partial<GroupSettings>, void>(keys.groupSettings(groupId), (current) => ({
    next: { ...current, ...patch },
    result: undefined,
  }));
}

/**
 * Changes the stored request when `change` finds something to change (undefined: nothing to do),
 * in one atomic update. Returns the request as stored, or as changed here if it is no longer stored.
 */
export async function patchRequest(store: Store, request: JoinRequest, change: (current: JoinRequest) => JoinRequest | undefined): Promise<JoinRequest> {
  const stored = await store.update<JoinRequest, JoinRequest | undefined>(keys.request(request.id), (current) => {
    if (!current) return { result: undefined };
    const next = change(current);
    return next ? { next, result: next } : { result: current };
  });
  return stored ?? change(request) ?? request;
}
