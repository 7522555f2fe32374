import type { JoinRequest } from './join-request.js';

/** Why a join request was refused. Words for people live in bot/, in one exhaustive switch. */
export type JoinRefusal =
  | { readonly reason: 'groupNotFound' }
  | { readonly reason: 'closed' }
  | { readonly reason: 'syncedFromOnPremises' }
  | { readonly reason: 'mailEnabledOrDistributionList' }
  | { readonly reason: 'roleAssignable' }
  | { readonly reason: 'dynamicGroup'; readonly membershipRule: string }
  | { readonly reason: 'alreadyMember' }
  | { readonly reason: 'alreadyPending'; readonly request: JoinRequest }
  | { readonly reason: 'reasonRequired' }
  | { readonly reason: 'tooManyPendingRequests'; readonly limit: number }
  | { readonly reason: 'noApprovers' }
  /** A time-bound request longer than the group allows (ISO 8601, "P30D"). */
  | { readonly reason: 'durationTooLong'; readonly maximum: string }
  /** A time-bound request shorter than GroupGate keeps (ISO 8601, "PT5M"). */
  | { readonly reason: 'durationTooShort'; readonly minimum: string };

/** Why a member may not leave a group by themselves. */
export type LeaveRefusal =
  | { readonly reason: 'notMember' }
  | { readonly reason: 'dynamicGroup'; readonly membershipRule: string }
  | { readonly reason: 'syncedFromOnPremises' }
  | { readonly reason: 'mailEnabledOrDistributionList' }
  | { readonly reason: 'closed' };

/** Why a decision on a request was not recorded. */
export type DecisionRefusal =
  | { readonly reason: 'requestNotFound' }
  | { readonly reason: 'alreadyDecided'; readonly request: JoinRequest }
  /** `groupHasOwners`: false when the group has none, so admins decide it. */
  | { readonly reason: 'notAnOwner'; readonly groupHasOwners: boolean }
  /** `askedForThem`: the decider is the manager who asked for the requester. */
  | { readonly reason: 'selfDecision'; readonly groupHasOwners: boolean; readonly askedForThem?: true }
  /** A request of stages: the decider is no approver of the stage it waits at (`stage`, 0-based). */
  | { readonly reason: 'notAnApproverNow'; readonly stage: number }
  /** The decider's approval at this stage is counted already; the stage waits for others. */
  | { readonly reason: 'alreadyCounted'; readonly request: JoinRequest };

/** Why a cancel did not happen. */
export type CancelRefusal =
  | { readonly reason: 'requestNotFound' }
  | { readonly reason: 'notRequester' }
  | { readonly reason: 'alreadyDecided'; readonly request: JoinRequest };
