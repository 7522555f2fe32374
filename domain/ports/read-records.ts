import type { Directory, RecordIds, RecordsRead } from './directory.js';

/**
 * Users and groups read together where the directory can (one store round trip, remembered for
 * the rest of the turn), else one by one: for code that is about to name several of them.
 */
export async function readRecords(directory: Directory, ids: RecordIds): Promise<RecordsRead> {
  if (directory.readRecords) return directory.readRecords(ids);
  const [users, groups] = await Promise.all([
    Promise.all((ids.users ?? []).map((id) => directory.getUser(id))),
    Promise.all((ids.groups ?? []).map((id) => directory.getGroup(id))),
  ]);
  return { users, groups };
}
