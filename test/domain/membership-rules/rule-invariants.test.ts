import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateRule, parseMembershipRule, printMembershipRule, type RuleSubject } from '../../../domain/membership-rules/index.js';
import { withoutPositions } from './rule-shape.js';

// Rule-ish tokens, so that random text gets deep into the grammar instead of failing at its first character.
const ruleTokens = [
  'user.department', 'user.otherMails', 'user.assignedPlans', 'user.memberOf', 'device.deviceOSType', 'user.employeeHireDate', 'department',
  '-eq', 'eq', '-ne', '-startsWith', '-notEndsWith', '-contains', '-match', '-in', '-notIn', '-le', '-ge', '-like', '-not', 'not',
  '-and', 'AND', '-or', '-any', '-all', '-plus', 'system.now', 'p1d', '-P30D', '_', 'assignedPlan.service', 'group.objectId',
  '"Sales"', '"', "'", '`"', "''", '"a`"b"', "['g1','g2']", '["US","CA"]', '[', ']', ',', '(', ')', 'null', '$null', 'true', 'false',
  '2020-06-10T18:13:20Z', '2020-13-40', '42', 'Direct', 'Reports', 'for', '"m1"', '–', '“', '”', '"(?=a)"', '"*x"', '\n', '\t',
];
const tokenText = fc.array(fc.constantFrom(...ruleTokens), { maxLength: 25 }).chain((tokens) =>
  fc.constantFrom(' ', '').map((separator) => tokens.join(separator)),
);
const anyText = fc.oneof(
  fc.string({ maxLength: 80 }),
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)), maxLength: 40 }),
  tokenText,
);

describe('the parser on any input', () => {
  it('never throws, points every error and warning inside the text, and returns a rule exactly when there is no error', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const { rule, errors, warnings } = parseMembershipRule(text);
        for (const problem of [...errors, ...warnings]) {
          expect(problem.offset).toBeGreaterThanOrEqual(0);
          expect(problem.length).toBeGreaterThanOrEqual(0);
          expect(problem.offset + problem.length).toBeLessThanOrEqual(text.length);
          expect(problem.message).not.toBe('');
        }
        expect(rule === null).toBe(errors.length > 0);
      }),
      { numRuns: 2000 },
    );
  });

  it('survives a very long and deeply nested input', () => {
    const walls = ['('.repeat(200_000), '-not '.repeat(50_000), '"'.repeat(10_001), 'user.city -eq "x" -and '.repeat(10_000), 'user.otherMails -any '.repeat(20_000), '_ -any '.repeat(30_000)];
    for (const text of walls) {
      expect(() => parseMembershipRule(text)).not.toThrow();
      expect(parseMembershipRule(text).errors.length).toBeGreaterThan(0);
    }
  });
});

