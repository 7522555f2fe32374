/**
 * A key's family is its first segment (`graph` in `graph:user:u-1`, the whole key when it has no
 * colon). One family is what one atomic batch may touch, because on Redis Cluster the family is
 * the hash tag: a family's values, sets and listing index live in one slot.
 */
export function familyOf(key: string): string {
  const colon = key.indexOf(':');
  return colon === -1 ? key : key.slice(0, colon);
}

/** Anything naming one key the way a batch write does (StoreWrite, RawWrite). */
type KeyedWrite = { readonly put: string } | { readonly create: string } | { readonly replace: string } | { readonly delete: string } | { readonly addTo: string } | { readonly removeFrom: string } | { readonly deleteSet: string };

/** The key one write of a batch touches. */
export function keyOfWrite(write: KeyedWrite): string {
  if ('put' in write) return write.put;
  if ('create' in write) return write.create;
  if ('replace' in write) return write.replace;
  if ('delete' in write) return write.delete;
  if ('addTo' in write) return write.addTo;
  if ('removeFrom' in write) return write.removeFrom;
  return write.deleteSet;
}
