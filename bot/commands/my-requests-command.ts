import { requestsOf } from '../../domain/join-requests/join-request-index.js';
import type { JoinRequest } from '../../domain/join-requests/join-request.js';
import { memberLicenseOutcome } from '../../domain/licensing/member-license-outcome.js';
import { assignsLicenses, type DirectoryGroup } from '../../domain/model/directory-group.js';
import type { DirectoryUser } from '../../domain/model/directory-user.js';
import { bold, type ListRow } from '../../cards/card-view.js';
import type { GroupGate } from '../group-gate.js';
import { nameBook } from '../views/name-book.js';
import { ownOutcomeWords } from '../words/license-words.js';
import { defineCommand } from './command-spec.js';
import { ago, since } from '../words/time-words.js';
import { stageStandingWords } from '../words/stage-words.js';

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
    const groups = await Promise.all(mine.map((r) => gate.directory.getGroup(r.groupId)));
    const license = await licenseWords(gate, turn.actor, mine, groups);
    const rows: ListRow[] = mine.map((r, i) => {
      const when = r.status === 'pending' ? since(r.createdAt, now) : ago(r.decidedAt ?? r.createdAt, now);
      const outcome = license(r);
      return {
        title: [bold(groups[i]?.displayName ?? 'a deleted group'), ` · ${r.id}`],
        detail: [`${statusWords[r.status]} ${when}${stageStandingWords(r)}${outcome ? ` — ${outcome}` : ''}${r.note ? ` — "${r.note}"` : ''}`],
        buttons: r.status === 'pending' ? [{ action: 'cancel', title: 'Cancel', requestId: r.id }] : [],
      } satisfies ListRow;
    });
    return [{ kind: 'list', title: 'Your requests', ...(rows.length === 0 ? { intro: [["You haven't asked to join any group yet. Try ", bold('groups'), '.']] } : {}), rows }];
  },
});

/**
 * What an approved request into a licensing group got the requester: a license, or a place in line
 * for a seat. The licensing picture is read once for the whole list, and only when such a request is in it.
 */
async function licenseWords(gate: GroupGate, me: DirectoryUser, requests: readonly JoinRequest[], groups: readonly (DirectoryGroup | undefined)[]): Promise<(request: JoinRequest) => string | undefined> {
  const licensing = new Set(requests.filter((r, i) => r.status === 'approved' && !r.notApplied && groups[i] && assignsLicenses(groups[i])).map((r) => r.id));
  if (licensing.size === 0) return () => undefined;
  const view = await gate.licensing.view();
  const skus = nameBook(view.snapshot).sku;
  return (request) => {
    if (!licensing.has(request.id)) return undefined;
    const outcome = memberLicenseOutcome(view, me, request.groupId, request.appliedAt ?? request.decidedAt ?? request.createdAt, gate.licensing.rules);
    return outcome && ownOutcomeWords(outcome, skus);
  };
}
