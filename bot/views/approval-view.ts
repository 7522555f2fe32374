import { groupKindLabel } from '../../domain/model/directory-group.js';
import type { JoinRequest } from '../../domain/join-requests/join-request.js';
import type { JoinRequestTiming } from '../../domain/join-requests/join-request-timing.js';
import type { Clock } from '../../domain/ports/clock.js';
import type { Directory } from '../../domain/ports/directory.js';
import type { ApprovalView, Line, Tone } from '../../cards/card-view.js';
import { lengthWords } from '../words/time-bound-words.js';
import { ago, clockTime, within } from '../words/time-words.js';
import { durationChoices } from './duration-choices.js';
import { approvalsAt, type StageApproval } from '../../domain/join-requests/stage-approval.js';
import type { DirectoryUser } from '../../domain/model/directory-user.js';
import { hasStagesOrQuorum, stageProgressLine } from '../words/stage-words.js';

/** The license line of an approval card, if the group assigns licenses: what approving would do, or once approved what it did. */
export type LicenseImpactLine = (request: JoinRequest) => Promise<{ readonly text: string; readonly tone: Tone } | undefined>;

/** What building an approval card reads. */
export interface ApprovalViewParts {
  readonly directory: Directory;
  readonly clock: Clock;
  readonly timing: JoinRequestTiming;
}

/** The approval card for a request, read fresh from the directory (the card itself carries only the id). */
export async function approvalView(
  parts: ApprovalViewParts,
  request: JoinRequest,
  options: { readonly heading: string; readonly licenseImpact?: LicenseImpactLine; readonly notice?: Line; readonly forStage?: number },
): Promise<ApprovalView> {
  const now = parts.clock.now();
  // A card sent for a stage the request has moved past shows that stage approved, with no buttons.
  const at = request.stage ?? 0;
  const cardStage = options.forStage ?? at;
  const movedOn = request.status === 'pending' && cardStage < at;
  const pending = request.status === 'pending' && !movedOn;
  // The member count helps an approver decide; a closed card shows the outcome instead, and every
  // approver's copy is rebuilt at the decision, so it is not read for one.
  const [requester, group, memberCount, decider, askedBy] = await Promise.all([
    parts.directory.getUser(request.requesterId),
    parts.directory.getGroup(request.groupId),
    pending ? parts.directory.memberCount(request.groupId) : undefined,
    request.decidedBy ? parts.directory.getUser(request.decidedBy) : undefined,
    request.askedBy ? parts.directory.getUser(request.askedBy) : undefined,
  ]);
  const approvedBy = hasStagesOrQuorum(request) ? await approverNames(parts.directory, approvalsAt(request.approvals, cardStage)) : undefined;
  const expiresIn = Date.parse(request.createdAt) + parts.timing.expireAfterMs - now.getTime();
  const facts = [
    group ? groupKindLabel(group) : undefined,
    memberCount === undefined ? undefined : `${memberCount} member${memberCount === 1 ? '' : 's'}`,
    `asked ${ago(request.createdAt, now)}`,
    pending ? `expires ${within(Math.max(0, expiresIn))}` : undefined,
    lengthFact(request),
  ].filter((fact): fact is string => fact !== undefined);
  const choices = pending ? durationChoices(request) : undefined;
  // Pending: what approving would do to the seats; approved: what it did (or will, once licensing has run).
  const license = pending || (request.status === 'approved' && !request.notApplied) ? await options.licenseImpact?.(request) : undefined;
  return {
    kind: 'approval',
    requestId: request.id,
    heading: options.heading,
    groupName: group?.displayName ?? 'a group that no longer exists',
    requester: {
      name: requester?.displayName ?? 'Someone who is no longer in the directory',
      details: [requester?.jobTitle, requester?.department, requester?.country].filter((d): d is string => Boolean(d)),
    },
    ...(request.askedBy ? { askedBy: askedBy?.displayName ?? 'someone no longer in the directory' } : {}),
    ...(request.reason ? { reason: request.reason } : {}),
    facts,
    ...(license ? { license } : {}),
    ...(choices && choices.length > 1 ? { duration: { choices } } : {}),
    ...(options.notice ? { notice: options.notice } : request.notApplied ? { notice: [`⚠ Approved, but not applied: ${request.notApplied.why}`] } : {}),
    ...(pending && approvedBy ? { progress: stageProgressLine(request, approvedBy) } : {}),
    state: pending
      ? { status: 'pending' }
      : movedOn
      ? { status: 'movedOn', stage: cardStage, by: approvedBy ?? [], at: clockTime(approvalsAt(request.approvals, cardStage).at(-1)?.at ?? request.createdAt, now), next: at, of: request.stages?.length ?? 1 }
      : {
          status: request.status,
          at: clockTime(request.decidedAt ?? request.createdAt, now),
          ...(decider && request.status !== 'expired' ? { by: forWhom(decider.displayName, request.decidedFor ? await parts.directory.getUser(request.decidedFor) : undefined) } : {}),
          ...(request.note ? { note: request.note } : {}),
        },
  };
}

/** "for 8 hours", or once shortened "for 4 hours (asked 8 hours)". */
function lengthFact(request: JoinRequest): string | undefined {
  if (!request.duration) return undefined;
  const granted = request.status === 'approved' ? request.approvedDuration : undefined;
  return granted ? `for ${lengthWords(granted)} (asked ${lengthWords(request.duration)})` : `for ${lengthWords(request.duration)}`;
}

/** The names of those whose approvals are counted, a delegate as "Tomas Berg for Ines Duarte". */
async function approverNames(directory: Directory, approvals: readonly StageApproval[]): Promise<string[]> {
  return Promise.all(
    approvals.map(async (a) => {
      const [by, on] = await Promise.all([directory.getUser(a.by), a.for ? directory.getUser(a.for) : undefined]);
      return forWhom(by?.displayName ?? 'someone no longer in the directory', on);
    }),
  );
}

/** "Tomas Berg", or for a delegate "Tomas Berg for Ines Duarte". */
const forWhom = (name: string, onBehalfOf: DirectoryUser | undefined) => (onBehalfOf ? `${name} for ${onBehalfOf.displayName}` : name);
