import { describe, expect, it } from 'vitest';
import { describeClause, explainRule, findDecidingClauses, parseMembershipRule, type RuleSubject } from '../../../domain/membership-rules/index.js';

function explain(text: string, subject: RuleSubject, now?: Date) {
  const { rule, errors } = parseMembershipRule(text);
  expect(errors).toEqual([]);
  return explainRule(rule!, subject, now);
}

const stripClauses = (value: unknown): unknown => JSON.parse(JSON.stringify(value, (key, v: unknown) => (key === 'clause' ? undefined : v)));

describe('explainRule', () => {
  it('mirrors Graph evaluateDynamicMembership: one node per sub-expression, with its text, result and the value read', () => {
    const explanation = explain('(user.department -eq "Research") -and (user.country -eq "NZ")', { department: 'Research', country: 'AU' }, new Date('2026-01-01T00:00:00Z'));
    expect(stripClauses(explanation)).toEqual({
      verdict: 'notMember',
      evaluatedAt: '2026-01-01T00:00:00.000Z',
      root: {
        expression: '(user.department -eq "Research") -and (user.country -eq "NZ")',
        result: false,
        children: [
          { expression: 'user.department -eq "Research"', result: true, children: [], property: { propertyName: 'department', graphField: 'department', propertyValue: 'Research' } },
          { expression: 'user.country -eq "NZ"', result: false, children: [], property: { propertyName: 'country', graphField: 'country', propertyValue: 'AU' } },
        ],
      },
    });
  });

  it('gives a member verdict when the rule holds and unknown when it depends on a missing value', () => {
    expect(explain('user.department -eq "Sales"', { department: 'sales' }).verdict).toBe('member');
    expect(explain('user.department -eq "Sales"', {}).verdict).toBe('unknown');
    expect(explain('user.department -eq "Sales"', {}).root.property?.propertyValue).toBeNull();
  });

  it('explains -any item by item: each item with the body as evaluated on it', () => {
    const explanation = explain('user.assignedPlans -any (assignedPlan.service -eq "SCO" -and assignedPlan.capabilityStatus -eq "Enabled")', {
      assignedPlans: [{ service: 'SCO', capabilityStatus: 'Deleted' }, { service: 'exchange', capabilityStatus: 'Enabled' }],
    });
    expect(explanation.verdict).toBe('notMember');
    const [first, second] = explanation.root.children;
    expect(first?.property).toEqual({ propertyName: 'assignedPlans[0]', graphField: 'assignedPlans[0]', propertyValue: { service: 'SCO', capabilityStatus: 'Deleted' } });
    expect(first?.children[0]?.children.map((leaf) => [leaf.result, leaf.property?.graphField, leaf.property?.propertyValue])).toEqual([
      [true, 'assignedPlans[0].service', 'SCO'],
      [false, 'assignedPlans[0].capabilityStatus', 'Deleted'],
    ]);
    expect(second?.children[0]?.children.map((leaf) => leaf.result)).toEqual([false, true]);
  });

  it('marks a string operator applied straight to a collection as our inference', () => {
    expect(explain('user.otherMails -startsWith "a"', { otherMails: ['a@b'] }).root.inferred).toBe(true);
    expect(explain('user.otherMails -any (_ -startsWith "a")', { otherMails: ['a@b'] }).root.inferred).toBeUndefined();
  });

  it('states the time system.now stood for', () => {
    const now = new Date('2026-06-15T12:00:00Z');
    const explanation = explain('user.employeeHireDate -ge system.now -plus -P7D', { employeeHireDate: '2026-06-10T00:00:00Z' }, now);
    expect(explanation).toMatchObject({ verdict: 'member', evaluatedAt: '2026-06-15T12:00:00.000Z' });
  });

  it('reads the manager for a direct-reports rule', () => {
    expect(explain('Direct Reports for "m1"', { manager: { id: 'm2' } }).root.property).toEqual({ propertyName: 'manager', graphField: 'manager.id', propertyValue: 'm2' });
  });
});

