import { assignsLicenses, type DirectoryGroup } from '../model/directory-group.js';
import type { DirectoryUser } from '../model/directory-user.js';
import type { UserId } from '../model/ids.js';
import { announceMembershipChange } from '../join-requests/notify-members.js';
import type { MembershipWrite } from '../ports/directory.js';
import { ok, type Result } from '../result.js';
import { assessMemberChange } from './assess-group-change.js';
import { readActorRights, type OwnerToolPorts } from './owner-tool-ports.js';
import type { MemberChangeRefusal } from './owner-tool-refusal.js';
import { newChangeId, pendingChangeKey, pendingChangeLifetimeMs, pendingChangeTtlMs, type PendingMemberChange } from './pending-member-change.js';

/** An owner's add or remove of one member. */
export interface MemberChangeInput {
  readonly actor: DirectoryUser;
  readonly group: DirectoryGroup;
  readonly userId: UserId;
  readonly change: 'add' | 'remove';
}

/** Done at once, or — for a group that assigns licenses — waiting for the owner to confirm. */
export type MemberChangeOutcome =
  | { readonly kind: 'done'; readonly write: MembershipWrite }
  | { readonly kind: 'confirm'; readonly pending: PendingMemberChange };

/**
 * An owner (or admin) adds or removes a member directly, no request needed. Where the group
 * assigns licenses the change waits for a confirmation, so the owner sees the license impact first.
 */
export async function changeMember(ports: OwnerToolPorts, input: MemberChangeInput): Promise<Result<MemberChangeOutcome, MemberChangeRefusal>> {
  const { actor, group, userId, change } = input;
  const [rights, isMember] = await Promise.all([readActorRights(ports.directory, actor, group.id), ports.directory.isMember(group.id, userId)]);
  const verdict = assessMemberChange(group, change, rights, isMember);
  if (!verdict.ok) return verdict;
  if (!assignsLicenses(group)) return ok({ kind: 'done', write: await applyMemberChange(ports, group, userId, change) });
  const now = ports.clock.now();
  const pending: PendingMemberChange = {
    id: newChangeId(ports.random), groupId: group.id, userId, change, requestedBy: actor.id,
    createdAt: now.toISOString(), expiresAt: new Date(now.getTime() + pendingChangeLifetimeMs).toISOString(), status: 'pending',
  };
  await ports.store.put(pendingChangeKey(pending.id), pending, { ttlMs: pendingChangeTtlMs });
  return ok({ kind: 'confirm', pending });
}

/** Writes the change to the directory (idempotent) and, when it changed something, tells the membership listeners (licensing). */
export async function applyMemberChange(ports: OwnerToolPorts, group: DirectoryGroup, userId: UserId, change: 'add' | 'remove'): Promise<MembershipWrite> {
  const write = change === 'add' ? await ports.directory.addMember(group.id, userId) : await ports.directory.removeMember(group.id, userId);
  if (write === 'changed') await announceMembershipChange(ports.membershipListeners, group.id, userId, change === 'add' ? 'added' : 'removed', 'ownerAction');
  return write;
}
