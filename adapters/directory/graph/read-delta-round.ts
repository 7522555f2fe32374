import type { GraphHttp } from './graph-http.js';
import { GraphRequestError } from './graph-request-error.js';
import { deltaItemSchema, parseGraph, type DeltaItem, type Page } from './graph-schemas.js';

/** One complete delta round: every object it reported (by id), and the link that starts the next round. */
export interface DeltaRound {
  readonly items: ReadonlyMap<string, DeltaItem>;
  readonly deltaLink: string;
}

/**
 * A round applied page by page as it is read (readDeltaPages): `page` takes each page's objects,
 * `finish` what is left once the round has ended (what a full round did not list is gone).
 */
export interface RoundApplier {
  page(items: ReadonlyMap<string, DeltaItem>): Promise<void>;
  finish(): Promise<void>;
}

const refLists = ['members@delta', 'owners@delta', 'manager@delta'] as const;

/**
 * Reads a delta round to its end: from the initial query (a full round) or a stored deltaLink (the
 * changes since), following every nextLink as given until Graph hands back a deltaLink. An object
 * can appear on several pages (a big group's members come in parts): its reference lists add up
 * and its later fields win. Nothing is applied until the round is complete, so a round cut short
 * is simply read again from the same link. `minimal` (a delta link's round): Graph sends only the
 * properties that changed, which the appliers merge into the stored objects.
 */
export async function readDeltaRound(http: GraphHttp, start: string, options: { readonly minimal?: boolean } = {}): Promise<DeltaRound> {
  const items = new Map<string, DeltaItem>();
  const deltaLink = await readDeltaPages(http, start, (page) => {
    for (const item of page.values()) items.set(item.id, merge(items.get(item.id), item));
  }, options);
  return { items, deltaLink };
}

/**
 * Reads a delta round page by page, handing each page's objects (by id, one listed twice on the page
 * merged) to `apply` before the next is taken, and returns the link that starts the next round.
 * The next page is already being fetched while `apply` runs, so Graph and the store work at once;
 * at most two pages are held. An object on several pages reaches `apply` once per page.
 */
export async function readDeltaPages(
  http: GraphHttp, start: string, apply: (items: ReadonlyMap<string, DeltaItem>) => Promise<void> | void, options: { readonly minimal?: boolean } = {},
): Promise<string> {
  const where = new URL(start).pathname;
  const pages = http.pages(start, { background: true, ...options });
  let deltaLink: string | undefined;
  let next = pages.next();
  try {
    for (let read = await next; !read.done; read = await next) {
      next = pages.next();
      next.catch(() => undefined); // seen by the loop's next await; only an `apply` failing first leaves it unread
      deltaLink = read.value['@odata.deltaLink'] ?? deltaLink;
      await apply(itemsOf(read.value, where));
    }
  } finally {
    await pages.return(undefined).catch(() => undefined);
  }
  if (!deltaLink) throw new GraphRequestError('unexpectedAnswer', `Microsoft Graph's delta feed (${where}) ended without a deltaLink`);
  return deltaLink;
}

function itemsOf(page: Page, where: string): Map<string, DeltaItem> {
  const items = new Map<string, DeltaItem>();
  for (const raw of page.value) {
    const item = parseGraph(deltaItemSchema, raw, `an object in the delta feed ${where}`);
    items.set(item.id, merge(items.get(item.id), item));
  }
  return items;
}

/** An object reported twice in one round, as one: reference lists added up, the later fields winning. */
export function merge(earlier: DeltaItem | undefined, later: DeltaItem): DeltaItem {
  if (!earlier) return later;
  const merged: Record<string, unknown> = { ...earlier, ...later };
  for (const list of refLists) {
    if (earlier[list] || later[list]) merged[list] = [...(earlier[list] ?? []), ...(later[list] ?? [])];
  }
  if (!later['@removed']) delete merged['@removed'];
  return merged as DeltaItem;
}
