import { membershipDurationBounds, msFromIsoDuration } from '../group-management/membership-duration.js';
import { isoDuration } from '../time-bound-membership/iso-duration.js';
import { isDynamic, isManagedInExchange, isSyncedFromOnPremises, type DirectoryGroup } from '../model/directory-group.js';
import { err, ok, type Result } from '../result.js';
import { mayAutoApprove, type GroupSettings } from './join-policy.js';
import type { JoinRequest } from './join-request.js';
import type { JoinRefusal } from './join-refusal.js';

/** What the requester's situation looks like when they ask. */
export interface JoinAsk {
  readonly group: DirectoryGroup;
  readonly settings: GroupSettings;
  readonly isMember: boolean;
  /** The requester's pending requests, for every group. */
  readonly pendingOfRequester: readonly JoinRequest[];
  readonly reason?: string;
  /** Owners of the group, or admins when it has none. Empty means nobody can approve. */
  readonly approverCount: number;
  readonly maxPendingPerRequester: number;
  /** A time-bound request: how long, in milliseconds. */
  readonly durationMs?: number;
  /** The requester's membership has an end: asking again for a time extends it. */
  readonly timeBound?: boolean;
  /** The group's auto-approve rule, when it matched the requester (matchAutoApproveRule). */
  readonly autoApproveMatch?: string;
}

/** What to do with a join request: add at once (an open group, or auto-approved by its rule), ask the approvers, or refuse with a reason. */
export type JoinPath = 'joinNow' | 'autoApprove' | 'askApprovers';

/** Decides a join request's path from the group's kind, its policy and the requester's situation. */
export function assessJoinRequest(ask: JoinAsk): Result<JoinPath, JoinRefusal> {
  const { group, settings } = ask;
  if (ask.isMember && !(ask.timeBound && ask.durationMs !== undefined)) return err({ reason: 'alreadyMember' });
  if (isSyncedFromOnPremises(group)) return err({ reason: 'syncedFromOnPremises' });
  if (isManagedInExchange(group)) return err({ reason: 'mailEnabledOrDistributionList' });
  if (isDynamic(group)) return err({ reason: 'dynamicGroup', membershipRule: group.membershipRule ?? '' });
  if (group.isAssignableToRole === true) return err({ reason: 'roleAssignable' });
  if (settings.joinPolicy === 'closed') return err({ reason: 'closed' });
  const existing = ask.pendingOfRequester.find((r) => r.groupId === group.id);
  if (existing) return err({ reason: 'alreadyPending', request: existing });
  const length = durationRefusal(ask.durationMs, settings);
  if (length) return err(length);
  if (settings.reasonRequired && !ask.reason?.trim()) return err({ reason: 'reasonRequired' });
  if (settings.joinPolicy === 'open') return ok('joinNow');
  // Checked again here, not only where the rule is set: a group that became role-assignable keeps asking its approvers.
  if (ask.autoApproveMatch && settings.joinPolicy === 'approval' && mayAutoApprove(group)) return ok('autoApprove');
  if (ask.pendingOfRequester.length >= ask.maxPendingPerRequester) {
    return err({ reason: 'tooManyPendingRequests', limit: ask.maxPendingPerRequester });
  }
  if (ask.approverCount === 0) return err({ reason: 'noApprovers' });
  return ok('askApprovers');
}

/** A time-bound request's length against GroupGate's bounds and the group's maximum. */
function durationRefusal(durationMs: number | undefined, settings: GroupSettings): JoinRefusal | undefined {
  if (durationMs === undefined) return undefined;
  const { minMs, maxMs } = membershipDurationBounds;
  if (durationMs < minMs) return { reason: 'durationTooShort', minimum: isoDuration(minMs) };
  const groupMax = settings.maxMembershipDuration ? msFromIsoDuration(settings.maxMembershipDuration) : undefined;
  if (groupMax !== undefined && durationMs > groupMax) return { reason: 'durationTooLong', maximum: settings.maxMembershipDuration! };
  if (durationMs > maxMs) return { reason: 'durationTooLong', maximum: isoDuration(maxMs) };
  return undefined;
}
