import type { DeltaItem } from './graph-schemas.js';

/**
 * The ids a round applied page by page keeps: those it has listed, and (a full round) those stored
 * that it has not listed yet. `storedNone`: the copy held none when the round began (a first load).
 */
export interface RoundIds {
  readonly listed: Set<string>;
  readonly unlisted: Set<string> | undefined;
  readonly storedNone: boolean;
}

/** The ids a round starts from: a full round notes every stored one, to find those it does not list. */
export async function roundIds(full: boolean, stored: () => Promise<string[]>): Promise<RoundIds> {
  const unlisted = full ? new Set(await stored()) : undefined;
  return { listed: new Set(), unlisted, storedNone: unlisted?.size === 0 };
}

/** How a page reaches the copy: what is queued is written by `flush`; `read` gives the stored records, in the order asked. */
export interface PageStore<T> {
  flush(): Promise<void>;
  read(ids: readonly string[]): Promise<Array<T | undefined>>;
}

/**
 * One page of a round, object by object, each with its stored record (one read for the page) and
 * whether an earlier page of the round listed it (`again`: Graph sent it twice, or split it). When
 * the page names such an object, what is queued is written first, so it is read back as written.
 * A round that began on an empty copy reads only those: nothing else can be stored.
 */
export async function walkRoundPage<T>(
  ids: RoundIds, items: ReadonlyMap<string, DeltaItem>, store: PageStore<T>,
  each: (item: DeltaItem, old: T | undefined, again: boolean) => Promise<void>,
): Promise<void> {
  const page = [...items.keys()];
  const again = page.filter((id) => ids.listed.has(id));
  if (again.length > 0) await store.flush();
  const toRead = ids.storedNone ? again : page;
  const stored = new Map((await store.read(toRead)).map((record, i) => [toRead[i]!, record] as const));
  for (const id of page) {
    const seen = ids.listed.has(id);
    ids.listed.add(id);
    ids.unlisted?.delete(id);
    await each(items.get(id)!, stored.get(id), seen);
  }
}