describe('findDecidingClauses', () => {
  const deciding = (text: string, subject: RuleSubject) => findDecidingClauses(explain(text, subject)).map((node) => node.expression);

  it('names the failing conditions of an -and for a non-member', () => {
    expect(deciding('user.department -eq "Research" -and user.country -eq "NZ" -and user.city -eq "x"', { department: 'Research', country: 'AU', city: 'y' }))
      .toEqual(['user.country -eq "NZ"', 'user.city -eq "x"']);
  });

  it('names every alternative of a failing -or, and the one that held for a member', () => {
    expect(deciding('user.country -eq "NZ" -or user.country -eq "AU"', { country: 'US' })).toEqual(['user.country -eq "NZ"', 'user.country -eq "AU"']);
    expect(deciding('user.country -eq "NZ" -or user.country -eq "AU"', { country: 'AU' })).toEqual(['user.country -eq "AU"']);
  });

  it('looks through -not to the clause beneath it', () => {
    expect(deciding('-not (user.department -eq "Sales")', { department: 'Sales' })).toEqual(['user.department -eq "Sales"']);
  });

  it('names the undetermined clauses when the verdict is unknown', () => {
    expect(deciding('user.department -eq "Sales" -and user.country -eq "US"', { country: 'US' })).toEqual(['user.department -eq "Sales"']);
  });
});

describe('describeClause, in plain words for chat', () => {
  it.each<[string, RuleSubject, string]>([
    ['user.country -eq "NZ"', { country: 'AU' }, 'country is "AU", not "NZ"'],
    ['user.department -eq "Research"', { department: 'Research' }, 'department is "Research"'],
    ['user.department -eq "Research"', {}, 'department has no value'],
    ['user.department -ne "Sales"', { department: 'Sales' }, 'department is "Sales"'],
    ['user.department -ne "Sales"', { department: 'HR' }, 'department is "HR", not "Sales"'],
    ['user.department -eq null', { department: 'HR' }, 'department is "HR"'],
    ['user.country -in ["US", "CA"]', { country: 'NZ' }, 'country is "NZ", not one of "US", "CA"'],
    ['user.jobTitle -startsWith "Acc"', { jobTitle: 'Analyst' }, 'jobTitle is "Analyst", which doesn\'t start with "Acc"'],
    ['user.jobTitle -notStartsWith "Acc"', { jobTitle: 'Account Manager' }, 'jobTitle is "Account Manager", which starts with "Acc"'],
    ['user.mail -endsWith "@contoso.com"', { mail: 'a@fabrikam.com' }, 'mail is "a@fabrikam.com", which doesn\'t end with "@contoso.com"'],
    ['user.city -contains "ago"', { city: 'Lagos' }, 'city is "Lagos", which contains "ago"'],
    ['user.displayName -match "^Da"', { displayName: 'Ada' }, 'displayName is "Ada", which doesn\'t match "^Da"'],
    ['user.accountEnabled -eq true', { accountEnabled: false }, 'accountEnabled is false, not true'],
    ['user.employeeHireDate -ge 2024-01-01', { employeeHireDate: '2020-01-01T00:00:00Z' }, 'employeeHireDate is "2020-01-01T00:00:00Z", which is before 2024-01-01'],
    ['user.otherMails -startsWith "x"', { otherMails: ['a@b'] }, 'otherMails is "a@b": no item starts with "x"'],
    ['user.otherMails -startsWith "x"', { otherMails: [] }, 'otherMails is empty: no item starts with "x"'],
    ['user.otherMails -any (_ -eq "x")', { otherMails: ['y'] }, 'otherMails has no item where _ -eq "x"'],
    ['user.assignedPlans -all (assignedPlan.servicePlanId -eq null)', { assignedPlans: [] }, 'assignedPlans is empty'],
    ["user.memberOf -any (group.objectId -in ['g1'])", { memberOf: [] }, 'is not a direct member of any listed group'],
    ['Direct Reports for "m1"', {}, 'has no manager'],
    ['Direct Reports for "m1"', { manager: { id: 'm2' } }, 'manager is "m2", not "m1"'],
    ['user.sipProxyAddress -eq "x"', {}, "sipProxyAddress can't be read through Microsoft Graph"],
  ])('describes %s on %j as: %s', (text, subject, words) => {
    expect(describeClause(explain(text, subject).root)).toBe(words);
  });
});
