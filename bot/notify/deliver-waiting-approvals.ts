import { approvalCardsOf, recordApprovalCards } from '../../domain/join-requests/approval-cards.js';
import type { DirectoryUser } from '../../domain/model/directory-user.js';
import { approvableRequests } from '../approvable-requests.js';
import type { GroupGate } from '../group-gate.js';

/**
 * Sends a person the approval cards they never received — called when they first become
 * reachable (installed the Teams app, opened the web chat), so a request sent while they were
 * unreachable is not lost. Returns how many cards went out.
 */
export async function deliverWaitingApprovals(gate: GroupGate, person: DirectoryUser): Promise<number> {
  let delivered = 0;
  for (const request of await approvableRequests(gate, person)) {
    if ((await approvalCardsOf(gate.store, request)).some((card) => card.userId === person.id)) continue;
    const { delivery, cards } = await gate.messenger.sendApprovalCard(request, person.id);
    if (cards.length > 0) await recordApprovalCards(gate.requests, request, cards);
    if (delivery === 'sent') delivered++;
  }
  return delivered;
}
