import { describe, expect, it } from 'vitest';
import { parseMembershipRule, prepareSubjects, previewRule, type RuleSubject } from '../../../domain/membership-rules/index.js';

const ruleOf = (text: string) => parseMembershipRule(text).rule!;
const person = (id: string, displayName: string, department?: string): RuleSubject => ({ id, displayName, department });
const directory = [
  person('u1', 'Zoe Quinn', 'Sales'), person('u2', 'adam Ito', 'sales'), person('u3', 'Ben Ortiz', 'HR'),
  person('u4', 'Cara Diaz', 'Sales'), person('u5', 'Dan Roe'), person('u6', 'Eve Park', 'HR'),
];

describe('previewRule', () => {
  it('sorts the directory into would add, would remove, unchanged and undetermined against the current members', () => {
    const preview = previewRule(ruleOf('user.department -eq "Sales"'), directory, ['u1', 'u3', 'u5']);
    expect(preview).toMatchObject({
      matched: 3,
      total: 6,
      unchanged: 1,
      wouldAdd: { count: 2, first: [{ id: 'u2', displayName: 'adam Ito' }, { id: 'u4', displayName: 'Cara Diaz' }] },
      wouldRemove: { count: 1, first: [{ id: 'u3', displayName: 'Ben Ortiz' }] },
      undetermined: { count: 1, first: [{ id: 'u5', displayName: 'Dan Roe' }] },
      notInDirectory: 0,
    });
  });

  it('lists the first names alphabetically, ignoring case, and cuts each list at the sample size', () => {
    const preview = previewRule(ruleOf('user.objectId -ne null'), directory, [], { sample: 3 });
    expect(preview.wouldAdd.count).toBe(6);
    expect(preview.wouldAdd.first.map((s) => s.displayName)).toEqual(['adam Ito', 'Ben Ortiz', 'Cara Diaz']);
  });

  it('treats everyone matched as an addition when no current members are given', () => {
    const preview = previewRule(ruleOf('user.department -eq "HR"'), directory);
    expect(preview).toMatchObject({ matched: 2, unchanged: 0, wouldAdd: { count: 2 }, wouldRemove: { count: 0, first: [] } });
  });

  it('counts current members missing from the directory apart, and matches member ids without regard to case', () => {
    const preview = previewRule(ruleOf('user.department -eq "Sales"'), directory, ['U1', 'gone']);
    expect(preview).toMatchObject({ unchanged: 1, notInDirectory: 1 });
  });

  it('states the evaluation time, the time taken and the rule warnings', () => {
    const rule = ruleOf('user.employeeHireDate -ge system.now -plus -P30D');
    let clock = 100;
    const preview = previewRule(rule, [], undefined, { now: new Date('2026-02-01T00:00:00Z'), measure: () => (clock += 7) });
    expect(preview.evaluatedAt).toBe('2026-02-01T00:00:00.000Z');
    expect(preview.elapsedMs).toBe(7);
    expect(preview.warnings.map((w) => w.code)).toEqual(['timeDependent', 'negativeDuration']);
  });

  it('lists every id to add and to remove when asked (a license forecast needs them all), whatever the sample size', () => {
    const preview = previewRule(ruleOf('user.department -eq "Sales"'), directory, ['u1', 'u3', 'u5'], { sample: 1, changes: true });
    expect(preview.wouldAdd.first).toHaveLength(1);
    expect(preview.changes).toEqual({ add: ['u2', 'u4'], remove: ['u3'], undetermined: 1 });
    expect(previewRule(ruleOf('user.department -eq "Sales"'), directory).changes).toBeUndefined();
  });

  it('stops a rule with a -match within a user of its budget, and then lists no changes (they would be partial)', () => {
    const many = Array.from({ length: 1_000 }, (_, i) => person(`p${i}`, `Person ${i}`, 'Sales'));
    let clock = 0;
    const measure = () => clock++;
    const preview = previewRule(ruleOf('user.department -match "^Sa"'), many, [], { measure, budgetMs: 5, changes: true });
    expect(preview.cutShort!.checked).toBeLessThan(10);
    expect(preview.matched).toBe(preview.cutShort!.checked);
    expect(preview.changes).toBeUndefined();
  });

  it('gives the same answer on a prepared snapshot, which several previews can share', () => {
    const sales = ruleOf('user.department -eq "Sales"');
    const hr = ruleOf('user.department -in ["HR"]');
    const snapshot = prepareSubjects(directory, [sales, hr]);
    const { elapsedMs: _a, ...fromSnapshot } = previewRule(sales, snapshot, ['u3'], { now: new Date(0) });
    const { elapsedMs: _b, ...fromJson } = previewRule(sales, directory, ['u3'], { now: new Date(0) });
    expect(fromSnapshot).toEqual(fromJson);
    expect(previewRule(hr, snapshot).matched).toBe(2);
  });
});
