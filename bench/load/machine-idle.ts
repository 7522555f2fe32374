import { readFileSync } from 'node:fs';

/** Idle and total CPU ticks since boot, over all cores (from /proc/stat, 100 per second per core); undefined without /proc. */
export function cpuTicks(): { idle: number; total: number } | undefined {
  try {
    const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
    return { idle: (fields[3] ?? 0) + (fields[4] ?? 0), total: fields.reduce((sum, n) => sum + n, 0) };
  } catch {
    return undefined;
  }
}

/** Share of the machine's CPU that was idle over the next `ms` milliseconds (0–1), or undefined without /proc. */
export async function idleShare(ms = 3_000): Promise<number | undefined> {
  const before = cpuTicks();
  await new Promise((resolve) => setTimeout(resolve, ms));
  const after = cpuTicks();
  if (!before || !after || after.total === before.total) return undefined;
  return (after.idle - before.idle) / (after.total - before.total);
}

/** Waits (at most `maxMs`) until the machine is at least `wanted` idle over a few seconds; returns the idle share last seen. */
export async function waitForQuiet(wanted: number, maxMs: number): Promise<number | undefined> {
  const deadline = Date.now() + maxMs;
  for (;;) {
    const idle = await idleShare();
    if (idle === undefined || idle >= wanted || Date.now() > deadline) return idle;
  }
}
