import type { Directory } from '../domain/ports/directory.js';
import type { Config } from './config.js';

/**
 * The directory as the core should use it: unchanged, unless TEST_FAULT asks for a crash. With
 * `kill-after-decision` the process kills itself (SIGKILL: no cleanup, no flushed logs, like a
 * power cut) at its first membership write — in a decision, right after the decision is stored.
 * The copy keeps the original's prototype, so type checks on the directory still hold.
 */
export function injectFault(directory: Directory, fault: Config['TEST_FAULT']): Directory {
  if (fault === 'none') return directory;
  const faulty = Object.create(directory) as Directory;
  faulty.addMember = async () => {
    process.kill(process.pid, 'SIGKILL');
    // SIGKILL to oneself lands at once; this only satisfies the type.
    return new Promise<never>(() => undefined);
  };
  return faulty;
}
