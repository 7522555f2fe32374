/**
 * Store operations an instance has counted so far: the sum of `groupgate_store_operations_total`
 * over every operation in its Prometheus /metrics, and `groupgate_store_round_trips_total`. Undefined when the instance has no such
 * counter (before the metrics work landed), so the benchmark says n/a rather than guessing.
 */
export async function storeOperations(baseUrl: string): Promise<StoreCounts | undefined> {
  try {
    const response = await fetch(`${baseUrl}/metrics`, { signal: AbortSignal.timeout(5_000) });
    if (!response.ok) return undefined;
    const text = await response.text();
    const sum = (name: string) => {
      const lines = text.split('\n').filter((line) => line.startsWith(name));
      return lines.length ? lines.reduce((total, line) => total + Number(line.split(' ').pop()), 0) : undefined;
    };
    const calls = sum('groupgate_store_operations_total');
    return calls === undefined ? undefined : { calls, roundTrips: sum('groupgate_store_round_trips_total') };
  } catch {
    return undefined;
  }
}

/** Store calls (port methods) and round trips (calls sent together count once on Redis; every call on SQLite), so far. */
export interface StoreCounts {
  readonly calls: number;
  /** Undefined for a version that did not count them. */
  readonly roundTrips: number | undefined;
}
