import { describe, expect, it } from 'vitest';
import { parseMembershipRule, printMembershipRule } from '../../../domain/membership-rules/index.js';

const print = (text: string) => printMembershipRule(parseMembershipRule(text).rule!);

describe('printMembershipRule', () => {
  it.each([
    ['Microsoft spellings for operators and properties', 'user.mailnickname EQ "a" and user.country NOTIN ["us"]', 'user.mailNickName -eq "a" -and user.country -notIn ["us"]'],
    ['parentheses only where precedence needs them', '((user.city -eq "a")) -and (user.city -eq "b" -or user.city -eq "c")', 'user.city -eq "a" -and (user.city -eq "b" -or user.city -eq "c")'],
    ['-and inside -or without parentheses', '(user.city -eq "a" -and user.city -eq "b") -or user.city -eq "c"', 'user.city -eq "a" -and user.city -eq "b" -or user.city -eq "c"'],
    ['-not with its operand in parentheses', '-not user.city -eq "a"', '-not (user.city -eq "a")'],
    ['an -any clause in parentheses when joined to others', 'user.otherMails -any _ -eq "x" -and user.city -eq "a"', '(user.otherMails -any (_ -eq "x")) -and user.city -eq "a"'],
    ['escapes for embedded quotes', `user.department -eq "\`"Sales\`" O'Brien"`, `user.department -eq "\`"Sales\`" O''Brien"`],
    ['$null as null', 'user.department -ne $null', 'user.department -ne null'],
    ['dates and system.now as written', 'user.employeeHireDate -ge system.now -plus p1d -and user.employeeHireDate -le "2030-01-01"', 'user.employeeHireDate -ge system.now -plus p1d -and user.employeeHireDate -le 2030-01-01'],
    ['memberOf with its documented single quotes', 'user.memberof -any (group.objectid -in ["a", "b"])', "user.memberOf -any (group.objectId -in ['a', 'b'])"],
    ['the direct-reports form', 'direct reports for "m1"', 'Direct Reports for "m1"'],
    ['a quoted boolean as a boolean', 'device.isRooted -eq "TRUE"', 'device.isRooted -eq true'],
  ])('prints %s', (_, text, printed) => {
    expect(print(text)).toBe(printed);
    expect(parseMembershipRule(printed).errors).toEqual([]);
  });
});
