import { decideMemberChange } from '../../domain/group-management/confirm-member-change.js';
import { pendingChangeKey, type PendingMemberChange } from '../../domain/group-management/pending-member-change.js';
import type { GroupGate } from '../group-gate.js';
import type { CardActionResult } from '../handle-card-action.js';
import type { Turn } from '../turn.js';
import { pendingChangeRefusalWords } from '../words/owner-tool-words.js';
import { memberChangeCard } from './member-change-card.js';
import { tellPerson } from './tell-person.js';

/**
 * A click on Confirm or Cancel of an owner's member change. The clicker is who the platform says;
 * the first decision wins; the card comes back as it now stands, and a late or foreign click gets
 * the reason in words.
 */
export async function decideMemberChangeClick(gate: GroupGate, turn: Turn, changeId: string, verdict: 'confirm' | 'cancel'): Promise<CardActionResult> {
  const outcome = await decideMemberChange(gate.requests, changeId, turn.actor, verdict);
  if (outcome.ok) {
    const { change, group, write } = outcome.value;
    if (write === 'changed') {
      const person = await gate.directory.getUser(change.userId);
      if (person) tellPerson(gate, turn.actor, person, group, change.change === 'add' ? 'addedMember' : 'removedMember');
    }
    return { card: await memberChangeCard(gate, change), reply: [] };
  }
  const record = await gate.store.get<PendingMemberChange>(pendingChangeKey(changeId));
  const [group, person] = record ? await Promise.all([gate.directory.getGroup(record.groupId), gate.directory.getUser(record.userId)]) : [undefined, undefined];
  const words = pendingChangeRefusalWords(outcome.error, { ...(group ? { group } : {}), ...(person ? { person } : {}), ...(record ? { change: record.change } : {}), now: gate.clock.now() });
  // Someone else's click never shows them the card; the asker sees the card as it stands, with why nothing happened.
  if (!record || outcome.error.reason === 'notRequester') return { reply: [words] };
  return { card: await memberChangeCard(gate, record, words.lines[0]), reply: [] };
}
