import type { Store } from '../../domain/ports/store.js';

/**
 * Counters in the store that tell every instance its cached directory snapshot or rule index is
 * out of date: `users` moves when a user's attributes change, `rules` when a dynamic group's rule
 * or processing state does, `directory` when what licensing's snapshot reads changes: a membership of
 * a licensing group, a user's attribute set in chat, a rule, or a change feed's round that touched
 * licensing (`affectsLicensing`). The caches
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

/** Moves a counter on, so every instance rebuilds that cache on its next use; returns the new value. */
export async function bumpRuleVersion(store: Store, which: RuleVersion): Promise<number> {
  return store.update<number, number>(ruleVersionKeys[which], (n) => ({ next: (n ?? 0) + 1, result: (n ?? 0) + 1 }));
}
