import { z } from 'zod';
import { isAdmin, type DirectoryUser } from '../../domain/model/directory-user.js';
import { groupId, userId } from '../../domain/model/ids.js';
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

/** GET /web/api/people?search=<typed name> or ?id=<person>; neither: the first page. */
export const peopleQuery = z.strictObject({
  search: z.string().trim().max(100, 'type at most 100 characters to search for a person').optional(),
  id: z.string().regex(/^[\w-]{1,64}$/, 'expected the id of a person').optional(),
});
export type PeopleQuery = z.infer<typeof peopleQuery>;

/** At most this many people per answer: the page asks again as the filter is typed. */
export const peoplePerPage = 25;

// The sample tenant's stories (the welcome panel, npm start's banner) start with these people: on the
// first page, with the admins (read from the role index), so the page starts without listing anyone.
const storyPeople = ['Rowan Pike', 'Ines Duarte', 'Ada Ito', 'Dana Lee', 'Riley Chen'];

const order: Record<WebPerson['kind'], number> = { admin: 0, owner: 1, requester: 2 };

/**
 * Who the page offers, admins first, then owners, then everyone else, each by name: the people whose
 * names the search begins (the user-name index), one person by id, or the first page (the admins and
 * the stories' people). Each costs the page it answers, never a listing of the tenant.
 */
export async function webPeople(directory: Directory, query: PeopleQuery = {}): Promise<WebPerson[]> {
  const users = await peopleFor(directory, query);
  const enabled = [...new Map(users.filter((u) => u.accountEnabled !== false).map((u) => [u.id, u] as const)).values()].slice(0, peoplePerPage);
  const owned = await Promise.all(enabled.map((user) => directory.groupsOwnedBy(user.id)));
  // An owner of thousands of groups is described by a few of them, so the page reads a few names each.
  const groupIds = [...new Set(owned.flatMap((ids) => ids.slice(0, namedGroups)))];
  const groups = await Promise.all(groupIds.map((id) => directory.getGroup(groupId(id))));
  const names = new Map(groupIds.map((id, i) => [id, groups[i]?.displayName ?? id] as const));
  const people = enabled.map((user, i) => describe(user, owned[i]!.slice(0, namedGroups).map((id) => names.get(id) ?? id), owned[i]!.length));
  return people.sort((a, b) => order[a.kind] - order[b.kind] || a.name.localeCompare(b.name));
}

async function peopleFor(directory: Directory, query: PeopleQuery): Promise<readonly DirectoryUser[]> {
  if (query.id) return [await directory.getUser(userId(query.id))].filter((u): u is DirectoryUser => u !== undefined);
  if (query.search) return (await directory.searchUsers(query.search, peoplePerPage)).users;
  const [admins, story] = await Promise.all([directory.listAdmins(), Promise.all(storyPeople.map((name) => directory.findUsersByName(name)))]);
  return [...story.flat(), ...admins];
}

const namedGroups = 3;

function describe(user: DirectoryUser, owns: readonly string[], ownedCount: number): WebPerson {
  const roles = isAdmin(user) ? [...(user.roles ?? [])] : [];
  const more = ownedCount > owns.length ? ` and ${ownedCount - owns.length} more` : '';
  const owner = owns.length > 0 ? [`owner of ${owns.join(', ')}${more}`] : [];
  return {
    id: user.id,
    name: user.displayName,
    title: [user.jobTitle, user.department].filter(Boolean).join(' · '),
    role: [...roles, ...owner].join(' · ') || 'requester',
    kind: roles.length > 0 ? 'admin' : owner.length > 0 ? 'owner' : 'requester',
  };
}
