import { describe, expect, it } from 'vitest';
import { matchPattern } from '../../../domain/membership-rules/match-pattern.js';

describe('matchPattern', () => {
  it('compiles once: the same pattern gives the same compiled object', () => {
    expect(matchPattern('^abc')).toBe(matchPattern('^abc'));
  });

  it.each([
    ['^Da$', { operator: 'eq', literal: 'Da' }],
    ['^Da', { operator: 'startsWith', literal: 'Da' }],
    ['^Da.*', { operator: 'startsWith', literal: 'Da' }],
    ['@contoso\\.com$', { operator: 'endsWith', literal: '@contoso.com' }],
    ['.*@contoso\\.com$', { operator: 'endsWith', literal: '@contoso.com' }],
    ['ago', undefined],
    ['^D.a', undefined],
    ['^\\d+', undefined],
    ['^a|b', undefined],
    ['^a\\.*', undefined],
  ])('finds the exactly equivalent faster operator for %s, if any', (pattern, rewrite) => {
    const checked = matchPattern(pattern);
    expect(checked.ok ? checked.rewrite : 'refused').toEqual(rewrite);
  });

  it('refuses a pattern that compiles nowhere, with the engine\'s reason', () => {
    expect(matchPattern('[a-')).toEqual({ ok: false, message: 'missing closing ]: `[a-`' });
  });

  it.each([
    ['(?<name>x)', []],
    ['\\Gx', ['\\G']],
    ['(?<a-b>x)', ['balancing group']],
    ['(?(x)a|b)', ['conditional (?(…)']],
    ['\\k<n>', ['backreference']],
  ])('lists the .NET-only constructs of %s', (pattern, constructs) => {
    const checked = matchPattern(pattern);
    expect(checked.ok ? checked.dotnetOnly : 'refused').toEqual(constructs);
  });
});
