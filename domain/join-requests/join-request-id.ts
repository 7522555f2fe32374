import { joinRequestId, type JoinRequestId } from '../model/ids.js';

// Crockford-style alphabet: no I, L, O or U, so ids survive being read aloud or retyped.
const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A short id people can type, like R-7F3A; `random` returns numbers in [0, 1). */
export function newJoinRequestId(random: () => number, length = 4): JoinRequestId {
  let id = 'R-';
  for (let i = 0; i < length; i++) id += alphabet[Math.floor(random() * alphabet.length)];
  return joinRequestId(id);
}

/** Reads what a person typed as a request id ("r-7f3a", "R7F3A", "7F3A"); undefined if it cannot be one. */
export function parseJoinRequestId(typed: string): JoinRequestId | undefined {
  const bare = typed.trim().toUpperCase().replace(/^R-?/, '');
  if (!/^[0-9A-Z]{4,8}$/.test(bare)) return undefined;
  return joinRequestId(`R-${bare.replace(/O/g, '0').replace(/[IL]/g, '1')}`);
}
