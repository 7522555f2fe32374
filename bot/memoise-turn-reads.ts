import type { Directory } from '../domain/ports/directory.js';
import { currentRequest } from './request-context.js';

/** The reads worth remembering within one turn: one id in, one answer out, asked again and again. */
const remembered = ['getUser', 'getGroup', 'listOwners', 'memberCount', 'isMember'] as const;
/** The writes after which nothing remembered is trusted any more. */
const writes = ['addMember', 'removeMember', 'addOwner', 'removeOwner', 'createGroup', 'setMembershipRule', 'updateUser', 'updateGroup'] as const;

// A turn lasts milliseconds; background work a turn started may run on for longer, and must then see
// what others changed meanwhile.
const freshForMs = 1_000;

interface Remembered {
  readonly at: number;
  readonly answer: Promise<unknown>;
}

const memos = new WeakMap<object, Map<string, Remembered>>();

/**
 * The directory with each read remembered for the rest of the request being served: a click names
 * the requester, the group and the decider in the decision, the audit entries, the card and the
 * notices, and each would otherwise be a store read of its own. Any write through this directory
 * forgets everything remembered for the request, and nothing is shared between requests. Like
 * injectFault, the copy keeps the original's prototype, so type checks on the directory still hold.
 */
export function memoiseTurnReads(directory: Directory): Directory {
  const memoised = Object.create(directory) as Directory;
  const target = memoised as unknown as Record<string, unknown>;
  const original = directory as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
  for (const name of remembered) {
    target[name] = (...args: unknown[]) => {
      const call = () => original[name]!.apply(directory, args);
      const request = currentRequest();
      if (!request) return call();
      let memo = memos.get(request);
      if (!memo) memos.set(request, (memo = new Map()));
      const key = `${name}\u0000${args.map(String).join('\u0000')}`;
      const hit = memo.get(key);
      if (hit && Date.now() - hit.at < freshForMs) return hit.answer;
      const answer = call();
      memo.set(key, { at: Date.now(), answer });
      // A failed read is not remembered: the next ask tries again.
      answer.catch(() => memo.get(key)?.answer === answer && memo.delete(key));
      return answer;
    };
  }
  for (const name of writes) {
    if (typeof original[name] !== 'function') continue;
    target[name] = async (...args: unknown[]) => {
      const request = currentRequest();
      if (request) memos.delete(request);
      try {
        return await original[name]!.apply(directory, args);
      } finally {
        // What was read while the write ran may predate it.
        if (request) memos.delete(request);
      }
    };
  }
  return memoised;
}
