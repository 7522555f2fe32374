import type { Store } from '../../domain/ports/store.js';

/** Keys that live minutes or hours, guard one moment, or cache what is read again: not copied. */
export const transientPrefixes = ['lease:', 'licensing:lease', 'rate-limit:', 'slack:user:', 'slack:slack-id:', 'slack:event:', 'group-name-claim:'] as const;

/** Copies every lasting entry of `from` into `to` (which must hold none); returns how many were copied and left out. */
export async function copyStoreEntries(from: Store, to: Store): Promise<{ readonly copied: number; readonly leftOut: number }> {
  if ((await to.list('')).length > 0) throw new Error('the target store already holds data; copy into an empty one');
  let copied = 0;
  let leftOut = 0;
  for (const [key, value] of await from.list<unknown>('')) {
    if (transientPrefixes.some((prefix) => key.startsWith(prefix))) {
      leftOut++;
      continue;
    }
    // Create-only, like every audit entry: nothing in the target is overwritten.
    if (await to.update<unknown, boolean>(key, (current) => (current === undefined ? { next: value, result: true } : { result: false }))) copied++;
  }
  return { copied, leftOut };
}
