import type { UserId } from '../model/ids.js';
import type { NotifyReport } from '../ports/notifier.js';
import { askersOf, type JoinRequest, type SentApprovalCard } from './join-request.js';
import { activeDelegations, delegatesAmong, type ApprovalDelegation } from './approval-delegation.js';
import type { JoinRequestPorts } from './join-request-ports.js';
import { recordApprovalCards } from './approval-cards.js';
import { readRecords } from '../ports/read-records.js';

/**
 * Sends a new request's approvers their cards, then records, in one update, where the cards landed
 * and who is left: nobody (the mark goes), or those a platform failed to reach, for the sweep to
 * try again. Sending comes first: a crash in between means a second card, never a request nobody
 * was told about. A notifier that throws leaves the mark as it was.
 */
export async function tellApprovers(ports: JoinRequestPorts, request: JoinRequest, approverIds: readonly UserId[], delegations?: readonly ApprovalDelegation[]): Promise<NotifyReport> {
  // The requester is told who was asked, by name: their records are read while the cards go out, and so are the approvers' delegates.
  const [report, , delegated] = await Promise.all([
    ports.notifier.notify({ kind: 'approvalRequested', request, approverIds, reminder: false }),
    readRecords(ports.directory, { users: approverIds }).catch(() => undefined),
    tellDelegates(ports, request, approverIds, false, delegations),
  ]);
  const failed = report.failed ?? [];
  await recordApprovalCards(ports, request, [...(report.cards ?? []), ...delegated], ({ approversToBeTold, ...rest }) =>
    approversToBeTold ? (failed.length > 0 ? { ...rest, approversToBeTold: failed } : rest) : undefined,
  );
  return report;
}

/** Of the group's approvers now, those the request still has to reach. */
export function approversLeftToTell(request: JoinRequest, approverIds: readonly UserId[]): readonly UserId[] {
  const left = request.approversToBeTold;
  if (left === undefined) return [];
  return left === true ? approverIds : approverIds.filter((id) => left.includes(id));
}

/**
 * Approvers who delegated their approvals have their delegates sent the card too (best effort: a
 * delegate out of reach is not reported, the approver still is). Returns where those cards landed.
 */
export async function tellDelegates(
  ports: JoinRequestPorts, request: JoinRequest, approverIds: readonly UserId[], reminder: boolean,
  /** The stored delegations, when the caller read them already (a join reads them with its settings). */
  read?: readonly ApprovalDelegation[],
): Promise<readonly SentApprovalCard[]> {
  const delegations = await activeDelegations(ports.store, ports.clock.now(), read).catch((): readonly ApprovalDelegation[] => []);
  const delegates = delegatesAmong(delegations, approverIds);
  const extra = [...new Set(delegates.values())].filter((id) => !askersOf(request).includes(id) && !approverIds.includes(id));
  if (extra.length === 0) return [];
  const report = await ports.notifier.notify({ kind: 'approvalRequested', request, approverIds: extra, reminder }).catch((): NotifyReport => ({ unreachable: [] }));
  return report.cards ?? [];
}
