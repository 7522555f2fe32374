import { describe, expect, it } from 'vitest';
import { indexRulesByProperty, parseMembershipRule, ruleReads } from '../../../domain/membership-rules/index.js';

const ruleOf = (text: string) => parseMembershipRule(text).rule!;
const groups = [
  { id: 'sales', rule: ruleOf('user.department -eq "Sales"') },
  { id: 'nz-sales', rule: ruleOf('user.department -eq "Sales" -and user.country -eq "NZ"') },
  { id: 'ext3', rule: ruleOf('user.extensionAttribute3 -eq "x"') },
  { id: 'ext4', rule: ruleOf('user.extensionAttribute4 -eq "x"') },
  { id: 'e5', rule: ruleOf('user.assignedPlans -any (assignedPlan.servicePlanId -eq "p1")') },
  { id: 'reports', rule: ruleOf('Direct Reports for "m1"') },
  { id: 'new-hires', rule: ruleOf('user.employeeHireDate -ge system.now -plus -P30D') },
  { id: 'paused', rule: ruleOf('user.department -eq "HR"'), paused: true },
  { id: 'windows', rule: ruleOf('device.displayName -startsWith "WIN"') },
];

describe('ruleReads', () => {
  it('lists the Graph fields a rule reads, and whether it reads the clock', () => {
    expect(ruleReads(ruleOf('user.telephoneNumber -eq "1" -and (user.otherMails -any (_ -eq "a")) -and user.employeeHireDate -le system.now'))).toEqual({
      fields: [
        { propertyName: 'telephoneNumber', graphField: 'businessPhones[0]' },
        { propertyName: 'otherMails', graphField: 'otherMails' },
        { propertyName: 'employeeHireDate', graphField: 'employeeHireDate' },
      ],
      usesNow: true,
    });
  });
});

describe('indexRulesByProperty', () => {
  const index = indexRulesByProperty(groups);

  it('finds only the groups whose rules read a changed field, ignoring case', () => {
    expect(index.groupsReading(['Department'])).toEqual(['sales', 'nz-sales']);
    expect(index.groupsReading(['country'])).toEqual(['nz-sales']);
    expect(index.groupsReading(['jobTitle'])).toEqual([]);
  });

  it('matches a nested change to its own field, and a top-level change to every field beneath it', () => {
    expect(index.groupsReading(['onPremisesExtensionAttributes.extensionAttribute3'])).toEqual(['ext3']);
    expect(index.groupsReading(['onPremisesExtensionAttributes'])).toEqual(['ext3', 'ext4']);
    expect(index.groupsReading(['manager'])).toEqual(['reports']);
    expect(index.groupsReading(['businessPhones'])).toEqual([]);
  });

  it('lists each group once when several of its fields change', () => {
    expect(index.groupsReading(['department', 'country', 'assignedPlans'])).toEqual(['sales', 'nz-sales', 'e5']);
  });

  it('leaves paused groups out, keeps device rules apart from user rules, and lists clock-dependent groups', () => {
    expect(index.size).toBe(groups.length - 1);
    expect(index.groupsReading(['displayName'])).toEqual([]);
    expect(index.groupsReading(['displayName'], 'device')).toEqual(['windows']);
    expect(index.timeDependentGroupIds).toEqual(['new-hires']);
  });

  it('re-evaluates the affected groups for the changed user, and sees each new change', () => {
    expect(index.evaluateChange({ id: 'u1', department: 'Sales', country: 'NZ' }, ['department'])).toEqual([
      { groupId: 'sales', result: true },
      { groupId: 'nz-sales', result: true },
    ]);
    expect(index.evaluateChange({ id: 'u1', department: 'HR', country: 'NZ' }, ['department'])).toEqual([
      { groupId: 'sales', result: false },
      { groupId: 'nz-sales', result: false },
    ]);
    expect(index.evaluateChange({ id: 'u2', assignedPlans: [{ servicePlanId: 'P1' }] }, ['assignedPlans'])).toEqual([{ groupId: 'e5', result: true }]);
    expect(index.evaluateChange({ id: 'u2', assignedPlans: [] }, ['assignedPlans'])).toEqual([{ groupId: 'e5', result: false }]);
  });

  it('evaluates clock-dependent rules at the time given', () => {
    const hired = { employeeHireDate: '2026-01-10T00:00:00Z' };
    expect(index.evaluateChange(hired, ['employeeHireDate'], { now: new Date('2026-01-20T00:00:00Z') })).toEqual([{ groupId: 'new-hires', result: true }]);
    expect(index.evaluateChange(hired, ['employeeHireDate'], { now: new Date('2026-03-20T00:00:00Z') })).toEqual([{ groupId: 'new-hires', result: false }]);
  });
});
