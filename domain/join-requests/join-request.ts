import type { GroupId, JoinRequestId, UserId } from '../model/ids.js';
import type { ApprovalEscalation, ApprovalStage } from './approval-stage.js';
import type { StageApproval } from './stage-approval.js';

/** Where a person talked to GroupGate. */
export type Platform = 'teams' | 'slack' | 'web';

/**
 * Where a sent card lives, so it can be edited later. Adapters fill in what their platform needs
 * (Teams: conversation reference + activity id; Slack: channel + ts); it must be plain JSON, and
 * only the platform that wrote it reads it.
 */
export interface CardLocation {
  readonly platform: Platform;
  readonly [detail: string]: unknown;
}

/** One approver's approval card, where it landed. */
export interface SentApprovalCard {
  readonly userId: UserId;
  readonly location: CardLocation;
  /** The stage it was sent for (absent: the first, or a request of one stage). */
  readonly stage?: number;
}

/** Life of a join request: pending until an owner decides, the requester cancels, or it expires. */
export type JoinRequestStatus = 'pending' | 'approved' | 'denied' | 'cancelled' | 'expired';

/** A person's request to join a group, as stored. Names are read fresh from the directory. */
export interface JoinRequest {
  readonly id: JoinRequestId;
  readonly groupId: GroupId;
  readonly requesterId: UserId;
  /**
   * `join <group> for <person>`: the manager (or admin) who asked for the requester. The request is
   * still the requester's (they join, and may withdraw it); neither of the two may approve it.
   * Absent on a request the requester made (and on every request stored before asking for others).
   */
  readonly askedBy?: UserId;
  readonly reason?: string;
  readonly platform?: Platform;
  /** For a time-bound membership: how long was asked, as ISO 8601 ("PT8H"). */
  readonly duration?: string;
  /** A shorter length the approving owner picked instead (ISO 8601). */
  readonly approvedDuration?: string;
  readonly createdAt: string;
  readonly status: JoinRequestStatus;
  /**
   * The group's approval stages when the request was made (absent: one stage, owners, else admins,
   * as before stages existed). Kept on the request so a click needs no settings read.
   */
  readonly stages?: readonly ApprovalStage[];
  /** The stage waiting for approval now (index into `stages`; absent: the first), and since when. */
  readonly stage?: number;
  readonly stageStartedAt?: string;
  /** Approvals counted so far, at every stage (a quorum counts them). */
  readonly approvals?: readonly StageApproval[];
  /** The group's escalation when the request was made: a stage unanswered this long also goes to alternates. */
  readonly escalation?: ApprovalEscalation;
  /** When the waiting stage went to its alternates (escalation). */
  readonly escalatedAt?: string;
  /** Who approved or denied (or cancelled), and when. */
  readonly decidedBy?: UserId;
  readonly decidedAt?: string;
  /** The approver a delegate decided for ("by X for Y"). */
  readonly decidedFor?: UserId;
  /** The owner's optional note on a denial (or approval). */
  readonly note?: string;
  /**
   * Who still has to be sent the approval card: `true` (every approver) from when the request is
   * stored until the cards are out; then the approvers a platform failed to reach, if any. The
   * sweep sends what is left, so neither a crash right after the ask nor a platform's bad minute
   * leaves an owner to first hear of the request at the reminder.
   */
  readonly approversToBeTold?: true | readonly UserId[];
  /**
   * Every approval card sent for the request, so that the decision edits each approver's copy. Kept
   * on the request so the decision reads them with it; a request an earlier version stored has none
   * here (its cards are under a key of their own, see approval-cards.ts).
   */
  readonly approvalCards?: readonly SentApprovalCard[];
  /** Where the requester was shown the request with its Cancel button (the answer to their ask), so the close edits it too. */
  readonly receiptCards?: readonly CardLocation[];
  /** When owners were last reminded. */
  readonly remindedAt?: string;
  /** When the approved membership change reached the directory. */
  readonly appliedAt?: string;
  /**
   * Set with `appliedAt` when the change is still to be announced (licensing, the audit log, the
   * logs), cleared once it is: a crash (or a lost reply) in between is finished by the sweep.
   */
  readonly announcementOwed?: true;
  /** When the outcome was told to the requester and every owner's card updated. */
  readonly notifiedAt?: string;
  /** An approval the directory refused for good (say, the requester was deleted): when, and why in words. Never retried. */
  readonly notApplied?: { readonly at: string; readonly why: string };
}

/** The requester, and whoever asked for them: nobody approves a request they asked for. */
export const askersOf = (request: Pick<JoinRequest, 'requesterId' | 'askedBy'>): readonly UserId[] =>
  request.askedBy ? [request.requesterId, request.askedBy] : [request.requesterId];

/** Decided requests whose follow-up (membership change, notifications) has not finished. */
export const needsFollowUp = (r: JoinRequest) =>
  r.status !== 'pending' &&
  (r.notifiedAt === undefined || r.announcementOwed === true || (r.status === 'approved' && r.appliedAt === undefined && r.notApplied === undefined));
