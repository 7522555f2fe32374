import { describe, expect, it } from 'vitest';
import { closestSpelling } from '../../../domain/membership-rules/closest-spelling.js';

describe('closestSpelling', () => {
  it.each([
    ['departmnet', 'department'],
    ['DEPARTMENT', 'department'],
    ['countyr', 'country'],
    ['mailnickame', 'mailNickName'],
    ['xyz', undefined],
    ['dept', undefined],
  ])('suggests for %s: %s', (word, suggestion) => {
    expect(closestSpelling(word, ['department', 'country', 'city', 'mailNickName'])).toBe(suggestion);
  });
});
