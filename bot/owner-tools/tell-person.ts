import type { DirectoryGroup } from '../../domain/model/directory-group.js';
import type { DirectoryUser } from '../../domain/model/directory-user.js';
import { bold, code, message, type Span } from '../../cards/card-view.js';
import type { GroupGate } from '../group-gate.js';

/** What an owner did to someone. */
export type OwnerAct = 'addedMember' | 'removedMember' | 'addedOwner' | 'removedOwner';

const phrases: Record<OwnerAct, [string, readonly Span[]]> = {
  addedMember: ['added you to ', ['.']],
  removedMember: ['removed you from ', ['.']],
  addedOwner: ['made you an owner of ', [' — you can now approve its join requests and manage its members (type ', code('help'), ').']],
  removedOwner: ['removed you as an owner of ', ['.']],
};

/**
 * Tells the person an owner added or removed, in a direct message on every platform they use,
 * in the background (the owner's reply does not wait). Nobody is told about what they did themselves.
 */
export function tellPerson(gate: GroupGate, actor: DirectoryUser, person: DirectoryUser, group: DirectoryGroup, act: OwnerAct): void {
  if (actor.id === person.id) return;
  const [before, after] = phrases[act];
  const card = message([[`${actor.displayName} ${before}`, bold(group.displayName), ...after]], { tone: act === 'addedMember' || act === 'addedOwner' ? 'good' : 'default' });
  gate.background.run('owner tools: tell the person', () => gate.messenger.sendToUser(person.id, card));
}
