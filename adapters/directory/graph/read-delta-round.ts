import type { GraphHttp } from './graph-http.js';
import { GraphRequestError } from './graph-request-error.js';
import { deltaItemSchema, parseGraph, type DeltaItem } from './graph-schemas.js';

/** One complete delta round: every object it reported (by id), and the link that starts the next round. */
export interface DeltaRound {
  readonly items: ReadonlyMap<string, DeltaItem>;
  readonly deltaLink: string;
}

const refLists = ['members@delta', 'owners@delta', 'manager@delta'] as const;

/**
 * Reads a delta round to its end: from the initial query (a full round) or a stored deltaLink (the
 * changes since), following every nextLink as given until Graph hands back a deltaLink. An object
 * can appear on several pages (a big group's members come in parts): its reference lists add up
 * and its later fields win. Nothing is applied until the round is complete, so a round cut short
 * is simply read again from the same link.
 */
export async function readDeltaRound(http: GraphHttp, start: string): Promise<DeltaRound> {
  const items = new Map<string, DeltaItem>();
  let deltaLink: string | undefined;
  for await (const page of http.pages(start, { background: true })) {
    for (const raw of page.value) {
      const item = parseGraph(deltaItemSchema, raw, `an object in the delta feed ${new URL(start).pathname}`);
      items.set(item.id, merge(items.get(item.id), item));
    }
    deltaLink = page['@odata.deltaLink'] ?? deltaLink;
  }
  if (!deltaLink) throw new GraphRequestError('unexpectedAnswer', `Microsoft Graph's delta feed (${new URL(start).pathname}) ended without a deltaLink`);
  return { items, deltaLink };
}

function merge(earlier: DeltaItem | undefined, later: DeltaItem): DeltaItem {
  if (!earlier) return later;
  const merged: Record<string, unknown> = { ...earlier, ...later };
  for (const list of refLists) {
    if (earlier[list] || later[list]) merged[list] = [...(earlier[list] ?? []), ...(later[list] ?? [])];
  }
  if (!later['@removed']) delete merged['@removed'];
  return merged as DeltaItem;
}
