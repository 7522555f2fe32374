import { describe, expect, it } from 'vitest';
import { RE2JS } from 're2js';
import { parseMembershipRule } from '../../domain/membership-rules/index.js';
import { estimateProgramSize, matchPattern } from '../../domain/membership-rules/match-pattern.js';

const compiledSize = (pattern: string) => (RE2JS.compile(pattern, RE2JS.CASE_INSENSITIVE) as unknown as { re2Input: { prog: { inst: unknown[] } } }).re2Input.prog.inst.length;

describe('the pattern size estimate that keeps huge programs from being compiled (issue 22)', () => {
  it.each(['(a?){1000}a{1000}', '(a?){100}a{100}', 'a{1000}', '((a{10}){10}){10}', '^[A-Z]{2}-\\d{4,6}$', '(Sales|Marketing)+', 'x{3,}'])('is near the compiled size of %s', (pattern) => {
    const real = compiledSize(pattern);
    expect(estimateProgramSize(pattern)).toBeGreaterThan(real * 0.5);
    expect(estimateProgramSize(pattern)).toBeLessThan(real * 2 + 10);
  });

  it('does not compile (a?){1000}a{1000}, refuses it for its repetition, and still compiles ordinary patterns', () => {
    expect(matchPattern('(a?){1000}a{1000}')).toMatchObject({ ok: true, regex: null, size: 5000, largestRepeat: { text: '{1000}', count: 1000 } });
    expect(parseMembershipRule('user.extensionAttribute1 -match "(a?){1000}a{1000}"').errors.map((e) => e.code)).toEqual(['repetitionTooLarge']);
    expect(matchPattern('^[A-Z]{2}-\\d{4}$')).toMatchObject({ ok: true, regex: expect.anything() });
  });
});
