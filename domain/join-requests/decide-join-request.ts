import { membershipDurationBounds, msFromIsoDuration } from '../group-management/membership-duration.js';
import type { UserId } from '../model/ids.js';
import { isoDuration } from '../time-bound-membership/iso-duration.js';
import { err, ok, type Result } from '../result.js';
import { askersOf, type JoinRequest } from './join-request.js';
import type { DecisionRefusal } from './join-refusal.js';
import { countStageApproval, type StageDecider } from './count-stage-approval.js';

/** Who is deciding, with their rights as they stand at the moment of the click. */
export interface Decider {
  readonly id: UserId;
  readonly ownsGroup: boolean;
  readonly isAdmin: boolean;
  readonly groupHasOwners: boolean;
  /**
   * Every stage's approvers as read at the click (and whom the decider stands in for): the decision
   * then counts the approval at the request's stage, with its quorum. Absent: owners (or, for an
   * ownerless group, admins) decide at once, as before stages.
   */
  readonly approverSets?: StageDecider['approverSets'];
  readonly standsInFor?: StageDecider['standsInFor'];
}

/** An owner's verdict. */
export type Verdict = 'approve' | 'deny';

/**
 * Records an approval or denial. The first decision wins: a request that is no longer pending is
 * returned unchanged inside `alreadyDecided`, so a late clicker learns who decided and when.
 * Admins decide only for groups that have no owners. An approver of a time-bound request may grant
 * less time than asked (`shorterMs`), never more: a longer or too-short choice is ignored.
 */
export function decideJoinRequest(
  request: JoinRequest | undefined,
  decider: Decider,
  verdict: Verdict,
  now: Date,
  note?: string,
  shorterMs?: number,
): Result<JoinRequest, DecisionRefusal> {
  if (!request) return err({ reason: 'requestNotFound' });
  if (request.status !== 'pending') return err({ reason: 'alreadyDecided', request });
  // The requester, and the manager who asked for them, never decide it (not as a delegate either).
  if (askersOf(request).includes(decider.id)) return err({ reason: 'selfDecision', groupHasOwners: decider.groupHasOwners, ...(decider.id === request.askedBy ? { askedForThem: true as const } : {}) });
  const staged = decider.approverSets ? countStageApproval(request, { ...decider, approverSets: decider.approverSets }, verdict, now, note) : undefined;
  if (staged && !staged.ok) return staged;
  // Counted, or moved on a stage: still pending, nobody has decided yet.
  if (staged && !staged.value.final) return ok(staged.value.request);
  const mayDecide = staged !== undefined || decider.ownsGroup || (decider.isAdmin && !decider.groupHasOwners);
  if (!mayDecide) return err({ reason: 'notAnOwner', groupHasOwners: decider.groupHasOwners });
  const trimmed = note?.trim();
  return ok({
    ...(staged?.value.request ?? request),
    status: verdict === 'approve' ? 'approved' : 'denied',
    decidedBy: decider.id,
    decidedAt: now.toISOString(),
    ...(trimmed ? { note: trimmed } : {}),
    ...(verdict === 'approve' ? shortened(request, shorterMs) : {}),
  });
}

function shortened(request: JoinRequest, shorterMs: number | undefined): Pick<JoinRequest, 'approvedDuration'> {
  const askedMs = request.duration ? msFromIsoDuration(request.duration) : undefined;
  if (askedMs === undefined || shorterMs === undefined) return {};
  return shorterMs < askedMs && shorterMs >= membershipDurationBounds.minMs ? { approvedDuration: isoDuration(shorterMs) } : {};
}
