import { changeOwner } from '../../domain/group-management/change-owner.js';
import { bold, message, type Reply } from '../../cards/card-view.js';
import type { GroupGate } from '../group-gate.js';
import { auditTurn } from '../audit/audit-turn.js';
import type { Turn } from '../turn.js';
import { ownerChangeRefusalWords } from '../words/owner-tool-words.js';
import { resolvePersonAndGroup } from './resolve-person-and-group.js';
import { tellPerson } from './tell-person.js';

/** `add owner <person> to <group>` and `remove owner <person> from <group>`. */
export async function runOwnerChange(gate: GroupGate, turn: Turn, typed: { readonly person: string; readonly group: string }, change: 'add' | 'remove'): Promise<Reply> {
  const retry = (person: string, group: string) => (change === 'add' ? `add owner ${person} to ${group}` : `remove owner ${person} from ${group}`);
  const found = await resolvePersonAndGroup(gate, turn, typed, retry);
  if ('reply' in found) return found.reply;
  const { person, group } = found;
  const outcome = await changeOwner(gate.requests, { actor: turn.actor, group, userId: person.id, change });
  if (!outcome.ok) return [ownerChangeRefusalWords(outcome.error, group, person)];
  if (outcome.value === 'changed') {
    tellPerson(gate, turn.actor, person, group, change === 'add' ? 'addedOwner' : 'removedOwner');
    await auditTurn(gate, turn, { action: change === 'add' ? 'owner.added' : 'owner.removed', groupId: group.id, groupName: group.displayName, subjectId: person.id, subjectName: person.displayName });
  }
  const owners = await gate.directory.listOwners(group.id);
  const left = owners.length === 0 ? [[bold(group.displayName), ' has no owners now: join requests go to the admins.']] : [];
  const done = change === 'add' ? [bold(person.displayName), ' now owns ', bold(group.displayName), '.'] : [bold(person.displayName), ' no longer owns ', bold(group.displayName), '.'];
  return [message([done, ...left], { tone: 'good', buttons: [{ action: 'run', title: 'Show owners', command: `owners ${group.displayName}` }] })];
}
