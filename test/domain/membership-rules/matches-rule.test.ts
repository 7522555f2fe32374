import { describe, expect, it } from 'vitest';
import { evaluateRule, matchesRule, parseMembershipRule, type RuleResult, type RuleSubject } from '../../../domain/membership-rules/index.js';

function ruleOf(text: string) {
  const { rule, errors } = parseMembershipRule(text);
  expect(errors).toEqual([]);
  return rule!;
}

const evaluate = (text: string, subject: RuleSubject, now?: Date): RuleResult => evaluateRule(ruleOf(text), subject, now);

describe('comparison operators on a string property (spec §4), ignoring case', () => {
  it.each<[string, RuleSubject, RuleResult]>([
    ['user.department -eq "Sales"', { department: 'SALES' }, true],
    ['user.department -eq "Sales"', { department: 'Sales EMEA' }, false],
    ['user.userType -eq "member"', { userType: 'Member' }, true],
    ['user.department -ne "Sales"', { department: 'sales' }, false],
    ['user.department -ne "Sales"', { department: 'HR' }, true],
    ['user.jobTitle -startsWith "acc"', { jobTitle: 'Account Manager' }, true],
    ['user.jobTitle -startsWith "Manager"', { jobTitle: 'Account Manager' }, false],
    ['user.jobTitle -notStartsWith "acc"', { jobTitle: 'Account Manager' }, false],
    ['user.jobTitle -notStartsWith "Manager"', { jobTitle: 'Account Manager' }, true],
    ['user.mail -endsWith "@CONTOSO.com"', { mail: 'jane@contoso.com' }, true],
    ['user.mail -endsWith "@contoso"', { mail: 'jane@contoso.com' }, false],
    ['user.mail -notEndsWith "@contoso.com"', { mail: 'jane@Contoso.com' }, false],
    ['user.mail -notEndsWith "@fabrikam.com"', { mail: 'jane@contoso.com' }, true],
    ['user.city -contains "AGO"', { city: 'Lagos' }, true],
    ['user.city -contains "x"', { city: 'Lagos' }, false],
    ['user.city -notContains "ago"', { city: 'Lagos' }, false],
    ['user.city -notContains "x"', { city: 'Lagos' }, true],
    ['user.city -match "ago"', { city: 'Lagos' }, true],
    ['user.mail -match "@domain.ext$"', { mail: 'a@DOMAIN.ext' }, true],
    ['user.mail -match "@domain.ext$"', { mail: 'a@domain.ext.org' }, false],
    ['user.city -notMatch "ago"', { city: 'Lagos' }, false],
    ['user.city -notMatch "^ago"', { city: 'Lagos' }, true],
    ['user.country -in ["US","ca"]', { country: 'CA' }, true],
    ['user.country -in ["US","CA"]', { country: 'NZ' }, false],
    ['user.country -notIn ["US","CA"]', { country: 'us' }, false],
    ['user.country -notIn ["US","CA"]', { country: 'NZ' }, true],
    ['user.surname -eq "O\'\'Brien"', { surname: "o'brien" }, true],
    ['user.department -eq "`"Sales`""', { department: '"Sales"' }, true],
    ['user.department -eq "a\\b"', { department: 'a\\b' }, true],
  ])('%s on %j is %s', (text, subject, expected) => {
    expect(evaluate(text, subject)).toBe(expected);
  });

  it.each<[string, string, boolean]>([
    ['^Da.*', 'Da', true], ['^Da.*', 'Dav', true], ['^Da.*', 'David', true], ['^Da.*', 'aDa', false],
    ['.*vid', 'David', true], ['.*vid', 'Da', false],
  ])('matches displayName against %s as Microsoft documents: %s is %s', (pattern, displayName, expected) => {
    expect(matchesRule(ruleOf(`user.displayName -match "${pattern}"`), { displayName })).toBe(expected);
  });

  it('runs a catastrophic-backtracking pattern in linear time', () => {
    const started = performance.now();
    expect(evaluate('user.displayName -match "^(a+)+$"', { displayName: `${'a'.repeat(5000)}!` })).toBe(false);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('reads .NET \\Z as end of text, or before a final newline', () => {
    expect(evaluate('user.city -match "gos\\Z"', { city: 'Lagos' })).toBe(true);
    expect(evaluate('user.city -match "gos\\Z"', { city: 'Lagos\n' })).toBe(true);
    expect(evaluate('user.city -match "gos\\Z"', { city: 'Lagos x' })).toBe(false);
  });

  it('leaves a clause undetermined when its pattern needs a construct the safe engine lacks', () => {
    expect(evaluate('user.city -match "(?=L)Lagos"', { city: 'Lagos' })).toBe('undetermined');
  });
});

describe('null and missing values (spec §4, §11)', () => {
  it.each<[string, RuleSubject, RuleResult]>([
    ['user.department -eq null', {}, true],
    ['user.department -eq null', { department: null }, true],
    ['user.department -eq null', { department: 'Sales' }, false],
    ['user.department -ne null', { department: 'Sales' }, true],
    ['user.department -ne null', {}, false],
    ['user.department -eq ""', { department: '' }, true],
    ['user.department -ne null', { department: '' }, true],
    ['user.department -eq "Sales"', {}, 'undetermined'],
    ['user.department -ne "Sales"', {}, 'undetermined'],
    ['user.department -startsWith "S"', { department: null }, 'undetermined'],
    ['user.country -notIn ["US"]', {}, 'undetermined'],
    ['user.department -eq "Sales" -and user.country -eq "US"', { country: 'NZ' }, false],
    ['user.department -eq "Sales" -or user.country -eq "US"', { country: 'US' }, true],
    ['user.department -eq "Sales" -or user.country -eq "US"', { country: 'NZ' }, 'undetermined'],
    ['-not (user.department -eq "Sales")', {}, 'undetermined'],
    ['user.employeeId -ne "null"', { employeeId: 'null' }, false],
    ['user.employeeId -ne null', { employeeId: 'null' }, true],
  ])('%s on %j is %s', (text, subject, expected) => {
    expect(evaluate(text, subject)).toBe(expected);
  });

  it('does not count an undetermined result as membership', () => {
    expect(matchesRule(ruleOf('user.department -ne "Sales"'), {})).toBe(false);
  });

  it('reports a property Graph cannot return as undetermined, whatever the value', () => {
    expect(evaluate('user.sipProxyAddress -eq null', {})).toBe('undetermined');
    expect(evaluate('user.sipProxyAddress -ne "x"', { sipProxyAddress: 'x' })).toBe('undetermined');
  });

  it('matches no device on the retired organizationalUnit', () => {
    expect(evaluate('device.organizationalUnit -eq "Sales"', { organizationalUnit: 'Sales' })).toBe(false);
    expect(evaluate('device.organizationalUnit -ne "Sales"', {})).toBe(false);
  });
});

describe('booleans and dates', () => {
  const now = new Date('2026-06-15T12:00:00Z');
  it.each<[string, RuleSubject, RuleResult]>([
    ['user.accountEnabled -eq true', { accountEnabled: true }, true],
    ['user.accountEnabled -eq true', { accountEnabled: false }, false],
    ['user.accountEnabled -ne true', { accountEnabled: false }, true],
    ['user.accountEnabled -eq "false"', { accountEnabled: false }, true],
    ['user.accountEnabled -eq false', {}, 'undetermined'],
    ['user.accountEnabled -eq null', {}, true],
    ['user.dirSyncEnabled -eq true', { onPremisesSyncEnabled: true }, true],
    ['user.employeeHireDate -le 2020-06-10T18:13:20Z', { employeeHireDate: '2020-06-10T18:13:20Z' }, true],
    ['user.employeeHireDate -le 2020-06-10T18:13:20Z', { employeeHireDate: '2020-06-10T18:13:21Z' }, false],
    ['user.employeeHireDate -ge 2020-06-10', { employeeHireDate: '2020-06-10T00:00:00Z' }, true],
    ['user.employeeHireDate -eq "2020-06-10T00:00:00Z"', { employeeHireDate: '2020-06-10T00:00:00Z' }, true],
    ['user.employeeHireDate -eq 2020-06-10T02:00:00+02:00', { employeeHireDate: '2020-06-10T00:00:00Z' }, true],
    ['user.employeeHireDate -ge system.now -plus p1d', { employeeHireDate: '2026-06-16T12:00:00Z' }, true],
    ['user.employeeHireDate -ge system.now -plus p1d', { employeeHireDate: '2026-06-16T11:59:59Z' }, false],
    ['user.employeeHireDate -ge system.now -plus -P30D', { employeeHireDate: '2026-05-20T00:00:00Z' }, true],
    ['user.employeeHireDate -le system.now -plus -P1M', { employeeHireDate: '2026-05-15T12:00:00Z' }, true],
    ['user.employeeHireDate -le system.now', { employeeHireDate: '2026-06-15T12:00:01Z' }, false],
    ['user.employeeHireDate -ge system.now', {}, 'undetermined'],
    ['user.employeeHireDate -eq null', {}, true],
    ['user.employeeHireDate -ne null', { employeeHireDate: '2020-01-01T00:00:00Z' }, true],
  ])('%s on %j is %s (now = 2026-06-15T12:00Z)', (text, subject, expected) => {
    expect(evaluate(text, subject, now)).toBe(expected);
  });
});

describe('-any and -all (spec §6)', () => {
  const plan = (servicePlanId: string, capabilityStatus: string, service = 'exchange') => ({ servicePlanId, capabilityStatus, service, assignedDateTime: '2024-01-01T00:00:00Z' });
  it.each<[string, RuleSubject, RuleResult]>([
    ['user.assignedPlans -any (assignedPlan.servicePlanId -eq "X" -and assignedPlan.capabilityStatus -eq "Enabled")', { assignedPlans: [plan('x', 'enabled')] }, true],
    // Both conditions must hold for the same plan.
    ['user.assignedPlans -any (assignedPlan.servicePlanId -eq "X" -and assignedPlan.capabilityStatus -eq "Enabled")', { assignedPlans: [plan('X', 'Deleted'), plan('Y', 'Enabled')] }, false],
    ['user.assignedPlans -any (assignedPlan.service -eq "SCO" -and assignedPlan.capabilityStatus -eq "Enabled")', { assignedPlans: [plan('a', 'Enabled', 'SCO')] }, true],
    ['user.assignedPlans -any (assignedPlan.servicePlanId -eq "X")', { assignedPlans: [] }, false],
    ['user.assignedPlans -all (assignedPlan.servicePlanId -eq null)', { assignedPlans: [] }, true],
    ['user.assignedPlans -all (assignedPlan.servicePlanId -eq null)', {}, true],
    ['user.assignedPlans -all (assignedPlan.servicePlanId -eq null)', { assignedPlans: [plan('x', 'Enabled')] }, false],
    ['user.assignedPlans -all (assignedPlan.capabilityStatus -eq "Enabled")', { assignedPlans: [plan('a', 'Enabled'), plan('b', 'enabled')] }, true],
    ['user.assignedPlans -all (assignedPlan.capabilityStatus -eq "Enabled")', { assignedPlans: [plan('a', 'Enabled'), plan('b', 'Suspended')] }, false],
    ['user.proxyAddresses -any (_ -startsWith "contoso")', { proxyAddresses: ['SMTP:jane@contoso.com'] }, false],
    ['user.proxyAddresses -any (_ -eq "smtp:jane@contoso.com")', { proxyAddresses: ['SMTP:jane@contoso.com'] }, true],
    ['user.otherMails -any (_ -endsWith "@fabrikam.com")', { otherMails: ['a@contoso.com', 'b@FABRIKAM.com'] }, true],
    ['user.otherMails -all (_ -endsWith "@fabrikam.com")', { otherMails: ['a@contoso.com', 'b@fabrikam.com'] }, false],
    ['user.otherMails -any (_ -eq "x")', { otherMails: [null, 'x'] }, true],
    ['user.otherMails -any (_ -eq "x")', { otherMails: [null, 'y'] }, 'undetermined'],
    ['user.otherMails -all (_ -eq "x")', { otherMails: [null, 'y'] }, false],
    ['device.devicePhysicalIds -any _ -eq "[OrderID]:179887111881"', { physicalIds: ['[ZTDId]:1', '[OrderID]:179887111881'] }, true],
    ['device.systemLabels -any (_ -startsWith "M365Managed")', { systemLabels: ['M365ManagedCloudPC'] }, true],
  ])('%s on %j is %s', (text, subject, expected) => {
    expect(evaluate(text, subject)).toBe(expected);
  });

  it.each<[string, RuleSubject, RuleResult]>([
    ['user.otherMails -startsWith "alias@domain"', { otherMails: ['x@y', 'ALIAS@domain.com'] }, true],
    ['user.otherMails -startsWith "alias@domain"', { otherMails: ['x@y'] }, false],
    ['user.otherMails -startsWith "alias@domain"', { otherMails: [] }, false],
    ['user.proxyAddresses -notEndsWith "@outlook.com"', { proxyAddresses: ['smtp:a@outlook.com', 'SMTP:a@contoso.com'] }, false],
    ['user.proxyAddresses -notEndsWith "@outlook.com"', { proxyAddresses: ['SMTP:a@contoso.com'] }, true],
    ['user.proxyAddresses -notEndsWith "@outlook.com"', { proxyAddresses: [] }, true],
    ['user.otherMails -contains "fabrikam"', { otherMails: ['a@fabrikam.com'] }, true],
  ])('reads the string operator applied straight to a collection (spec §6.3, ours): %s on %j is %s', (text, subject, expected) => {
    expect(evaluate(text, subject)).toBe(expected);
  });
});

describe('special forms (spec §7)', () => {
  it('selects the direct reports of a manager, ignoring the case of the id', () => {
    const rule = ruleOf('Direct Reports for "62E19B97-8b3d-4d4a-a106-4ce66896a863"');
    expect(matchesRule(rule, { manager: { id: '62e19b97-8b3d-4d4a-a106-4ce66896a863' } })).toBe(true);
    expect(evaluateRule(rule, { manager: { id: 'someone-else' } })).toBe(false);
  });

  it('never matches a user without a manager, rather than leaving it undetermined', () => {
    expect(evaluateRule(ruleOf('Direct Reports for "m1"'), {})).toBe(false);
  });

  it.each<[RuleSubject, boolean]>([
    [{ memberOf: [{ '@odata.type': '#microsoft.graph.group', id: 'G2' }] }, true],
    [{ memberOf: ['g1'] }, true],
    [{ memberOf: [{ id: 'g3' }] }, false],
    [{}, false],
  ])('selects direct members of the listed groups, given memberOf as objects or ids: %j → %s', (subject, expected) => {
    expect(matchesRule(ruleOf("user.memberOf -any (group.objectId -in ['g1', 'g2'])"), subject)).toBe(expected);
  });

  it('selects every user with user.objectId -ne null, and only members with the userType clause', () => {
    const members = ruleOf('(user.objectId -ne null) -and (user.userType -eq "Member")');
    expect(matchesRule(ruleOf('user.objectId -ne null'), { id: 'u1', userType: 'Guest' })).toBe(true);
    expect(matchesRule(members, { id: 'u1', userType: 'Guest' })).toBe(false);
    expect(matchesRule(members, { id: 'u1', userType: 'Member' })).toBe(true);
  });
});

describe('precedence as evaluated', () => {
  const [a, b, c] = ['user.city -eq "a"', 'user.state -eq "b"', 'user.country -eq "c"'];
  it('evaluates A -or B -and C as A -or (B -and C)', () => {
    const subject = { city: 'a', state: 'x', country: 'x' };
    expect(evaluate(`${a} -or ${b} -and ${c}`, subject)).toBe(true);
    expect(evaluate(`(${a} -or ${b}) -and ${c}`, subject)).toBe(false);
  });

  it('evaluates -not (A) -and B as (-not A) -and B', () => {
    const subject = { city: 'x', state: 'b' };
    expect(evaluate(`-not (${a}) -and ${b}`, subject)).toBe(true);
    expect(evaluate(`-not (${a} -and ${b})`, { city: 'a', state: 'b' })).toBe(false);
  });
});
