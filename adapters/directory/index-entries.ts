import type { Store, StoreWrite } from '../../domain/ports/store.js';

/** One entry of a name index: `member` in the set at `key`. */
export interface IndexEntry {
  readonly key: string;
  readonly member: string;
}

/** A named object as an index holds it: enough to sort, show and suggest without reading it. */
export interface IndexedName {
  readonly id: string;
  readonly displayName: string;
}

/** How people type a name: case and runs of spaces ignored. The same fold as the chat commands use. */
export const foldName = (text: string) => text.toLowerCase().replace(/\s+/g, ' ').trim();

// Words are letters and digits; longer words are indexed by their first this-many characters.
const maxWordLength = 24;

/** The words of a text, folded, each cut to the indexed length, without repeats. */
export function wordsOf(text: string | null | undefined): string[] {
  if (!text) return [];
  return [...new Set(foldName(text).split(/[^\p{L}\p{N}]+/u).filter(Boolean).map((word) => word.slice(0, maxWordLength)))];
}

/** Every prefix of a word, shortest first. */
export const prefixesOf = (word: string) => Array.from({ length: word.length }, (_, i) => word.slice(0, i + 1));

/** A set member carrying the name beside the id, so a search sorts and shows a page without reading each object. */
export const namedMember = (displayName: string, id: string) => `${displayName}\u0000${id}`;

/** The name and id back out of a named member. */
export function readNamedMember(member: string): IndexedName {
  const split = member.lastIndexOf('\u0000');
  return { displayName: member.slice(0, split), id: member.slice(split + 1) };
}

/** Named members in the order people read lists: by name, then id. */
export const byName = (a: IndexedName, b: IndexedName) => a.displayName.localeCompare(b.displayName) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** The writes that turn the entries an object had (`before`) into those it has now (`after`): only the difference. */
export function entryChanges(before: readonly IndexEntry[], after: readonly IndexEntry[]): StoreWrite[] {
  const id = (e: IndexEntry) => `${e.key}\u0001${e.member}`;
  const [had, has] = [new Set(before.map(id)), new Set(after.map(id))];
  return [
    ...before.filter((e) => !has.has(id(e))).map((e): StoreWrite => ({ removeFrom: e.key, members: [e.member] })),
    ...after.filter((e) => !had.has(id(e))).map((e): StoreWrite => ({ addTo: e.key, members: [e.member] })),
  ];
}

// "Did you mean" reads at most about this many set members, whatever the tenant's size.
const maxCandidatesRead = 20_000;

/**
 * Named members of the sets at `keys` (one per typed word), those in the most sets first, at most
 * `limit`: the smallest sets are read first, and no more once about 20,000 members were read, so
 * suggestions stay bounded whatever the tenant's size.
 */
export async function boundedUnion(store: Store, keys: readonly string[], limit: number): Promise<IndexedName[]> {
  const sizes = await Promise.all([...new Set(keys)].map(async (key) => [key, await store.setSize(key)] as const));
  const seen = new Map<string, number>();
  let read = 0;
  for (const [key, size] of sizes.sort((a, b) => a[1] - b[1])) {
    if (read > 0 && read + size > maxCandidatesRead) break;
    read += size;
    for (const member of await store.setMembers(key)) seen.set(member, (seen.get(member) ?? 0) + 1);
  }
  return [...seen].sort((a, b) => b[1] - a[1]).slice(0, limit).map(([member]) => readNamedMember(member));
}
