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
