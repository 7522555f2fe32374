/**
 * Store operations an instance has counted so far: the sum of `groupgate_store_operations_total`
 * over every operation in its Prometheus /metrics. Undefined when the instance has no such
 * counter (before the metrics work landed), so the benchmark says n/a rather than guessing.
 */
export async function storeOperations(baseUrl: string): Promise<number | undefined> {
  try {
    const response = await fetch(`${baseUrl}/metrics`, { signal: AbortSignal.timeout(5_000) });
    if (!response.ok) return undefined;
    const lines = (await response.text()).split('\n').filter((line) => line.startsWith('groupgate_store_operations_total'));
    return lines.length ? lines.reduce((sum, line) => sum + Number(line.split(' ').pop()), 0) : undefined;
  } catch {
    return undefined;
  }
}
