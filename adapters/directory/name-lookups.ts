import type { DirectoryGroup } from '../../domain/model/directory-group.js';
import type { DirectoryUser } from '../../domain/model/directory-user.js';
import { groupId, userId, type GroupId, type UserId } from '../../domain/model/ids.js';
import type { Directory, GroupPage, GroupSearch, NameCandidate, UserPage } from '../../domain/ports/directory.js';
import type { GroupNameIndex } from './group-name-index.js';
import { byName, foldName } from './index-entries.js';
import type { UserNameIndex } from './user-name-index.js';

/** How a directory reads the objects found (together, in order), and who holds admin roles: what the lookups need besides the indexes. */
export interface LookupReads {
  readonly getGroups: (ids: readonly GroupId[]) => Promise<ReadonlyArray<DirectoryGroup | undefined>>;
  readonly getUsers: (ids: readonly UserId[]) => Promise<ReadonlyArray<DirectoryUser | undefined>>;
  readonly adminIds: () => Promise<readonly string[]>;
}

// A person search reads at most this many records to check the typed text against every name;
// beyond it, display names alone decide (they ride in the index).
const maxChecked = 200;

/** The Directory port's name lookups over a directory's indexes: each reads a few sets and then only the objects it returns. */
export type NameLookupMethods = Pick<Directory, 'findGroupsByName' | 'searchGroups' | 'groupNamesLike' | 'findUsersByName' | 'searchUsers' | 'userNamesLike' | 'listAdmins'>;

/** Builds the lookups shared by the embedded directory and the Graph directory's copy. */
export function nameLookups(groups: GroupNameIndex, users: UserNameIndex, reads: LookupReads): NameLookupMethods {
  // A page of results is read in one round trip, not one per result.
  const groupsById = async (ids: readonly string[]) => present(ids.length ? await reads.getGroups(ids.map(groupId)) : []);
  const usersById = async (ids: readonly string[]) => present(ids.length ? await reads.getUsers(ids.map(userId)) : []);
  return {
    findGroupsByName: async (name) => groupsById(await groups.named(name)),
    async searchGroups(words: string, page: GroupSearch): Promise<GroupPage> {
      const found = await groups.search(words, page);
      return { groups: await groupsById(found.names.map((n) => n.id)), total: found.total };
    },
    groupNamesLike: (typed, limit): Promise<readonly NameCandidate[]> => groups.like(typed, limit),
    findUsersByName: async (name) => usersById(await users.named(name)),
    async searchUsers(words: string, limit: number): Promise<UserPage> {
      const wanted = foldName(words);
      const candidates = (await users.sharingPrefixes(words)).sort(byName);
      if (candidates.length > maxChecked) {
        const named = candidates.filter((c) => foldName(c.displayName).includes(wanted));
        return { users: await usersById(named.slice(0, limit).map((c) => c.id)), total: named.length };
      }
      const matching = (await usersById(candidates.map((c) => c.id))).filter((u) => namesOf(u).some((n) => n.includes(wanted)));
      return { users: matching.slice(0, limit), total: matching.length };
    },
    userNamesLike: (typed, limit): Promise<readonly NameCandidate[]> => users.like(typed, limit),
    listAdmins: async () => (await usersById(await reads.adminIds())).filter((u) => (u.roles ?? []).length > 0),
  };
}

/** The names a person is found by, folded. */
export const namesOf = (u: DirectoryUser) => [u.displayName, u.mail ?? '', u.userPrincipalName, u.mailNickname ?? ''].map(foldName);

const present = <T>(items: readonly (T | undefined)[]): T[] => items.filter((item): item is T => item !== undefined);
