import { cpuTimeMs } from '../load/cpu-time.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Waits (at most `maxMs`) until a process has used no more than one clock tick of CPU over 50 ms,
 * so a timed command starts when background rounds and sweeps are not running; returns whether it was quiet.
 */
export async function waitUntilQuiet(pid: number | undefined, maxMs = 10_000): Promise<boolean> {
  const deadline = Date.now() + maxMs;
  for (;;) {
    const before = cpuTimeMs(pid);
    await sleep(50);
    const after = cpuTimeMs(pid);
    if (before === undefined || after === undefined || after - before <= 10) return true;
    if (Date.now() > deadline) return false;
  }
}

/**
 * Waits (at most `maxMs`) until a process has settled: two one-second windows in a row with at most
 * 30 ms of CPU each (3 % of a core). What a change set off (licensing, rule snapshots) is over then.
 */
export async function waitUntilSettled(pid: number | undefined, maxMs = 60_000): Promise<boolean> {
  const deadline = Date.now() + maxMs;
  let calm = 0;
  while (calm < 2) {
    const before = cpuTimeMs(pid);
    await sleep(1_000);
    const after = cpuTimeMs(pid);
    if (before === undefined || after === undefined) return true;
    calm = after - before <= 30 ? calm + 1 : 0;
    if (Date.now() > deadline) return false;
  }
  return true;
}
