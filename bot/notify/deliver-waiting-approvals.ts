import { approvalCardsOf, recordApprovalCards } from '../../domain/join-requests/approval-cards.js';
import type { Platform } from '../../domain/join-requests/join-request.js';
import type { DirectoryUser } from '../../domain/model/directory-user.js';
import { approvableRequests } from '../approvable-requests.js';
import type { GroupGate } from '../group-gate.js';

/**
 * Sends a person, on the platform where they just became reachable (installed the Teams app,
 * opened the web chat), the approval cards they have no copy of there — so a request sent while
 * they were unreachable is not lost, and one whose card went to the web chat still reaches them
 * in Teams once they install it. Returns how many cards went out.
 */
export async function deliverWaitingApprovals(gate: GroupGate, person: DirectoryUser, platform: Platform): Promise<number> {
  let delivered = 0;
  for (const request of await approvableRequests(gate, person)) {
    const cards = await approvalCardsOf(gate.store, request);
    if (cards.some((card) => card.userId === person.id && card.location.platform === platform)) continue;
    const sent = await gate.messenger.sendApprovalCard(request, person.id, 'Join request', platform);
    if (sent.cards.length > 0) await recordApprovalCards(gate.requests, request, sent.cards);
    if (sent.delivery === 'sent') delivered++;
  }
  return delivered;
}
