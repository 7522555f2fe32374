import type { DirectoryGroup } from '../../domain/model/directory-group.js';
import type { DirectoryUser } from '../../domain/model/directory-user.js';
import type { Store, StoreWrite } from '../../domain/ports/store.js';
import type { GroupNameIndex } from './group-name-index.js';
import type { UserNameIndex } from './user-name-index.js';

// Bump when the index entries change shape: stores indexed by an earlier version are indexed again.
const indexVersion = 1;
const batchSize = 2_000;

/** Where a directory keeps its users and groups, and their name indexes. */
export interface IndexedCollections {
  readonly store: Store;
  readonly family: string;
  readonly usersPrefix: string;
  readonly groupsPrefix: string;
  readonly users: UserNameIndex;
  readonly groups: GroupNameIndex;
}

/**
 * Indexes the users and groups a store already holds, once: an earlier version wrote them without
 * name indexes. This one listing of each collection happens at start-up (or before the first sync
 * round); then the mark `<family>:name-index` says it is done, and writes keep the indexes. Adding
 * an entry twice changes nothing, so two instances doing it at once is harmless. Returns how many
 * users and groups it indexed (0 when the store was indexed already).
 */
export async function buildNameIndexes(at: IndexedCollections): Promise<number> {
  const mark = `${at.family}:name-index`;
  if ((await at.store.get<{ version: number }>(mark))?.version === indexVersion) return 0;
  const [users, groups] = await Promise.all([at.store.list<DirectoryUser>(at.usersPrefix), at.store.list<DirectoryGroup>(at.groupsPrefix)]);
  const writes: StoreWrite[] = [...users.flatMap(([, user]) => at.users.changes(undefined, user)), ...groups.flatMap(([, group]) => at.groups.changes(undefined, group))];
  for (let start = 0; start < writes.length; start += batchSize) await at.store.write(writes.slice(start, start + batchSize));
  await at.store.put(mark, { version: indexVersion });
  return users.length + groups.length;
}

/** Marks a store whose collections were written with their indexes from the start (a fresh seed). */
export const markIndexed = (store: Store, family: string) => store.put(`${family}:name-index`, { version: indexVersion });
