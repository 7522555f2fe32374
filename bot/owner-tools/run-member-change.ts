import { changeMember } from '../../domain/group-management/change-member.js';
import { bold, message, type Reply } from '../../cards/card-view.js';
import type { GroupGate } from '../group-gate.js';
import type { Turn } from '../turn.js';
import { memberChangeRefusalWords } from '../words/owner-tool-words.js';
import { memberChangeCard } from './member-change-card.js';
import { resolvePersonAndGroup } from './resolve-person-and-group.js';
import { tellPerson } from './tell-person.js';

/** `add <person> to <group>` and `remove <person> from <group>`: an owner changes a member directly. */
export async function runMemberChange(gate: GroupGate, turn: Turn, typed: { readonly person: string; readonly group: string }, change: 'add' | 'remove'): Promise<Reply> {
  const retry = (person: string, group: string) => (change === 'add' ? `add ${person} to ${group}` : `remove ${person} from ${group}`);
  const found = await resolvePersonAndGroup(gate, turn, typed, retry);
  if ('reply' in found) return found.reply;
  const { person, group } = found;
  const outcome = await changeMember(gate.requests, { actor: turn.actor, group, userId: person.id, change });
  if (!outcome.ok) return [memberChangeRefusalWords(outcome.error, group, person, change)];
  if (outcome.value.kind === 'confirm') return [await memberChangeCard(gate, outcome.value.pending)];
  if (outcome.value.write === 'changed') tellPerson(gate, turn.actor, person, group, change === 'add' ? 'addedMember' : 'removedMember');
  const done = change === 'add' ? ['Done — ', bold(person.displayName), ' is now a member of ', bold(group.displayName), '.'] : ['Done — ', bold(person.displayName), ' is no longer a member of ', bold(group.displayName), '.'];
  return [message([done], { tone: 'good' })];
}
