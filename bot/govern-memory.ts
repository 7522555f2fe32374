import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';

/** Where the governor stands: saving memory or not, and how many quiet samples in a row it has seen. */
export interface MemoryMode {
  readonly saving: boolean;
  readonly quiet: number;
}

// Shares of the event loop's time spent working, per sample.
const busyAbove = 0.05;
const quietBelow = 0.02;
// Quiet samples in a row before memory is handed back (with 5 s samples: 15 s of quiet).
const quietSamplesToSave = 3;

/**
 * The next mode from the event loop's busy share over the last sample. V8's memory saver mode
 * collects eagerly and hands memory back, which halves a busy instance's throughput (a click load
 * of 200/s took 75 % of a core with it, 43 % without, and its p99 went from 13 to 86 ms), so it is on
 * only while the instance is quiet, off at the first busy sample: work runs at full speed, and the
 * memory a burst (a full Graph load, a licensing run) left is handed back in the quiet after it.
 */
export function nextMemoryMode(mode: MemoryMode, busyShare: number): MemoryMode {
  if (busyShare >= busyAbove) return { saving: false, quiet: 0 };
  const quiet = busyShare <= quietBelow ? mode.quiet + 1 : 0;
  return { saving: mode.saving || quiet >= quietSamplesToSave, quiet };
}

/** Samples the event loop every `everyMs` and switches V8's memory saver mode with `nextMemoryMode`; returns a stop function. */
export function governMemory(everyMs = 5_000): () => void {
  let mode: MemoryMode = { saving: false, quiet: 0 };
  let last = performance.eventLoopUtilization();
  const timer = setInterval(() => {
    const now = performance.eventLoopUtilization();
    const next = nextMemoryMode(mode, performance.eventLoopUtilization(now, last).utilization);
    last = now;
    // Set at run time it works as the node flag does, and V8 reads it at each collection (measured).
    if (next.saving !== mode.saving) setFlagsFromString(next.saving ? '--memory-saver-mode' : '--no-memory-saver-mode');
    mode = next;
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
