import { describe, expect, it } from 'vitest';
import { changedFields } from '../../../../adapters/directory/graph/directory-changes.js';

describe('changed fields', () => {
  it.each([
    ['nothing changed', { department: 'Sales' }, { department: 'Sales' }, []],
    ['a value changed', { department: 'Sales' }, { department: 'Finance' }, ['department']],
    ['a value appeared', {}, { jobTitle: 'Analyst' }, ['jobTitle']],
    ['null and absent are the same', { mobilePhone: null }, {}, []],
    ['a list changed as a whole', { otherMails: ['a@x'] }, { otherMails: ['a@x', 'b@x'] }, ['otherMails']],
    ['inside an object, by path', { ext: { a: '1', b: '2' } }, { ext: { a: '1', b: '3' } }, ['ext.b']],
    ['an object that appeared', {}, { manager: { id: 'm' } }, ['manager']],
  ])('%s', (_, before, after, expected) => {
    expect(changedFields(before, after)).toEqual(expected);
  });
});
