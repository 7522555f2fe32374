import { describe, expect, it } from 'vitest';
import { parseMembershipRule, type RuleErrorCode } from '../../../domain/membership-rules/index.js';
import { markedSpan } from './marked-span.js';
import { ruleShape } from './rule-shape.js';

function shapeOf(text: string): string {
  const { rule, errors } = parseMembershipRule(text);
  expect(errors).toEqual([]);
  return ruleShape(rule!.root);
}

describe('the grammar (spec §3)', () => {
  it.each([
    ['a single predicate', 'user.department -eq "Sales"', 'user.department -eq "Sales"'],
    ['whitespace, tabs and newlines around and between tokens', '\n\t user.department\n-eq\t"Sales"  \n', 'user.department -eq "Sales"'],
    ['operators without their hyphen', 'user.department eq "Sales" and user.country ne "US"', 'and(user.department -eq "Sales", user.country -ne "US")'],
    ['operators in any case', 'user.department -EQ "Sales" -AND user.city -StartsWith "Lag"', 'and(user.department -eq "Sales", user.city -startsWith "Lag")'],
    ['-or as a chain', 'user.city -eq "a" -or user.city -eq "b" -or user.city -eq "c"', 'or(user.city -eq "a", user.city -eq "b", user.city -eq "c")'],
    ['-and binding tighter than -or: A -or B -and C is A -or (B -and C)', 'user.city -eq "a" -or user.city -eq "b" -and user.country -eq "c"', 'or(user.city -eq "a", and(user.city -eq "b", user.country -eq "c"))'],
    ['-and binding tighter than -or on the left too', 'user.city -eq "a" -and user.city -eq "b" -or user.country -eq "c"', 'or(and(user.city -eq "a", user.city -eq "b"), user.country -eq "c")'],
    ['parentheses overriding precedence', 'user.country -eq "US" -and (user.department -eq "Marketing" -or user.department -eq "Sales")', 'and(user.country -eq "US", or(user.department -eq "Marketing", user.department -eq "Sales"))'],
    ['-not binding tighter than -and: -not (A) -and B', '-not (user.city -eq "a") -and user.country -eq "b"', 'and(not(user.city -eq "a"), user.country -eq "b")'],
    ['-not after -and (Microsoft example)', 'user.city -eq "a" -and -not (user.country -eq "b")', 'and(user.city -eq "a", not(user.country -eq "b"))'],
    ['-not directly before a predicate (spec §16.21)', '-not user.city -eq "a" -and user.country -eq "b"', 'and(not(user.city -eq "a"), user.country -eq "b")'],
    ['-not applied twice', '-not -not user.city -eq "a"', 'not(not(user.city -eq "a"))'],
    ['nested parentheses around a single predicate', '(((user.city -eq "a")))', 'user.city -eq "a"'],
    ['a parenthesised same-kind chain kept as written', 'user.city -eq "a" -and (user.city -eq "b" -and user.city -eq "c")', 'and(user.city -eq "a", and(user.city -eq "b", user.city -eq "c"))'],
    ['-any with a parenthesised _ body', 'user.proxyAddresses -any (_ -startsWith "contoso")', 'any(user.proxyAddresses, _ -startsWith "contoso")'],
    ['-all with a compound assignedPlan body', 'user.assignedPlans -all (assignedPlan.service -eq "SCO" -and assignedPlan.capabilityStatus -eq "Enabled")', 'all(user.assignedPlans, and(assignedPlan.service -eq "SCO", assignedPlan.capabilityStatus -eq "Enabled"))'],
    ['a device body without parentheses', 'device.devicePhysicalIds -any _ -eq "[OrderID]:179887111881"', 'any(device.devicePhysicalIds, _ -eq "[OrderID]:179887111881")'],
    ['assignedPlan.servicePlanId as an item reference', 'user.assignedPlans -any (assignedPlan.servicePlanId -eq null)', 'any(user.assignedPlans, assignedPlan.servicePlanId -eq null)'],
    ['the memberOf form with group.objectId', "user.memberof -any (group.objectId -in ['a1', 'b2'])", "any(user.memberOf, group.objectId -in ['a1', 'b2'])"],
    ['the direct-reports form', 'Direct Reports for "62e19b97-8b3d-4d4a-a106-4ce66896a863"', 'Direct Reports for "62e19b97-8b3d-4d4a-a106-4ce66896a863"'],
    ['the direct-reports form in other case and spacing (spec §16.19)', '  direct   REPORTS\nfor "m1" ', 'Direct Reports for "m1"'],
    ['a device property', 'device.deviceOSType -eq "Windows"', 'device.deviceOSType -eq "Windows"'],
    ['uppercase AND and OR (spec §16.15)', 'user.city -eq "a" AND user.city -eq "b" OR user.city -eq "c"', 'or(and(user.city -eq "a", user.city -eq "b"), user.city -eq "c")'],
    ['a value glued to its operator and parentheses glued to conditions', '(user.city -eq"a")-or(user.city -eq"b")', 'or(user.city -eq "a", user.city -eq "b")'],
  ])('reads %s', (_, text, shape) => {
    expect(shapeOf(text)).toBe(shape);
  });

  it('makes a rule of a device property a device rule and of a user property a user rule', () => {
    expect(parseMembershipRule('device.objectId -ne null').rule?.objectType).toBe('device');
    expect(parseMembershipRule('user.objectId -ne null').rule?.objectType).toBe('user');
    expect(parseMembershipRule('Direct Reports for "m"').rule?.objectType).toBe('user');
  });
});

