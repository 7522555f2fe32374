import { describe, expect, it } from 'vitest';
import { ProblemLog } from '../../../domain/membership-rules/problem-log.js';
import { tokenizeMembershipRule } from '../../../domain/membership-rules/tokenize-membership-rule.js';

const tokens = (text: string) => tokenizeMembershipRule(text).map(({ kind, text: t }) => `${kind}:${t}`);

describe('tokenizeMembershipRule', () => {
  it('splits words, strings and punctuation, with or without spaces between them', () => {
    expect(tokens('(user.city -eq"a")-or [ "b",\'c\' ]')).toEqual([
      'open:(', 'word:user.city', 'word:-eq', 'string:a', 'close:)', 'word:-or', 'listOpen:[', 'string:b', 'comma:,', 'string:c', 'listClose:]',
    ]);
  });

  it('unescapes `" and \'\' inside strings, and keeps backslashes and other backticks as they are', () => {
    expect(tokens('"`"a`" O\'\'B \\n `x"')).toEqual(['string:"a" O\'B \\n `x']);
  });

  it('gives a string token the span of its quotes', () => {
    expect(tokenizeMembershipRule('x "ab"')[1]).toMatchObject({ offset: 2, length: 4, quote: 'double' });
  });

  it('reads curly quotes and dashes as their plain forms, so that parsing can go on, and reports each one', () => {
    const log = new ProblemLog();
    expect(tokenizeMembershipRule('–eq “a” ‘b’', log).map((t) => t.text)).toEqual(['-eq', 'a', 'b']);
    expect(log.errors.map((e) => e.offset)).toEqual([0, 4, 6, 8, 10]);
  });

  it('keeps curly quotes and dashes that stand inside a straight-quoted value', () => {
    const log = new ProblemLog();
    expect(tokens('"Sales – “EMEA”"')).toEqual(['string:Sales – “EMEA”']);
    tokenizeMembershipRule('"Sales – “EMEA”"', log);
    expect(log.errors).toEqual([]);
  });
});
