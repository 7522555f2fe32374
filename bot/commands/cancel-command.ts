import { cancelOwnJoinRequest } from '../../domain/join-requests/cancel-own-join-request.js';
import { parseJoinRequestId } from '../../domain/join-requests/join-request-id.js';
import type { UserId } from '../../domain/model/ids.js';
import { bold, message, type Reply } from '../../cards/card-view.js';
import type { GroupGate } from '../group-gate.js';
import type { Turn } from '../turn.js';
import { cancelRefusalWords } from '../words/refusal-words.js';
import { defineCommand } from './command-spec.js';

/** `cancel <request>`: the requester withdraws a waiting request. */
export const cancelCommand = defineCommand({
  name: 'cancel',
  usage: 'cancel <request>',
  description: 'Withdraw a request you made (like R-7F3A)',
  audience: 'everyone',
  parse: (text) => /^cancel(?:\s+request)?\s+(\S+)$/i.exec(text)?.[1],
  run: (gate, turn, typed) => cancelRequest(gate, turn, typed),
});

/** Cancels a request by what the person typed or clicked; shared by the command and the Cancel button. */
export async function cancelRequest(gate: GroupGate, turn: Turn, typed: string): Promise<Reply> {
  const requestId = parseJoinRequestId(typed);
  if (!requestId) return [message([[`"${typed}" isn't a request id. Request ids look like R-7F3A; type `, bold('my requests'), ' to see yours.']])];
  const outcome = await cancelOwnJoinRequest(gate.requests, { requestId, requesterId: turn.actor.id, platform: turn.platform });
  if (outcome.ok) {
    const group = await gate.directory.getGroup(outcome.value.groupId);
    return [message([[`Cancelled ${requestId} — you won't be added to `, bold(group?.displayName ?? 'the group'), '.']])];
  }
  const decidedBy = outcome.error.reason === 'alreadyDecided' ? outcome.error.request.decidedBy : undefined;
  const decider = decidedBy ? await gate.directory.getUser(decidedBy as UserId) : undefined;
  return [cancelRefusalWords(outcome.error, decider?.displayName, gate.clock.now())];
}
