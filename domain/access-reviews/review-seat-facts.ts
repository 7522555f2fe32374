import type { DirectoryUser } from '../model/directory-user.js';
import type { GroupId } from '../model/ids.js';
import type { LicensingState } from '../licensing/licensing-state.js';
import { shortSkuName } from '../licensing/short-sku-name.js';
import type { LicensingSummary } from '../licensing/summarize-licensing.js';

/** One SKU a licensing group assigns, as a review card states it: "E5 · 2 of 25 seats free · 3 waiting". */
export interface ReviewSkuLine {
  readonly name: string;
  readonly free: number;
  readonly total: number;
  readonly waiting: number;
}

/** What removing one member does to seats: the SKUs whose seat it frees, those they wait for. */
export interface MemberSeatFacts {
  readonly frees: readonly string[];
  readonly waitingFor: readonly string[];
}

/**
 * The seat facts of a licensing group's review page, from the last licensing run: each SKU's free
 * seats and waiting line, and per member on the page whether a removal frees a seat — only when
 * no other group and no direct assignment gives them that SKU too — or they are waiting for one.
 */
export function reviewSeatFacts(state: LicensingState, summary: LicensingSummary, groupId: GroupId, members: readonly (DirectoryUser | undefined)[]): { readonly skus: readonly ReviewSkuLine[]; readonly members: ReadonlyMap<string, MemberSeatFacts> } {
  const record = state.groups[groupId];
  if (!record) return { skus: [], members: new Map() };
  const pools = new Map(summary.pools.map((p) => [p.sku.skuId as string, p]));
  const skus = record.licenses.flatMap((l) => {
    const pool = pools.get(l.skuId);
    return pool ? [{ skuId: l.skuId as string, line: { name: shortSkuName(pool.sku), free: pool.free, total: pool.total, waiting: pool.waiting.length } }] : [];
  });
  const others = Object.entries(state.groups).filter(([id]) => id !== groupId).map(([, g]) => g);
  const facts = new Map<string, MemberSeatFacts>();
  for (const user of members) {
    if (!user) continue;
    const heldElsewhere = (skuId: string) =>
      (user.assignedLicenses ?? []).some((l) => l.skuId === skuId) || others.some((g) => g.active[user.id] !== undefined && g.licenses.some((l) => l.skuId === skuId));
    const frees = record.active[user.id] !== undefined ? skus.filter((s) => !heldElsewhere(s.skuId)).map((s) => s.line.name) : [];
    const failures = record.failing[user.id]?.failures ?? [];
    const waitingFor = skus.filter((s) => failures.some((f) => f.error === 'CountViolation' && f.skuId === s.skuId)).map((s) => s.line.name);
    facts.set(user.id, { frees, waitingFor });
  }
  return { skus: skus.map((s) => s.line), members: facts };
}

