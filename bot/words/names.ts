import type { UserId } from '../../domain/model/ids.js';
import type { Directory } from '../../domain/ports/directory.js';
import { readRecords } from '../../domain/ports/read-records.js';

/** Display names for user ids, in the same order; unknown ids read "someone". */
export async function displayNames(directory: Directory, ids: readonly UserId[]): Promise<string[]> {
  const { users } = await readRecords(directory, { users: ids });
  return users.map((u) => u?.displayName ?? 'someone');
}

/** "Ines Duarte", "Ines Duarte and Tomas Berg", "A, B and C". */
export function andList(names: readonly string[]): string {
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}
