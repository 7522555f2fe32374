import { isAdmin, type DirectoryUser } from '../../domain/model/directory-user.js';
import type { Directory } from '../../domain/ports/directory.js';

/** A person the page offers to "be", with their role in words. */
export interface WebPerson {
  readonly id: string;
  readonly name: string;
  /** "Analyst · Research". */
  readonly title: string;
  /** "Global Administrator · owner of Helpdesk Admins", "owner of Atlas Project", "requester". */
  readonly role: string;
  readonly kind: 'admin' | 'owner' | 'requester';
}

const order: Record<WebPerson['kind'], number> = { admin: 0, owner: 1, requester: 2 };

/** Everyone who can sign in, admins first, then owners, then everyone else, each by name. */
export async function webPeople(directory: Directory): Promise<WebPerson[]> {
  const users = (await directory.listUsers()).filter((user) => user.accountEnabled !== false);
  const groupNames = new Map((await directory.listGroups()).map((group) => [group.id, group.displayName] as const));
  const people = await Promise.all(
    users.map(async (user) => describe(user, (await directory.groupsOwnedBy(user.id)).map((id) => groupNames.get(id) ?? id))),
  );
  return people.sort((a, b) => order[a.kind] - order[b.kind] || a.name.localeCompare(b.name));
}

function describe(user: DirectoryUser, owns: readonly string[]): WebPerson {
  const roles = isAdmin(user) ? [...(user.roles ?? [])] : [];
  const owner = owns.length > 0 ? [`owner of ${owns.join(', ')}`] : [];
  return {
    id: user.id,
    name: user.displayName,
    title: [user.jobTitle, user.department].filter(Boolean).join(' · '),
    role: [...roles, ...owner].join(' · ') || 'requester',
    kind: roles.length > 0 ? 'admin' : owner.length > 0 ? 'owner' : 'requester',
  };
}
