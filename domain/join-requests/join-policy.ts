import { groupKind, isDynamic, isManagedInExchange, isSyncedFromOnPremises, type DirectoryGroup } from '../model/directory-group.js';
import type { ApprovalEscalation, ApprovalStage } from './approval-stage.js';

/** How a group takes join requests: at once, after an owner approves, or not at all. */
export type JoinPolicy = 'open' | 'approval' | 'closed';

export const joinPolicies: readonly JoinPolicy[] = ['open', 'approval', 'closed'];

/** A group's self-service settings, stored by GroupGate (Graph has no API for them). */
export interface GroupSettings {
  readonly joinPolicy: JoinPolicy;
  readonly reasonRequired: boolean;
  /**
   * Longest a member may stay, as an ISO 8601 duration ("P90D", "PT8H"), set by an owner; absent
   * means no limit. Stored for time-bound membership, which will end memberships that outlive it.
   */
  readonly maxMembershipDuration?: string;
  /** Who approves, stage by stage (1 to 3); absent: one stage, the owners (else admins). */
  readonly approvalStages?: readonly ApprovalStage[];
  /** A stage unanswered this long also goes to alternates; absent: never (the default). */
  readonly escalation?: ApprovalEscalation;
  /**
   * A membership rule (Entra's rule language, user rules only): a requester it matches joins at once
   * instead of asking the approvers. Only for an approval group whose members GroupGate manages.
   */
  readonly autoApproveRule?: string;
}

/**
 * Whether a group may auto-approve by rule at all: never a role-assignable group (Entra roles are
 * never handed out by a rule here), nor one whose members GroupGate does not manage (dynamic,
 * synced from on-premises, managed in Exchange).
 */
export function mayAutoApprove(group: DirectoryGroup): boolean {
  return group.isAssignableToRole !== true && !isDynamic(group) && !isSyncedFromOnPremises(group) && !isManagedInExchange(group);
}

/**
 * The policy a group has until someone sets one: public Microsoft 365 groups are open,
 * private ones and security groups need an owner's approval (as Entra's My Groups does).
 */
export function defaultJoinPolicy(group: DirectoryGroup): JoinPolicy {
  if (groupKind(group) === 'microsoft365' && (group.visibility ?? '').toLowerCase() === 'public') return 'open';
  return 'approval';
}
