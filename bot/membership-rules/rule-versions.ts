import type { Store } from '../../domain/ports/store.js';

/**
 * Counters in the store that tell every instance its cached directory snapshot or rule index is
 * out of date: `users` moves when a user's attributes change, `rules` when a dynamic group's rule
 * or processing state does, `directory` when what licensing's snapshot reads changes: a membership of
 * a licensing group, a user's attribute set in chat, a rule, or a change feed's round that touched
 * licensing (`affectsLicensing`). A move may record which users or groups it was about, so caches a
 * few moves behind patch those instead of rebuilding (`changedSince`). The caches
 * themselves live in each process; the counters are shared.
 */
export const ruleVersionKeys = {
  users: 'membership-rules:users-version',
  rules: 'membership-rules:rules-version',
  directory: 'membership-rules:directory-version',
} as const;

export type RuleVersion = keyof typeof ruleVersionKeys;

/** The current value of a counter (0 before the first change). */
export async function readRuleVersion(store: Store, which: RuleVersion): Promise<number> {
  return (await store.get<number>(ruleVersionKeys[which])) ?? 0;
}

/**
 * Moves a counter on, so every instance rebuilds that cache on its next use; returns the new value.
 * With `changed` (the users or groups the move is about), the move is also recorded for a day, so an
 * instance a few moves behind patches those into its cache instead of reading the whole directory
 * (`changedSince`). The record is written after the move: one that is missing (a crash in between,
 * or read before it lands) only means a full rebuild, as without it.
 */
export async function bumpRuleVersion(store: Store, which: RuleVersion, changed?: readonly string[]): Promise<number> {
  const version = await store.update<number, number>(ruleVersionKeys[which], (n) => ({ next: (n ?? 0) + 1, result: (n ?? 0) + 1 }));
  // A bulk change (an HR import) is cheaper to take in by one listing than by thousands of reads.
  if (changed && changed.length <= maxPatchedIds) await store.put(changeKey(which, version), changed, { ttlMs: changeRecordTtlMs });
  return version;
}

/**
 * The ids the counter's moves after `from`, up to `to`, were about; undefined when any move is not on
 * record (made without ids, expired, or too many to be worth patching), and the cache must be rebuilt.
 */
export async function changedSince(store: Store, which: RuleVersion, from: number, to: number): Promise<string[] | undefined> {
  if (to <= from || to - from > maxPatchedMoves) return undefined;
  const moves = await store.getMany<string[]>(Array.from({ length: to - from }, (_, i) => changeKey(which, from + 1 + i)));
  if (moves.some((ids) => ids === undefined)) return undefined;
  const ids = [...new Set(moves.flatMap((ids) => ids!))];
  return ids.length <= maxPatchedIds ? ids : undefined;
}

const changeKey = (which: RuleVersion, version: number) => `${ruleVersionKeys[which]}:change:${version}`;
const changeRecordTtlMs = 86_400_000;
// Beyond this many moves, or ids, a rebuild is about as cheap as reading what changed.
const maxPatchedMoves = 50;
const maxPatchedIds = 1_000;
