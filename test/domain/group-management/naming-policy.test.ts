import { describe, expect, it } from 'vitest';
import { affixesFromTemplate, applyNamingPolicy, findBlockedWord, type NamingPolicy } from '../../../domain/group-management/naming-policy.js';
import { mailNicknameFor } from '../../../domain/group-management/mail-nickname-for.js';
import type { DirectoryUser } from '../../../domain/model/directory-user.js';
import { userId } from '../../../domain/model/ids.js';

const creator: DirectoryUser = { id: userId('u-1'), displayName: 'Ines Duarte', userPrincipalName: 'ines@contoso.example', department: 'Research', country: 'PT', jobTitle: 'Lead' };
const policy = (overrides: Partial<NamingPolicy> = {}): NamingPolicy => ({ prefix: '', suffix: '', blockedWords: [], ...overrides });

describe('applyNamingPolicy', () => {
  it.each([
    ['adds the prefix', policy({ prefix: 'GRP-' }), 'Hiking Club', 'GRP-Hiking Club'],
    ['adds the suffix', policy({ suffix: ' (EU)' }), 'Hiking Club', 'Hiking Club (EU)'],
    ['does not double a prefix the creator already typed, in any case', policy({ prefix: 'GRP-' }), 'grp-Hiking Club', 'GRP-Hiking Club'],
    ["fills Entra's placeholders from the creator's profile", policy({ prefix: 'GRP_', suffix: '_[Department]_[CountryOrRegion]' }), 'Hiking', 'GRP_Hiking_Research_PT'],
    ['keeps unknown bracketed text as text', policy({ prefix: '[Contoso-]' }), 'Hiking', 'Contoso-Hiking'],
    ['tidies spacing', policy(), '  Hiking    Club ', 'Hiking Club'],
  ])('%s', (_, naming, typed, expected) => {
    expect(applyNamingPolicy(typed, naming, creator)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['a blocked word, any case', policy({ blockedWords: ['Payroll'] }), 'payroll team', { reason: 'blockedWord', word: 'Payroll' }],
    ['a blocked phrase', policy({ blockedWords: ['Chief Executive'] }), 'The chief  executive fans', { reason: 'blockedWord', word: 'Chief Executive' }],
    ['a name that is only the prefix', policy({ prefix: 'GRP-' }), 'GRP-', { reason: 'emptyName' }],
    ['a name over 256 characters with the policy', policy({ prefix: 'GRP-' }), 'x'.repeat(253), { reason: 'nameTooLong', limit: 256 }],
  ])('refuses %s', (_, naming, typed, refusal) => {
    expect(applyNamingPolicy(typed, naming, creator)).toEqual({ ok: false, error: refusal });
  });

  it('blocks whole words only, as Entra does (CEO does not block CEOs or "Procedures")', () => {
    expect(findBlockedWord('CEOs and Procedures', ['CEO'])).toBeUndefined();
    expect(findBlockedWord('Ask the CEO', ['ceo'])).toBe('ceo');
  });

  it("reads Entra's PrefixSuffixNamingRequirement around [GroupName]", () => {
    expect(affixesFromTemplate('GRP_[GroupName]_[Department]')).toEqual({ prefix: 'GRP_', suffix: '_[Department]' });
    expect(affixesFromTemplate('[groupname]-EU')).toEqual({ prefix: '', suffix: '-EU' });
  });
});

describe('mailNicknameFor', () => {
  it.each([
    ['GRP-Hiking Club', [], 'grp-hiking-club'],
    ['Café Crème (Lisboa)', [], 'cafe-creme-lisboa'],
    ['Hiking Club', ['hiking-club', 'Hiking-Club-2'], 'hiking-club-3'],
    ['!!!', [], 'group'],
    ['x'.repeat(100), [], 'x'.repeat(60)],
  ])('%s → a nickname Graph accepts, unused', (name, taken, expected) => {
    expect(mailNicknameFor(name, taken)).toBe(expected);
  });
});
