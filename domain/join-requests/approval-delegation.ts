import type { UserId } from '../model/ids.js';
import type { Store } from '../ports/store.js';

/** An approver's approvals handed to someone else until a time: the delegate gets the cards and may decide. */
export interface ApprovalDelegation {
  readonly from: UserId;
  readonly to: UserId;
  readonly until: string;
  readonly at: string;
}

/**
 * Every delegation, under one key: few people are away at once, so the list stays short, and a join
 * reads it with its settings in the round trip it makes anyway.
 */
export const delegationsKey = 'approval-delegation:all';

const active = (d: ApprovalDelegation | undefined, now: Date): d is ApprovalDelegation => d !== undefined && Date.parse(d.until) > now.getTime();

/** Records (or, with `next` undefined, ends) an approver's delegation, dropping those that ended; returns the one it replaced. */
export async function recordDelegation(store: Store, from: UserId, next: ApprovalDelegation | undefined, now: Date): Promise<ApprovalDelegation | undefined> {
  return store.update<ApprovalDelegation[], ApprovalDelegation | undefined>(delegationsKey, (list) => {
    const previous = (list ?? []).find((d) => d.from === from && active(d, now));
    const kept = (list ?? []).filter((d) => d.from !== from && active(d, now));
    return { next: next ? [...kept, next] : kept, result: previous };
  });
}

/** The delegations in force now, from the stored list (read by the caller, or here). */
export async function activeDelegations(store: Store, now: Date, read?: readonly ApprovalDelegation[] | undefined): Promise<readonly ApprovalDelegation[]> {
  return (read ?? (await store.get<ApprovalDelegation[]>(delegationsKey)) ?? []).filter((d) => active(d, now));
}

/** The approvers who delegated to this person, now. */
export async function delegatorsOf(store: Store, delegateId: UserId, now: Date): Promise<readonly UserId[]> {
  return (await activeDelegations(store, now)).filter((d) => d.to === delegateId).map((d) => d.from);
}

/** Each of these approvers' delegate now, if they have one. */
export const delegatesAmong = (delegations: readonly ApprovalDelegation[], approverIds: readonly UserId[]): ReadonlyMap<UserId, UserId> =>
  new Map(delegations.filter((d) => approverIds.includes(d.from)).map((d) => [d.from, d.to]));

/** An approver's delegation now, if any. */
export async function delegationOf(store: Store, approverId: UserId, now: Date): Promise<ApprovalDelegation | undefined> {
  return (await activeDelegations(store, now)).find((d) => d.from === approverId);
}
