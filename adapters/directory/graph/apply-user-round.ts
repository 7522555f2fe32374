import type { DirectoryUser } from '../../../domain/model/directory-user.js';
import { userId } from '../../../domain/model/ids.js';
import { changedFields, type UserChange } from './directory-changes.js';
import type { DirectoryCopy } from './directory-copy.js';
import type { DeltaItem, ObjectRef } from './graph-schemas.js';
import type { DeltaRound, RoundApplier } from './read-delta-round.js';
import { roundIds, walkRoundPage } from './walk-round-page.js';

/**
 * Brings the copy's users up to a delta round and says what changed. A full round is the whole
 * tenant: users it does not list are gone. A later round lists only changes, each merged into
 * the stored user (a field it leaves out kept as it was, so `Prefer: return=minimal` works too).
 */
export async function applyUserRound(copy: DirectoryCopy, round: DeltaRound, full: boolean): Promise<UserChange[]> {
  const changes: UserChange[] = [];
  const users = await startUserRound(copy, full, (change) => void changes.push(change));
  await users.page(round.items);
  await users.finish();
  return changes;
}

/**
 * applyUserRound a page at a time (a first load, as its pages arrive), telling `report` each
 * change. Only ids are held between pages: those a full round has listed, and those stored that
 * it has not listed yet. A user on an earlier page of the round is read back as written and the
 * later page merged into it.
 */
export async function startUserRound(copy: DirectoryCopy, full: boolean, report: (change: UserChange) => void): Promise<RoundApplier> {
  const ids = await roundIds(full, copy.storedUserIds);
  const writes = copy.userWrites();
  const store = { flush: writes.flush, read: copy.getUsers };
  return {
    page: (items) =>
      walkRoundPage(ids, items, store, async (item, old, again) => {
        if (item['@removed']) {
          if (old) await writes.add(item.id, undefined, old).then(() => report({ userId: userId(item.id), change: 'removed', fields: [] }));
          return;
        }
        const user = userFrom(item, full && !again ? undefined : old);
        const fields = changedFields(old, user);
        if (old && fields.length === 0) return;
        await writes.add(item.id, user, old);
        report({ userId: user.id, change: old ? 'updated' : 'added', fields });
      }),
    finish: async () => {
      const gone = [...(ids.unlisted ?? [])];
      const stored = await copy.getUsers(gone);
      for (const [i, id] of gone.entries()) {
        await writes.add(id, undefined, stored[i]);
        report({ userId: userId(id), change: 'removed', fields: [] });
      }
      await writes.flush();
    },
  };
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
