import { message, type Reply } from '../../cards/card-view.js';
import { readRecords } from '../../domain/ports/read-records.js';
import { approvableRequests } from '../approvable-requests.js';
import { defineCommand } from './command-spec.js';

const shown = 5;

/** `pending` (also `approvals`): the requests waiting for you, oldest first, as approval cards. */
export const pendingCommand = defineCommand({
  name: 'pending',
  usage: 'pending',
  description: 'Requests waiting for your approval',
  audience: 'owners',
  parse: (text) => (/^(?:pending|approvals|pending requests|waiting)$/i.test(text) ? {} : undefined),
  run: async (gate, turn) => {
    const waiting = await approvableRequests(gate, turn.actor);
    if (waiting.length === 0) return [message([['Nothing is waiting for you. 🎉']])];
    const oldest = waiting.slice(0, shown);
    // Each card names its requester and group: read them all at once rather than one per card.
    await readRecords(gate.directory, { users: oldest.map((r) => r.requesterId), groups: [...new Set(oldest.map((r) => r.groupId))] });
    const cards = await Promise.all(oldest.map((r) => gate.messenger.approvalCard(r)));
    const reply: Reply = [
      message([[`${waiting.length} request${waiting.length === 1 ? ' is' : 's are'} waiting for you${waiting.length > shown ? ` — here are the ${shown} oldest` : ''}.`]]),
      ...cards,
    ];
    return reply;
  },
});
