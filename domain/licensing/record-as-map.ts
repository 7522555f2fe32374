const maps = new WeakMap<object, ReadonlyMap<string, unknown>>();

/**
 * A record of a stored licensing state as a Map, built once per record object. States are
 * immutable and unchanged groups are shared from run to run, so a large group's lookups cost a
 * Map's, not a dictionary object's, after the first run that reads it.
 */
export function recordAsMap<T>(record: Readonly<Record<string, T>>): ReadonlyMap<string, T> {
  let map = maps.get(record);
  if (!map) maps.set(record, (map = new Map(Object.entries(record))));
  return map as ReadonlyMap<string, T>;
}
