import type { DirectoryGroup } from '../model/directory-group.js';
import type { DirectoryUser } from '../model/directory-user.js';
import type { UserId } from '../model/ids.js';
import type { MembershipWrite } from '../ports/directory.js';
import { err, ok, type Result } from '../result.js';
import { assessOwnerChange } from './assess-group-change.js';
import { readActorRights, type OwnerToolPorts } from './owner-tool-ports.js';
import type { OwnerChangeRefusal } from './owner-tool-refusal.js';

/** An owner's (or admin's) add or remove of one owner. */
export interface OwnerChangeInput {
  readonly actor: DirectoryUser;
  readonly group: DirectoryGroup;
  readonly userId: UserId;
  readonly change: 'add' | 'remove';
}

/**
 * Adds or removes an owner, within Entra's limits: at most 100 owners, and never none unless an
 * admin does it. Two owners removing each other at once could both pass the check, so a removal
 * that left the group without owners is undone (each undoes their own, and both stay owners).
 */
export async function changeOwner(ports: OwnerToolPorts, input: OwnerChangeInput): Promise<Result<MembershipWrite, OwnerChangeRefusal>> {
  const { actor, group, userId, change } = input;
  const rights = await readActorRights(ports.directory, actor, group.id);
  const verdict = assessOwnerChange(group, change, rights, rights.owners, userId);
  if (!verdict.ok) return verdict;
  if (change === 'add') return ok(await ports.directory.addOwner(group.id, userId));
  const write = await ports.directory.removeOwner(group.id, userId);
  if (!rights.isAdmin && (await ports.directory.listOwners(group.id)).length === 0) {
    await ports.directory.addOwner(group.id, userId);
    return err({ reason: 'lastOwner' });
  }
  return ok(write);
}