// Valid rules: values are arbitrary text (quotes, backticks, curly quotes...), except that a backtick cannot end a
// value (it would escape the closing quote; the printer never produces one either).
const textValue = fc.oneof(fc.constantFrom('Sales', 'sales', 'HR', 'a', '', 'O\'Brien', 'x"y'), fc.string({ maxLength: 6 })).filter((v) => !v.endsWith('`'));
const quoted = (value: string) => `"${value.replaceAll('"', '`"').replaceAll("'", "''")}"`;
const textProperty = fc.constantFrom('user.department', 'user.country', 'user.city', 'user.extensionAttribute3', 'user.mailNickName');
const comparison = fc.oneof(
  fc.tuple(textProperty, fc.constantFrom('-eq', '-ne', '-startsWith', '-notStartsWith', '-endsWith', '-notEndsWith', '-contains', '-notContains'), textValue)
    .map(([p, o, v]) => `${p} ${o} ${quoted(v)}`),
  fc.tuple(textProperty, fc.constantFrom('-in', '-notIn'), fc.array(textValue, { minLength: 1, maxLength: 3 }))
    .map(([p, o, vs]) => `${p} ${o} [${vs.map(quoted).join(',')}]`),
  fc.tuple(textProperty, fc.constantFrom('-eq', '-ne')).map(([p, o]) => `${p} ${o} null`),
  fc.tuple(textProperty, fc.constantFrom('-match', '-notMatch'), fc.constantFrom('^s', 'a$', 's.l', '(h|r)')).map(([p, o, v]) => `${p} ${o} "${v}"`),
  fc.constantFrom(
    'user.accountEnabled -eq true', 'user.accountEnabled -ne false', 'user.accountEnabled -eq null',
    'user.employeeHireDate -ge 2020-01-01T00:00:00Z', 'user.employeeHireDate -le system.now -plus P1D', 'user.employeeHireDate -eq null',
    'user.otherMails -startsWith "a"', 'user.otherMails -notContains "s"',
  ),
  fc.tuple(fc.constantFrom('-any', '-all'), fc.constantFrom('-eq', '-ne', '-startsWith'), textValue).map(([q, o, v]) => `user.otherMails ${q} (_ ${o} ${quoted(v)})`),
  fc.tuple(fc.constantFrom('-any', '-all'), textValue).map(([q, v]) => `user.assignedPlans ${q} (assignedPlan.service -eq ${quoted(v)} -and assignedPlan.capabilityStatus -ne "Deleted")`),
);
const { rule: ruleText } = fc.letrec<{ rule: string; and: string; or: string; not: string; group: string }>((tie) => ({
  rule: fc.oneof({ depthSize: 'small' }, comparison, tie('and'), tie('or'), tie('not'), tie('group')),
  and: fc.array(tie('rule'), { minLength: 2, maxLength: 3 }).map((parts) => parts.join(' -and ')),
  or: fc.array(tie('rule'), { minLength: 2, maxLength: 3 }).map((parts) => parts.join(' -or ')),
  not: tie('rule').map((part) => `-not (${part})`),
  group: tie('rule').map((part) => `(${part})`),
}));

const maybe = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: undefined });
const subjectText = fc.constantFrom('Sales', 'sales', 'HR', 'a', '', 'x"y', "O'Brien");
const subject: fc.Arbitrary<RuleSubject> = fc.record({
  department: maybe(subjectText), country: maybe(subjectText), city: maybe(subjectText), mailNickname: maybe(subjectText),
  onPremisesExtensionAttributes: fc.record({ extensionAttribute3: maybe(subjectText) }),
  accountEnabled: maybe(fc.boolean()),
  employeeHireDate: maybe(fc.constantFrom('2019-01-01T00:00:00Z', '2030-01-01T00:00:00Z')),
  otherMails: fc.array(maybe(subjectText), { maxLength: 3 }),
  assignedPlans: fc.array(fc.record({ service: maybe(subjectText), capabilityStatus: fc.constantFrom('Enabled', 'Deleted') }), { maxLength: 3 }),
}, { requiredKeys: [] });

describe('valid rules', () => {
  it('parse, print and parse again to the same rule', () => {
    fc.assert(
      fc.property(ruleText, (text) => {
        const first = parseMembershipRule(text);
        expect(first.errors).toEqual([]);
        const printed = printMembershipRule(first.rule!);
        const second = parseMembershipRule(printed);
        expect(second.errors).toEqual([]);
        expect(withoutPositions(second.rule!)).toEqual(withoutPositions(first.rule!));
        expect(printMembershipRule(second.rule!)).toBe(printed);
      }),
      { numRuns: 500 },
    );
  });

  it('disagree with their -not (...) on every subject, except that an undetermined result stays undetermined', () => {
    const now = new Date('2026-06-15T00:00:00Z');
    fc.assert(
      fc.property(ruleText, subject, (text, person) => {
        const plain = evaluateRule(parseMembershipRule(text).rule!, person, now);
        const negated = evaluateRule(parseMembershipRule(`-not (${text})`).rule!, person, now);
        expect(negated).toBe(plain === 'undetermined' ? 'undetermined' : !plain);
      }),
      { numRuns: 1000 },
    );
  });
});
