import { requestsOf } from '../../domain/join-requests/join-request-index.js';
import { bold, type ListRow } from '../../cards/card-view.js';
import { defineCommand } from './command-spec.js';
import { ago, since } from '../words/time-words.js';

const statusWords = { pending: 'waiting', approved: 'approved', denied: 'declined', cancelled: 'cancelled', expired: 'expired' } as const;

/** `my requests` (also `requests`): your join requests, newest first, with Cancel on the waiting ones. */
export const myRequestsCommand = defineCommand({
  name: 'my requests',
  usage: 'my requests',
  description: 'See your join requests and cancel waiting ones',
  audience: 'everyone',
  parse: (text) => (/^(?:my requests?|requests|my join requests)$/i.test(text) ? {} : undefined),
  run: async (gate, turn) => {
    const now = gate.clock.now();
    const mine = (await requestsOf(gate.store, turn.actor.id))
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
      .slice(0, 10);
    const rows: ListRow[] = await Promise.all(
      mine.map(async (r) => {
        const group = await gate.directory.getGroup(r.groupId);
        const when = r.status === 'pending' ? since(r.createdAt, now) : ago(r.decidedAt ?? r.createdAt, now);
        return {
          title: [bold(group?.displayName ?? 'a deleted group'), ` · ${r.id}`],
          detail: [`${statusWords[r.status]} ${when}${r.note ? ` — "${r.note}"` : ''}`],
          buttons: r.status === 'pending' ? [{ action: 'cancel', title: 'Cancel', requestId: r.id }] : [],
        } satisfies ListRow;
      }),
    );
    return [{ kind: 'list', title: 'Your requests', ...(rows.length === 0 ? { intro: [["You haven't asked to join any group yet. Try ", bold('groups'), '.']] } : {}), rows }];
  },
});
