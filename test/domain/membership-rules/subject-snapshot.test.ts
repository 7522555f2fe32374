import { describe, expect, it } from 'vitest';
import { compileMembershipRule, parseMembershipRule, SubjectSnapshot } from '../../../domain/membership-rules/index.js';

describe('SubjectSnapshot', () => {
  it('lower-cases a text column once and keeps raw case apart for regular expressions and display', () => {
    const snapshot = new SubjectSnapshot([{ department: 'Sales' }, {}, { department: 42 }]);
    expect(snapshot.text(['department'], true)).toEqual(['sales', null, '42']);
    expect(snapshot.text(['department'], false)).toEqual(['Sales', null, '42']);
    expect(snapshot.text(['department'], true)).toBe(snapshot.text(['department'], true));
  });

  it('flattens collections: each subject owns a run of items', () => {
    const items = new SubjectSnapshot([{ otherMails: ['A', 'B'] }, {}, { otherMails: ['C'] }]).collection(['otherMails']);
    expect(items.offsets).toEqual([0, 2, 2, 3]);
    expect(items.text('_', true)).toEqual(['a', 'b', 'c']);
  });

  it('replaces a subject in place, so predicates already bound see the new values', () => {
    const rule = parseMembershipRule('user.department -eq "Sales" -and (user.otherMails -any (_ -eq "x"))').rule!;
    const snapshot = new SubjectSnapshot([{ id: 'a', department: 'HR', otherMails: [] }, { id: 'b', department: 'Sales', otherMails: ['x'] }]);
    const evaluate = compileMembershipRule(rule).evaluator(snapshot, { now: 0 });
    expect([evaluate(0), evaluate(1)]).toEqual([0, 1]);
    snapshot.replaceSubject(0, { id: 'c', department: 'Sales', otherMails: ['y', 'x', 'z'] });
    expect([evaluate(0), evaluate(1)]).toEqual([1, 1]);
    expect(snapshot.collection(['otherMails']).offsets).toEqual([0, 3, 4]);
    expect([snapshot.indexOf('C'), snapshot.indexOf('a')]).toEqual([0, -1]);
  });
});
