/**
 * Groups store keys into collections for listing without a keyspace scan. A key's collection is
 * the key without its last segment, cut to at most three segments:
 *   groupgate:join-request:R-7K2Q        -> groupgate:join-request:
 *   groupgate:audit:group:g-42:000123    -> groupgate:audit:group:
 * Any two prefixes of one key nest, so the keys starting with a prefix P all lie in collections
 * that either start with P or that P starts with; `collectionsUnder` picks those.
 */
export function collectionOf(key: string): string {
  let end = -1;
  for (let segments = 0; segments < 3; segments++) {
    const next = key.indexOf(':', end + 1);
    if (next === -1) break;
    end = next;
  }
  return key.slice(0, end + 1);
}

/** The collections that may hold keys starting with `prefix`. */
export function collectionsUnder(prefix: string, collections: readonly string[]): string[] {
  return collections.filter((c) => c.startsWith(prefix) || prefix.startsWith(c));
}
