import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { collectionOf, collectionsUnder } from '../../../adapters/store/key-collections.js';

describe('collections of store keys (the Redis listing index)', () => {
  it('are the key without its last segment, at most three segments deep', () => {
    expect(collectionOf('groupgate:join-request:R-7K2Q')).toBe('groupgate:join-request:');
    expect(collectionOf('groupgate:audit:group:g-42:000123')).toBe('groupgate:audit:group:');
    expect(collectionOf('groupgate:counter')).toBe('groupgate:');
    expect(collectionOf('plain')).toBe('');
  });

  it('never hide a key from a list of any prefix of it', () => {
    const key = fc.array(fc.constantFrom('a', 'b', ':', 'ab', 'x:'), { minLength: 0, maxLength: 10 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(fc.array(key, { minLength: 1, maxLength: 20 }), fc.nat(), fc.nat(), (keys, which, cut) => {
        const target = keys[which % keys.length]!;
        const prefix = target.slice(0, cut % (target.length + 1));
        const collections = [...new Set(keys.map(collectionOf))];
        expect(target.startsWith(collectionOf(target))).toBe(true);
        expect(collectionsUnder(prefix, collections)).toContain(collectionOf(target));
      }),
      { numRuns: 500 },
    );
  });
});
