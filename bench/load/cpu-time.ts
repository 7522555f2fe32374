import { readFileSync } from 'node:fs';

/** CPU time (user + system, ms) a process has used so far, from /proc; undefined where there is no /proc. */
export function cpuTimeMs(pid: number | undefined = process.pid): number | undefined {
  try {
    // Fields after the command name: utime and stime are the 12th and 13th, in clock ticks (100 per second on Linux).
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}

/** Share of one core a process used between two readings, as "63%". */
export function coreShare(before: number | undefined, after: number | undefined, wallMs: number): string {
  return before === undefined || after === undefined ? 'unknown' : `${Math.round(((after - before) / wallMs) * 100)}%`;
}
