import { isDynamic, isManagedInExchange, isSyncedFromOnPremises, type DirectoryGroup } from '../model/directory-group.js';
import { err, ok, type Result } from '../result.js';
import type { GroupKindRefusal, GroupSettingsRefusal, MemberChangeRefusal, OwnerChangeRefusal } from './owner-tool-refusal.js';

/** Entra's limit on owners per group. */
export const maxOwners = 100;

/** Who is acting, as far as rights go. */
export interface ActorRights {
  readonly isOwner: boolean;
  /** Groups or Global Administrator: may act on any group, and leave one without owners. */
  readonly isAdmin: boolean;
}

/** Groups whose members nobody changes by hand here: rule-filled, synced from AD DS, or managed in Exchange. */
export function groupKindRefusal(group: DirectoryGroup): GroupKindRefusal | undefined {
  if (isDynamic(group)) return { reason: 'dynamicGroup', membershipRule: group.membershipRule ?? '' };
  if (isSyncedFromOnPremises(group)) return { reason: 'syncedFromOnPremises' };
  if (isManagedInExchange(group)) return { reason: 'mailEnabledOrDistributionList' };
  return undefined;
}

/** Decides an owner's direct add or remove of a member: the group's kind first, then rights, then whether it would change anything. */
export function assessMemberChange(group: DirectoryGroup, change: 'add' | 'remove', rights: ActorRights, targetIsMember: boolean): Result<'add' | 'remove', MemberChangeRefusal> {
  const kind = groupKindRefusal(group);
  if (kind) return err(kind);
  if (!rights.isOwner && !rights.isAdmin) return err({ reason: 'notAnOwner' });
  if (change === 'add' && targetIsMember) return err({ reason: 'alreadyMember' });
  if (change === 'remove' && !targetIsMember) return err({ reason: 'notMember' });
  return ok(change);
}

/**
 * Decides adding or removing an owner. Owners of a dynamic group can be changed (its rule fills
 * members, not owners); synced and Exchange-managed groups cannot. Nobody but an admin takes a
 * group below one owner, and no group gets more than 100.
 */
export function assessOwnerChange(group: DirectoryGroup, change: 'add' | 'remove', rights: ActorRights, owners: readonly string[], targetId: string): Result<'add' | 'remove', OwnerChangeRefusal> {
  const kind = groupKindRefusal(group);
  if (kind && kind.reason !== 'dynamicGroup') return err(kind);
  if (!rights.isOwner && !rights.isAdmin) return err({ reason: 'notAnOwner' });
  const isOwner = owners.includes(targetId);
  if (change === 'add') {
    if (isOwner) return err({ reason: 'alreadyOwner' });
    if (owners.length >= maxOwners) return err({ reason: 'ownerLimit', limit: maxOwners });
    return ok(change);
  }
  if (!isOwner) return err({ reason: 'notOwner' });
  if (owners.length <= 1 && !rights.isAdmin) return err({ reason: 'lastOwner' });
  return ok(change);
}

/** Decides whether someone may change a group's join settings (policy, reason, duration). */
export function assessSettingsChange(group: DirectoryGroup, rights: ActorRights): Result<'change', GroupSettingsRefusal> {
  const kind = groupKindRefusal(group);
  if (kind) return err(kind);
  return rights.isOwner || rights.isAdmin ? ok('change') : err({ reason: 'notAnOwner' });
}