describe('values (spec §2, §10)', () => {
  const valueOf = (text: string) => {
    const { rule, errors } = parseMembershipRule(text);
    expect(errors).toEqual([]);
    const root = rule!.root;
    if (root.kind !== 'comparison') throw new Error('expected a comparison');
    return root.value;
  };

  it.each([
    ['a double-quoted string', 'user.department -eq "Sales"', { kind: 'string', value: 'Sales' }],
    ['an embedded " escaped with a backtick', 'user.department -eq "`"Sales`""', { kind: 'string', value: '"Sales"' }],
    ["an embedded ' written twice", `user.surname -eq "O''Brien"`, { kind: 'string', value: "O'Brien" }],
    ['a backslash taken literally (spec §16.2)', 'user.department -eq "a\\"', { kind: 'string', value: 'a\\' }],
    ['a backtick before anything but " taken literally', 'user.department -eq "a`b"', { kind: 'string', value: 'a`b' }],
    ['"null" in quotes as the four-letter text', 'user.employeeId -ne "null"', { kind: 'string', value: 'null' }],
    ['bare null', 'user.employeeId -ne null', { kind: 'null' }],
    ['$null as null (spec §16.8)', 'user.employeeId -ne $null', { kind: 'null' }],
    ['true unquoted', 'user.accountEnabled -eq true', { kind: 'boolean', value: true }],
    ['False in any case', 'user.accountEnabled -eq False', { kind: 'boolean', value: false }],
    ['a quoted boolean on a boolean property', 'user.accountEnabled -eq "true"', { kind: 'boolean', value: true }],
    ['a list, with or without spaces after commas', 'user.country -in ["US","CA", "NZ"]', { kind: 'list', items: ['US', 'CA', 'NZ'] }],
    ['a list of single-quoted strings (ours, spec §2)', "user.country -notIn ['US', 'O''Hara']", { kind: 'list', items: ['US', "O'Hara"] }],
    ['an unquoted ISO instant', 'user.employeeHireDate -le 2020-06-10T18:13:20Z', { kind: 'dateTime', text: '2020-06-10T18:13:20Z', epochMs: Date.UTC(2020, 5, 10, 18, 13, 20) }],
    ['a quoted ISO instant (spec §16.13)', 'user.employeeHireDate -eq "2020-06-10T18:13:20Z"', { kind: 'dateTime', text: '2020-06-10T18:13:20Z', epochMs: Date.UTC(2020, 5, 10, 18, 13, 20) }],
    ['a date-time without a zone, as UTC', 'user.employeeHireDate -ge 2020-06-10T08:00', { kind: 'dateTime', text: '2020-06-10T08:00', epochMs: Date.UTC(2020, 5, 10, 8) }],
    ['system.now', 'user.employeeHireDate -le system.now', { kind: 'now', plus: null }],
  ])('reads %s', (_, text, value) => {
    expect(valueOf(text)).toEqual(value);
  });

  it('reads system.now -plus an ISO duration, written in any case', () => {
    expect(valueOf('user.employeeHireDate -ge system.now -plus p1d')).toMatchObject({ kind: 'now', plus: { text: 'p1d', days: 1, sign: 1 } });
    expect(valueOf('user.employeeHireDate -ge SYSTEM.NOW plus P1Y2M3W4DT5H6M7S')).toMatchObject({ plus: { years: 1, months: 2, weeks: 3, days: 4, hours: 5, minutes: 6, seconds: 7 } });
  });

  it('counts UTF-16 code units against the 3,072 limit, whitespace included, so exactly 3,072 is accepted', () => {
    const filler = (n: number) => `user.department -eq "${'x'.repeat(n - 22)}"`;
    expect(parseMembershipRule(filler(3072)).errors).toEqual([]);
    expect(parseMembershipRule(filler(3073)).errors[0]?.code).toBe('tooLong');
    expect(parseMembershipRule(`${filler(3070)}   `).errors[0]?.code).toBe('tooLong');
  });
});

