import type { DirectoryGroup } from '../domain/model/directory-group.js';
import type { Directory, GroupPage, RecordIds, RecordsRead } from '../domain/ports/directory.js';
import { currentRequest } from './request-context.js';

/** The reads worth remembering within one turn: one id in, one answer out, asked again and again. */
const remembered = ['getUser', 'getGroup', 'listOwners', 'memberCount', 'isMember'] as const;
/**
 * The writes, and what each may have changed. A membership write changes that group's member
 * reads only, and an ownership write its owners: the user and group records the rest of the turn
 * names (the audit entry, the card, the notices) stay remembered. Any other write forgets everything.
 */
const writes = {
  addMember: membershipReadsOf,
  removeMember: membershipReadsOf,
  addOwner: (groupId: unknown) => [keyOf('listOwners', [groupId])],
  removeOwner: (groupId: unknown) => [keyOf('listOwners', [groupId])],
  createGroup: () => 'everything',
  setMembershipRule: () => 'everything',
  updateUser: () => 'everything',
  updateGroup: () => 'everything',
} satisfies Record<string, (...args: unknown[]) => Changed>;

// A turn lasts milliseconds; background work a turn started may run on for longer, and must then see
// what others changed meanwhile.
const freshForMs = 1_000;

interface Remembered {
  readonly at: number;
  readonly answer: Promise<unknown>;
}

const memos = new WeakMap<object, Map<string, Remembered>>();

/** The remembered reads a write may have changed, by key, or all of them. */
type Changed = readonly string[] | 'everything';

function membershipReadsOf(groupId: unknown): string[] {
  return [keyOf('memberCount', [groupId]), `${keyOf('isMember', [groupId])}\u0000`];
}

/** A remembered read's key; a key ending in the separator stands for every read it begins. */
const keyOf = (name: string, args: readonly unknown[]) => `${name}\u0000${args.map(String).join('\u0000')}`;

function memoOf(request: object | undefined): Map<string, Remembered> | undefined {
  if (!request) return undefined;
  let memo = memos.get(request);
  if (!memo) memos.set(request, (memo = new Map()));
  return memo;
}

function forgetChanged(request: object | undefined, changed: Changed): void {
  if (!request) return;
  if (changed === 'everything') return void memos.delete(request);
  const memo = memos.get(request);
  for (const key of memo?.keys() ?? []) if (changed.some((gone) => key === gone || (gone.endsWith('\u0000') && key.startsWith(gone)))) memo!.delete(key);
}

/**
 * The directory with each read remembered for the rest of the request being served: a click names
 * the requester, the group and the decider in the decision, the audit entries, the card and the
 * notices, and each would otherwise be a store read of its own. A write through this directory
 * forgets what it may have changed (see `writes`), and nothing is shared between requests. Like
 * injectFault, the copy keeps the original's prototype, so type checks on the directory still hold.
 */
export function memoiseTurnReads(directory: Directory): Directory {
  const memoised = Object.create(directory) as Directory;
  const target = memoised as unknown as Record<string, unknown>;
  const original = directory as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
  for (const name of remembered) {
    target[name] = (...args: unknown[]) => {
      const call = () => original[name]!.apply(directory, args);
      const memo = memoOf(currentRequest());
      if (!memo) return call();
      const key = keyOf(name, args);
      const hit = memo.get(key);
      if (hit && Date.now() - hit.at < freshForMs) return hit.answer;
      const answer = call();
      memo.set(key, { at: Date.now(), answer });
      // A failed read is not remembered: the next ask tries again.
      answer.catch(() => memo.get(key)?.answer === answer && memo.delete(key));
      return answer;
    };
  }
  if (typeof original['readRecords'] === 'function') target['readRecords'] = (ids: RecordIds) => readRecordsRemembered(directory, ids);
  // A group found by name is the group the turn goes on to name by id (`join Atlas Project`): remember it as read.
  for (const name of ['findGroupsByName', 'searchGroups'] as const) {
    target[name] = async (...args: unknown[]) => {
      const found = (await original[name]!.apply(directory, args)) as readonly DirectoryGroup[] | GroupPage;
      rememberGroups(memoOf(currentRequest()), 'groups' in found ? found.groups : found);
      return found;
    };
  }
  for (const [name, changed] of Object.entries(writes) as Array<[string, (...args: unknown[]) => Changed]>) {
    if (typeof original[name] !== 'function') continue;
    target[name] = async (...args: unknown[]) => {
      const request = currentRequest();
      const forget = () => forgetChanged(request, changed(...args));
      forget();
      try {
        // Called on the memoised directory, so what the write reads first (the group it writes to) comes from the turn's reads too.
        return await original[name]!.apply(memoised, args);
      } finally {
        // What was read while the write ran may predate it.
        forget();
      }
    };
  }
  return memoised;
}

function rememberGroups(memo: Map<string, Remembered> | undefined, groups: readonly DirectoryGroup[]): void {
  const at = Date.now();
  for (const group of groups) memo?.set(keyOf('getGroup', [group.id]), { at, answer: Promise.resolve(group) });
}

/**
 * Reads together the users and groups the turn has not read yet (one round trip), remembers each
 * as its own getUser or getGroup, and answers from what is remembered, so the calls that follow
 * one by one read nothing.
 */
async function readRecordsRemembered(directory: Directory, ids: RecordIds): Promise<RecordsRead> {
  const memo = memoOf(currentRequest());
  const users = [...new Set(ids.users ?? [])];
  const groups = [...new Set(ids.groups ?? [])];
  const fresh = (name: string, id: string) => {
    const hit = memo?.get(keyOf(name, [id]));
    return hit !== undefined && Date.now() - hit.at < freshForMs;
  };
  const toRead = { users: users.filter((id) => !fresh('getUser', id)), groups: groups.filter((id) => !fresh('getGroup', id)) };
  if (!memo) return directory.readRecords!(ids);
  if (toRead.users.length + toRead.groups.length > 0) {
    const read = directory.readRecords!(toRead);
    const at = Date.now();
    toRead.users.forEach((id, i) => memo.set(keyOf('getUser', [id]), { at, answer: read.then((r) => r.users[i]) }));
    toRead.groups.forEach((id, i) => memo.set(keyOf('getGroup', [id]), { at, answer: read.then((r) => r.groups[i]) }));
    // A failed read is not remembered: the next ask tries again.
    read.catch(() => [...toRead.users.map((id) => keyOf('getUser', [id])), ...toRead.groups.map((id) => keyOf('getGroup', [id]))].forEach((key) => memo.delete(key)));
  }
  const answer = (name: string) => (id: string) => memo.get(keyOf(name, [id]))!.answer as Promise<never>;
  const [readUsers, readGroups] = await Promise.all([Promise.all((ids.users ?? []).map(answer('getUser'))), Promise.all((ids.groups ?? []).map(answer('getGroup')))]);
  return { users: readUsers, groups: readGroups };
}
