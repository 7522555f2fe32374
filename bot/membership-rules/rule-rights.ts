import { isDynamic, type DirectoryGroup } from '../../domain/model/directory-group.js';
import { isAdmin, isGroupAdmin, type DirectoryUser } from '../../domain/model/directory-user.js';
import type { Directory } from '../../domain/ports/directory.js';

/** Previews of any rule text: admins, and owners of at least one dynamic group. */
export async function mayPreviewRules(directory: Directory, person: DirectoryUser): Promise<boolean> {
  if (isAdmin(person)) return true;
  for (const id of await directory.groupsOwnedBy(person.id)) {
    const group = await directory.getGroup(id);
    if (group && isDynamic(group)) return true;
  }
  return false;
}

/** Looking at a group's rule (preview for it, check anyone against it): its owners and admins. */
export async function mayReadGroupRule(directory: Directory, person: DirectoryUser, group: DirectoryGroup): Promise<boolean> {
  return isAdmin(person) || (await directory.listOwners(group.id)).includes(person.id);
}

/** Changing a group's rule (propose, apply, cancel): its owners, Groups and Global Administrators — read now, never from a card. */
export async function mayChangeGroupRule(directory: Directory, person: DirectoryUser, group: DirectoryGroup): Promise<boolean> {
  return isGroupAdmin(person) || (await directory.listOwners(group.id)).includes(person.id);
}