describe('errors (spec §12 and the grammar notes) point at the offending text', () => {
  it.each<[string, RuleErrorCode, string]>([
    ['⟦user.invalidProperty⟧ -eq "x"', 'unknownProperty', 'unknown property user.invalidProperty'],
    ['⟦user.extensionAttribute16⟧ -eq "x"', 'unknownProperty', 'unknown property user.extensionAttribute16 — extension attributes run from extensionAttribute1 to extensionAttribute15'],
    ['⟦user.departmnet⟧ -eq "Sales"', 'unknownProperty', 'unknown property user.departmnet — did you mean user.department?'],
    ['⟦users.department⟧ -eq "x"', 'unknownProperty', 'unknown property users.department — did you mean user.department?'],
    ['⟦user.extension_abc_Name⟧ -eq "x"', 'unknownProperty', 'unknown property user.extension_abc_Name — custom extension properties are written extension_<app id without hyphens>_<name>'],
    ['⟦user.deviceOSType⟧ -eq "iOS"', 'unknownProperty', "unknown property user.deviceOSType — deviceOSType is a device property, and a user rule can't read it"],
    ['user.accountEnabled ⟦-contains⟧ true', 'operatorNotAllowed', 'user.accountEnabled is true or false; use -eq or -ne, not -contains'],
    ['user.employeeHireDate ⟦-startsWith⟧ "2020"', 'operatorNotAllowed', 'user.employeeHireDate is a date; use -eq, -le or -ge, not -startsWith'],
    ['user.city ⟦-le⟧ "x"', 'operatorNotAllowed', '-le works only on user.employeeHireDate'],
    ['user.city ⟦-ge⟧ "x"', 'operatorNotAllowed', '-ge works only on user.employeeHireDate'],
    ['user.department -eq "Sales" ⟦user.country⟧ -eq "US"', 'missingLogicalOperator', 'two conditions need -and or -or between them'],
    ['user.mail -match ⟦"*@domain.ext"⟧', 'invalidRegex', 'the pattern "*@domain.ext" does not compile: missing argument to repetition operator: `*`'],
    ['user.extensionAttribute1 -match "(a?)⟦{1000}⟧a{1000}"', 'repetitionTooLarge', 'the pattern "(a?){1000}a{1000}" repeats {1000}: 1,000 times, over the 100 GroupGate runs so that no rule can hold up the bot. Use a smaller count, or -startsWith, -endsWith or -eq'],
    ['user.extensionAttribute1 -match ⟦"(a?){100}a{100}"⟧', 'patternTooComplex', 'the pattern "(a?){100}a{100}" is too complex to run safely: it compiles to 502 steps; a rule\'s patterns may use 300 in all. Use fewer alternatives or repetitions, or -startsWith, -endsWith or -eq'],
    ['user.city -match "^.{2,100}$" -and user.mail -match ⟦"(.*a.{30}){4}"⟧', 'patternTooComplex', 'the pattern "(.*a.{30}){4}" is too complex to run safely: it compiles to 142 steps, and with the rule\'s other patterns that is over the 300 a rule may use. Use fewer alternatives or repetitions, or -startsWith, -endsWith or -eq'],
    ['user.department ⟦-not⟧ null', 'notAsComparison', "-not can't compare a property with a value; write user.department -ne null"],
    ['user.department ⟦-not⟧ $null', 'notAsComparison', "-not can't compare a property with a value; write user.department -ne null"],
    ['user.department -match ⟦["a","b"]⟧', 'listNotAllowed', '-match takes one value, not a list'],
    ['user.department -eq ⟦["a","b"]⟧', 'listNotAllowed', '-eq takes one value; use -in for a list like ["US","CA"]'],
    [`user.department -eq "${'x'.repeat(3072 - 21)}⟦${'x'.repeat(3180 - 3072 - 1)}"⟧`, 'tooLong', 'the rule is 3,180 characters; the limit is 3,072'],
    ['Direct Reports for "id" ⟦-and user.department -eq "x"⟧', 'directReportsCombined', 'Direct Reports for "…" must be the whole rule'],
    ['user.department -eq "x" -and ⟦Direct Reports for "m"⟧', 'directReportsCombined', 'Direct Reports for "…" must be the whole rule'],
    ['⟦Direct Reports "id"⟧', 'directReportsForm', 'write Direct Reports for "<object id of the manager>"'],
    ["user.department -eq \"x\" -and ⟦user.memberOf -any (group.objectId -in ['g'])⟧", 'memberOfCombined', "a memberOf rule must stand alone: it can't be combined with other conditions or -not"],
    ["-not (⟦user.memberOf -any (group.objectId -in ['g'])⟧)", 'memberOfCombined', "a memberOf rule must stand alone: it can't be combined with other conditions or -not"],
    ['user.memberOf -any (⟦group.objectId -eq "g"⟧)', 'memberOfForm', "a memberOf rule has one form: user.memberOf -any (group.objectId -in ['<group id>'])"],
    ["user.memberOf ⟦-all⟧ (group.objectId -in ['g'])", 'memberOfForm', "memberOf takes only -any: user.memberOf -any (group.objectId -in ['<group id>'])"],
    ['user.department -eq "x" -and ⟦device.deviceOSType⟧ -eq "iOS"', 'mixedObjectTypes', "a rule selects users or devices, not both: device.deviceOSType can't appear in a user rule"],
    ['⟦department⟧ -eq "Sales"', 'missingObjectPrefix', 'department needs its object: write user.department'],
    ['⟦(⟧user.department -eq "x"', 'unclosedParenthesis', 'this ( is never closed'],
    ['user.department -eq "x"⟦)⟧', 'unexpectedParenthesis', 'this ) has no matching ('],
    ['user.department -eq ⟦"Sales⟧', 'unterminatedString', 'this value has no closing "'],
    ['user.department ⟦-eq⟧', 'missingValue', '-eq needs a value after it, e.g. "Sales"'],
    ['user.department -eq "x" ⟦-and⟧', 'missingCondition', '-and needs a condition after it'],
    ['user.department -eq "x" ⟦-and⟧ -or user.city -eq "y"', 'missingCondition', '-and needs a condition after it'],
    ['⟦-and⟧ user.city -eq "x"', 'missingCondition', '-and needs a condition before it'],
    ['user.department -eq "x" -and ⟦-not⟧', 'missingCondition', '-not needs a condition after it'],
    ['⟦()⟧', 'missingCondition', 'empty parentheses: write a condition inside them'],
    ['user.department ⟦-like⟧ "x"', 'unknownOperator', 'unknown operator -like — did you mean -match?'],
    ['user.department ⟦-equals⟧ "Sales"', 'unknownOperator', 'unknown operator -equals — did you mean -eq?'],
    ['user.department ⟦-startwith⟧ "S"', 'unknownOperator', 'unknown operator -startwith — did you mean -startsWith?'],
    ['user.department ⟦equals⟧ "Sales"', 'unknownOperator', 'unknown operator equals — did you mean -eq?'],
    ['user.department -eq "x" ⟦-andd⟧ user.city -eq "y"', 'unknownOperator', 'unknown operator -andd — did you mean -and?'],
    ['user.city -eq "x" ⟦&&⟧ user.department -eq "y"', 'unknownOperator', 'unknown operator && — did you mean -and?'],
    ['user.city ⟦-plus⟧ "x"', 'unknownOperator', '-plus only follows system.now, as in user.employeeHireDate -ge system.now -plus P1D'],
    ['user.country ⟦-in "US"⟧', 'listRequired', '-in needs a list like ["US","CA"]'],
    ['user.country ⟦-notIn "US"⟧', 'listRequired', '-notIn needs a list like ["US","CA"]'],
    ['⟦   ⟧', 'emptyRule', 'the rule is empty; write a condition such as user.department -eq "Sales"'],
    ['user.department -eq ⟦Sales⟧', 'unquotedString', 'write text values in double quotes: "Sales"'],
    ['user.employeeId -eq ⟦123⟧', 'unquotedString', 'write text values in double quotes: "123"'],
    ["user.department -eq ⟦'Sales'⟧", 'singleQuotedString', 'write values in double quotes: "Sales" (single quotes only appear inside lists)'],
    ['user.employeeHireDate -ge ⟦2020-13-01⟧', 'invalidDate', '2020-13-01 is not a valid date; write it like 2020-06-10T18:13:20Z'],
    ['user.employeeHireDate -le ⟦"yesterday"⟧', 'invalidDate', '"yesterday" is not a valid date; write it like 2020-06-10T18:13:20Z'],
    ['user.employeeHireDate -ge system.now -plus ⟦1d⟧', 'invalidDuration', '1d is not an ISO-8601 duration such as P1D, P2W or PT12H'],
    ['user.employeeHireDate -ge system.now ⟦-minus p1d⟧', 'invalidDuration', 'Microsoft documents only -plus; write system.now -plus -p1d'],
    [`user.memberOf -any (⟦group.objectId -in [${Array.from({ length: 51 }, (_, i) => `'g${i}'`).join(',')}]⟧)`, 'tooManySourceGroups', 'a memberOf rule takes at most 50 groups; this one lists 51'],
    ['user.department ⟦-any⟧ (_ -eq "x")', 'quantifierNotAllowed', '-any works only on list properties such as user.otherMails or user.assignedPlans; user.department holds one value'],
    ['user.otherMails -any (_ ⟦-any⟧ (_ -eq "x"))', 'quantifierNotAllowed', "-any can't be used inside another -any/-all"],
    ['⟦user.assignedPlans -eq "x"⟧', 'quantifierRequired', 'user.assignedPlans needs -any or -all, e.g. user.assignedPlans -any (assignedPlan.capabilityStatus -eq "Enabled")'],
    ['⟦_⟧ -eq "x"', 'itemReferenceOutsideQuantifier', '_ only means something inside -any/-all, e.g. user.otherMails -any (_ -eq "x")'],
    ['user.otherMails -any (⟦assignedPlan.service⟧ -eq "x")', 'wrongItemReference', 'inside user.otherMails -any/-all, refer to the item as _'],
    ['user.assignedPlans -any (⟦_⟧ -eq "x")', 'wrongItemReference', 'inside user.assignedPlans -any/-all, refer to the item as assignedPlan.capabilityStatus, assignedPlan.service, assignedPlan.servicePlanId'],
    ['user.otherMails ⟦-any⟧', 'missingCondition', '-any needs a condition about each item after it, e.g. (_ -eq "x")'],
    [`${'('.repeat(100)}⟦(⟧${'('.repeat(49)}user.city -eq "x"`, 'nestingTooDeep', 'the rule nests more than 100 levels deep'],
    ['user.department ⟦–⟧eq "Sales"', 'typographicCharacter', '– is a typographic dash; retype it as a plain hyphen (-)'],
    ['user.department -eq ⟦“⟧Sales”', 'typographicCharacter', '“ is a typographic quote; retype it as a straight quote (")'],
    ['user.accountEnabled -eq ⟦"yes"⟧', 'valueNotAllowed', 'user.accountEnabled is true or false, not "yes"'],
    ['user.department -eq ⟦true⟧', 'valueNotAllowed', 'user.department holds text; write the value in double quotes: "true"'],
    ['user.department -startsWith ⟦null⟧', 'valueNotAllowed', 'null works only with -eq and -ne'],
    ['user.otherMails -eq ⟦null⟧', 'valueNotAllowed', 'user.otherMails is a list; compare its items with -any or -all'],
    ['user.city -eq ⟦system.now⟧', 'valueNotAllowed', 'user.city holds text; dates and system.now work only with user.employeeHireDate'],
    ['user.department -eq ⟦user.city⟧', 'valueNotAllowed', "a rule compares a property with a fixed value; user.city can't be a value"],
    ['user.department -in [⟦a⟧]', 'valueNotAllowed', 'list items are text in double quotes: "a"'],
    ['user.department -in ⟦[]⟧', 'emptyList', 'a list needs at least one value, like ["US","CA"]'],
    ['user.department -in ⟦[⟧"a", "b"', 'unclosedList', 'this [ is never closed with ]'],
    ['user.department -in ["a" ⟦"b"⟧]', 'unexpectedToken', 'list items need a comma between them'],
    ['user.department -in ["a",⟦]⟧', 'missingValue', 'a value is missing after the last comma'],
    ['⟦-eq⟧ "x"', 'missingProperty', '-eq needs a property before it, e.g. user.department -eq "Sales"'],
    ['user.city -eq "x" ⟦-eq⟧ "y"', 'missingProperty', '-eq needs a property before it, e.g. user.department -eq "Sales"'],
    ['user.department ⟦"Sales"⟧', 'missingOperator', 'add an operator such as -eq between user.department and its value'],
    ['⟦user.department⟧', 'missingOperator', 'user.department needs an operator and a value, e.g. user.department -eq "Sales"'],
  ])('%s → %s', (marked, code, message) => {
    const { text, offset, length } = markedSpan(marked);
    const { rule, errors } = parseMembershipRule(text);
    expect(rule).toBeNull();
    expect(errors[0]).toEqual({ code, message, offset, length });
  });

  it('reports every independent mistake in one pass, in text order', () => {
    const { errors } = parseMembershipRule('user.departmnet -eq "Sales" -and user.country -equals "US"');
    expect(errors.map((e) => e.code)).toEqual(['unknownProperty', 'unknownOperator']);
  });

  it('keeps reading after a typographic dash, so the rest of the rule is still checked', () => {
    const { errors } = parseMembershipRule('user.department –eq "Sales" –and user.city -eq Lagos');
    expect(errors.map((e) => e.code)).toEqual(['typographicCharacter', 'typographicCharacter', 'unquotedString']);
  });
});

