import { expect } from 'vitest';
import type { DirectoryGroup } from '../../domain/model/directory-group.js';
import type { DirectoryUser } from '../../domain/model/directory-user.js';
import type { Directory } from '../../domain/ports/directory.js';
import type { Store } from '../../domain/ports/store.js';

/**
 * Store keys that change on any request, whatever it asks for, and so are left out of "nothing
 * changed" comparisons:
 * - `rate-limit:` per-person request counters (a refused request leaves them as they were, but an
 *   allowed one before it moves them);
 * - `slack:user:`, `slack:slack-id:` Slack identity caches, and `slack:event:` handled-event claims;
 * - `teams:person:`, `teams:conversation:` where GroupGate can reach a Teams chat (refreshed by
 *   every activity);
 * - `web:log:`, `web:seq:` the web chat's conversation log (what was typed, and every answer);
 * - `lease:`, `licensing:lease` scheduled-work leases, taken and handed back by the clock.
 * The audit trail (`audit…`) is compared: a refused action leaves no entry in it.
 */
export const volatileKeyPrefixes: readonly string[] = [
  'rate-limit:',
  'slack:user:', 'slack:slack-id:', 'slack:event:',
  'teams:person:', 'teams:conversation:',
  'web:log:', 'web:seq:',
  'lease:', 'licensing:lease',
];

/** Everything a person could change: every store entry that matters, and the directory as the port reads it. */
export interface StateSnapshot {
  readonly store: Readonly<Record<string, unknown>>;
  readonly directory: {
    readonly users: readonly DirectoryUser[];
    readonly groups: readonly DirectoryGroup[];
    readonly members: Readonly<Record<string, readonly string[]>>;
    readonly owners: Readonly<Record<string, readonly string[]>>;
  };
}

const volatile = (key: string) => volatileKeyPrefixes.some((prefix) => key.startsWith(prefix));
const byId = <T extends { readonly id: string }>(items: readonly T[]) => [...items].sort((a, b) => a.id.localeCompare(b.id));

/** Captures the store (every entry but the volatile ones) and the directory's users, groups, members and owners. */
export async function snapshotState(parts: { readonly store: Store; readonly directory: Directory }): Promise<StateSnapshot> {
  const entries = await parts.store.list<unknown>('');
  const groups = byId(await parts.directory.listGroups());
  const members: Record<string, readonly string[]> = {};
  const owners: Record<string, readonly string[]> = {};
  for (const group of groups) {
    members[group.id] = [...(await parts.directory.listMembers(group.id))].sort();
    owners[group.id] = [...(await parts.directory.listOwners(group.id))].sort();
  }
  return {
    store: Object.fromEntries(entries.filter(([key]) => !volatile(key))),
    directory: { users: byId(await parts.directory.listUsers()), groups, members, owners },
  };
}

/** Asserts that the store and the directory are as they were when `before` was taken. */
export async function expectNothingChanged(parts: { readonly store: Store; readonly directory: Directory }, before: StateSnapshot): Promise<void> {
  const after = await snapshotState(parts);
  // Keys first: a short diff says which record appeared or vanished.
  expect(Object.keys(after.store).sort()).toEqual(Object.keys(before.store).sort());
  expect(after).toEqual(before);
}
