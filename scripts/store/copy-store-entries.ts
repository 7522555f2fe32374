import type { Store } from '../../domain/ports/store.js';
import type { OpenedStore } from '../../adapters/store/create-store.js';

/** Keys that live minutes or hours, guard one moment, or cache what is read again: not copied. */
export const transientPrefixes = ['lease:', 'licensing:lease', 'rate-limit:', 'slack:user:', 'slack:slack-id:', 'slack:event:', 'group-name-claim:'] as const;

// The members of one set go over in batches this size: a 90,000-member group is not one write.
const setChunk = 2_000;

type CopyableStore = Store & Pick<OpenedStore, 'listSetKeys'>;

/**
 * Copies every lasting entry of `from` into `to` (which must hold none): the values, and the sets
 * beside them (group members and owners, both ways). Returns how many values and sets were copied,
 * and how many short-lived entries were left out.
 */
export async function copyStoreEntries(from: CopyableStore, to: CopyableStore): Promise<{ readonly copied: number; readonly copiedSets: number; readonly leftOut: number }> {
  if ((await to.list('')).length > 0 || (await to.listSetKeys('')).length > 0) throw new Error('the target store already holds data; copy into an empty one');
  const transient = (key: string) => transientPrefixes.some((prefix) => key.startsWith(prefix));
  let copied = 0;
  let leftOut = 0;
  for (const [key, value] of await from.list<unknown>('')) {
    if (transient(key)) {
      leftOut++;
      continue;
    }
    // Create-only, like every audit entry: nothing in the target is overwritten.
    if (await to.update<unknown, boolean>(key, (current) => (current === undefined ? { next: value, result: true } : { result: false }))) copied++;
  }
  let copiedSets = 0;
  for (const key of await from.listSetKeys('')) {
    if (transient(key)) {
      leftOut++;
      continue;
    }
    const members = await from.setMembers(key);
    for (let start = 0; start < members.length; start += setChunk) await to.write([{ addTo: key, members: members.slice(start, start + setChunk) }]);
    copiedSets++;
  }
  return { copied, copiedSets, leftOut };
}