describe('warnings: the rule works, but the admin should know', () => {
  it.each<[string, string, string]>([
    ['user.mail ⟦-contains⟧ "x"', 'slowOperator', '-contains is slow in large tenants; -eq, -startsWith or -endsWith are faster when you know where the text sits'],
    ['user.mail ⟦-notContains⟧ "x"', 'slowOperator', '-notContains is slow in large tenants; -eq, -startsWith or -endsWith are faster when you know where the text sits'],
    ['user.displayName ⟦-match⟧ "^Da.*"', 'slowOperator', '-match is slow in large tenants; user.displayName -startsWith "Da" does exactly the same, faster'],
    ['user.displayName ⟦-notMatch⟧ "^Da$"', 'slowOperator', '-notMatch is slow in large tenants; user.displayName -ne "Da" does exactly the same, faster'],
    ['user.mail ⟦-match⟧ ".*@Contoso\\.com$"', 'slowOperator', '-match is slow in large tenants; user.mail -endsWith "@Contoso.com" does exactly the same, faster'],
    // An unescaped dot matches any character, so -endsWith would not be exactly the same.
    ['user.mail ⟦-match⟧ ".*@Contoso.com$"', 'slowOperator', '-match is slow in large tenants; use -eq, -startsWith or -endsWith when they can say the same'],
    ["⟦user.memberOf -any (group.objectId -in ['g'])⟧", 'slowOperator', 'memberOf is slow to process, and a tenant may have at most 500 memberOf groups'],
    ["⟦device.memberOf -any (group.objectId -in ['g'])⟧", 'memberOfRetirement', 'memberOf rules are being retired: after 3 November 2026, groups using them stop updating'],
    ['⟦user.otherMails -any (_ -eq "x")⟧ -and user.department -eq "y"', 'unparenthesizedQuantifier', 'add parentheses around the -any/-all clause before -and: (user.otherMails -any (_ -eq "x"))'],
    ['⟦device.devicePhysicalIds -any _ -eq "x"⟧ -or device.deviceOSType -eq "y"', 'unparenthesizedQuantifier', 'add parentheses around the -any/-all clause before -or: (device.devicePhysicalIds -any _ -eq "x")'],
    ['user.mail -match ⟦"\\Aabc"⟧', 'dotnetRegex', "the pattern uses \\A; Entra ID's .NET engine may read it differently"],
    ['user.mail -match ⟦"abc\\Z"⟧', 'dotnetRegex', "the pattern uses \\Z; Entra ID's .NET engine may read it differently"],
    ['user.mail -match ⟦"(?i)abc"⟧', 'dotnetRegex', "the pattern uses inline options such as (?i); Entra ID's .NET engine may read it differently"],
    ['user.mail -match ⟦"(?>a)b"⟧', 'regexNotEvaluable', "GroupGate's safe regular-expression engine can't run atomic group (?>…); this condition is reported as undetermined"],
    ['user.mail -match ⟦"(?<=a)b"⟧', 'regexNotEvaluable', "GroupGate's safe regular-expression engine can't run lookaround; this condition is reported as undetermined"],
    ['user.mail -match ⟦"(a)\\1"⟧', 'regexNotEvaluable', "GroupGate's safe regular-expression engine can't run backreference; this condition is reported as undetermined"],
    ['⟦user.mailnickname⟧ -eq "x"', 'propertySpelling', 'write user.mailNickName: Microsoft documents property names as case-sensitive, though its own examples vary'],
    ['⟦user.otherMails -startsWith "alias@domain"⟧', 'implicitAny', 'user.otherMails is a list; this is read as user.otherMails -any (_ -startsWith "alias@domain") — write it that way to be explicit'],
    ['⟦user.proxyAddresses -notEndsWith "@outlook.com"⟧', 'implicitAny', 'user.proxyAddresses is a list; this is read as user.proxyAddresses -all (_ -notEndsWith "@outlook.com") — write it that way to be explicit'],
    ['user.employeeId -ne ⟦"null"⟧', 'quotedNull', '"null" in quotes is the four-letter text; write null without quotes to mean "no value"'],
    ['user.department -eq ⟦$null⟧', 'legacyNull', '$null is an old spelling; write null'],
    [`user.surname -eq "O⟦'⟧Brien"`, 'loneSingleQuote', "a single ' inside a value behaves inconsistently in Entra ID; write it twice ('')"],
    ['user.employeeHireDate -ge ⟦system.now⟧ -plus p1d', 'timeDependent', 'system.now moves: membership changes over time without any attribute change, and a preview holds only for the time it ran'],
    ['user.employeeHireDate -ge system.now -plus ⟦-P30D⟧', 'negativeDuration', 'a negative duration is not documented by Microsoft; Entra ID may refuse it'],
    ['⟦user.sipProxyAddress⟧ -eq "x"', 'unreadableProperty', "user.sipProxyAddress can't be read through Microsoft Graph v1.0; this condition is reported as undetermined"],
    ['⟦device.organizationalUnit⟧ -eq "x"', 'retiredProperty', 'device.organizationalUnit is no longer supported: no device ever matches it'],
    ['⟦user.country -eq "US" -or user.country -eq "CA" -or user.city -eq "x"⟧', 'preferIn', 'user.country -in ["US", "CA"] does exactly the same, faster'],
    ['⟦user.country -ne "US" -and user.country -ne "CA"⟧', 'preferNotIn', 'user.country -notIn ["US", "CA"] does exactly the same, faster'],
    ['⟦user.city -eq "Lagos"⟧ -or user.city -startsWith "Lag"', 'redundantCondition', 'user.city -eq "Lagos" is already covered by user.city -startsWith "Lag"; remove it'],
  ])('%s → %s', (marked, code, message) => {
    const { text, offset, length } = markedSpan(marked);
    const { rule, warnings } = parseMembershipRule(text);
    expect(rule).not.toBeNull();
    expect(warnings.filter((w) => w.code === code)).toEqual([{ code, message, offset, length }]);
    expect(rule!.warnings).toEqual(warnings);
  });

  it('says nothing about a rule that needs no advice', () => {
    expect(parseMembershipRule('(user.department -eq "Sales") -and (user.otherMails -any (_ -endsWith "@contoso.com"))').warnings).toEqual([]);
  });
});
