import type { DirectoryUser } from '../../../domain/model/directory-user.js';
import { userId } from '../../../domain/model/ids.js';
import { changedFields, type UserChange } from './directory-changes.js';
import type { DirectoryCopy } from './directory-copy.js';
import type { DeltaItem, ObjectRef } from './graph-schemas.js';
import type { DeltaRound } from './read-delta-round.js';

/**
 * Brings the copy's users up to a delta round and says what changed. A full round is the whole
 * tenant: users it does not list are gone. A later round lists only changes, each merged into
 * the stored user (a field it leaves out kept as it was, so `Prefer: return=minimal` works too).
 */
export async function applyUserRound(copy: DirectoryCopy, round: DeltaRound, full: boolean): Promise<UserChange[]> {
  const changes: UserChange[] = [];
  const writes: { id: string; user?: DirectoryUser; previous?: DirectoryUser }[] = [];
  const before = full ? new Map((await copy.listUsers()).map((user) => [user.id as string, user])) : undefined;
  for (const item of round.items.values()) {
    const old = before ? before.get(item.id) : await copy.getUser(item.id);
    before?.delete(item.id);
    if (item['@removed']) {
      if (old) {
        writes.push({ id: item.id, previous: old });
        changes.push({ userId: userId(item.id), change: 'removed', fields: [] });
      }
      continue;
    }
    const user = userFrom(item, full ? undefined : old);
    const fields = changedFields(old, user);
    if (old && fields.length === 0) continue;
    writes.push({ id: item.id, user, ...(old ? { previous: old } : {}) });
    changes.push({ userId: user.id, change: old ? 'updated' : 'added', fields });
  }
  for (const [id, old] of before ?? []) {
    writes.push({ id, previous: old });
    changes.push({ userId: userId(id), change: 'removed', fields: [] });
  }
  await copy.writeUsers(writes);
  return changes;
}

/** A stored user from a delta item: Graph's fields (annotations dropped), `manager` as `{ id }` or null. */
export function userFrom(item: DeltaItem, previous?: DirectoryUser): DirectoryUser {
  const merged: Record<string, unknown> = { ...previous, ...graphFields(item) };
  const manager = item['manager@delta'];
  if (manager) merged['manager'] = lastPresent(manager);
  const upn = typeof merged['userPrincipalName'] === 'string' ? merged['userPrincipalName'] : '';
  const name = typeof merged['displayName'] === 'string' && merged['displayName'] ? merged['displayName'] : upn || item.id;
  return { ...merged, id: userId(item.id), displayName: name, userPrincipalName: upn } as DirectoryUser;
}

/** A Graph object's own fields: no `@odata.*`, `@removed` or `…@delta` entries. */
export function graphFields(item: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(item).filter(([name]) => !name.includes('@')));
}

/** The reference a `…@delta` list ends on, as `{ id }`, or null when it ends on a removal. */
function lastPresent(refs: readonly ObjectRef[]): { id: string } | null {
  const last = refs[refs.length - 1];
  return last && !last['@removed'] ? { id: last.id } : null;
}
