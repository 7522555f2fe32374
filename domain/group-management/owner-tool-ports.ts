import type { DirectoryUser } from '../model/directory-user.js';
import { isGroupAdmin } from '../model/directory-user.js';
import type { GroupId, UserId } from '../model/ids.js';
import type { Clock } from '../ports/clock.js';
import type { Directory } from '../ports/directory.js';
import type { MembershipListener } from '../ports/membership-events.js';
import type { Store } from '../ports/store.js';
import type { ActorRights } from './assess-group-change.js';

/** What the owner tools need from the outside world (the join-request ports have all of it). */
export interface OwnerToolPorts {
  readonly store: Store;
  readonly directory: Directory;
  readonly clock: Clock;
  /** Numbers in [0, 1) for change ids. */
  readonly random: () => number;
  readonly membershipListeners: readonly MembershipListener[];
}

/** The actor's rights on a group, with its owners read now (Graph reads them live). */
export async function readActorRights(directory: Directory, actor: DirectoryUser, groupId: GroupId): Promise<ActorRights & { readonly owners: readonly UserId[] }> {
  const owners = await directory.listOwners(groupId);
  return { owners, isOwner: owners.includes(actor.id), isAdmin: isGroupAdmin(actor) };
}
