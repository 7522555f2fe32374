import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateRule, parseMembershipRule, previewRule, SubjectSnapshot, type RuleSubject } from '../../../domain/membership-rules/index.js';

// Rules of every shape a preview handles: narrowed by an -eq or -in clause (so only some rows are evaluated), and not.
const rules = [
  'user.department -eq "Sales"',
  'user.department -in ["sales","HR"]',
  '(user.department -eq "Sales") -and (user.country -eq "NZ")',
  '(user.department -eq "HR") -and (user.country -ne "NZ") -and (user.city -in ["Auckland","Pune"])',
  '(user.department -eq "Sales") -or (user.country -eq "NZ")',
  '-not (user.department -eq "Sales")',
  'user.department -ne "Sales"',
  '(user.department -eq "Sales") -and (user.city -match "^A")',
].map((text) => parseMembershipRule(text).rule!);

const value = (...values: string[]) => fc.constantFrom<string | null>(null, ...values);
const subject = fc.record({
  department: value('Sales', 'sales', 'HR', 'Legal'),
  country: value('NZ', 'AU'),
  city: value('Auckland', 'Pune', 'Sydney'),
});
const directory = fc.array(subject, { maxLength: 40 }).map((rows) => rows.map((row, i): RuleSubject => ({ id: `u${i}`, displayName: `Person ${i % 7}`, ...row })));

/** What a preview must count, subject by subject. */
function countByHand(rule: NonNullable<(typeof rules)[number]>, subjects: readonly RuleSubject[], members: ReadonlySet<string>) {
  const results = subjects.map((s) => ({ id: String(s.id), result: evaluateRule(rule, s, new Date(0)), member: members.has(String(s.id)) }));
  return {
    matched: results.filter((r) => r.result === true).length,
    add: results.filter((r) => r.result === true && !r.member).map((r) => r.id),
    remove: results.filter((r) => r.result === false && r.member).map((r) => r.id),
    undetermined: results.filter((r) => r.result === 'undetermined').length,
  };
}

describe('a preview that looks only at the rows a rule can match', () => {
  it('counts exactly what evaluating every subject counts, also after subjects changed in the snapshot', () => {
    fc.assert(
      fc.property(fc.constantFrom(...rules), directory, fc.array(fc.nat(), { maxLength: 10 }), fc.array(fc.tuple(fc.nat(), subject), { maxLength: 6 }), (rule, subjects, memberPicks, changes) => {
        const snapshot = new SubjectSnapshot(subjects);
        const members = new Set(memberPicks.filter((n) => n < subjects.length).map((n) => `u${n}`));
        previewRule(rule, snapshot, members, { now: new Date(0) });
        const current = [...subjects];
        for (const [n, change] of changes) {
          if (current.length === 0) break;
          const row = n % current.length;
          current[row] = { ...current[row]!, ...change };
          snapshot.replaceSubject(row, current[row]!);
        }
        const preview = previewRule(rule, snapshot, members, { now: new Date(0), changes: true, sample: 40 });
        const expected = countByHand(rule, current, members);
        expect(preview.matched).toBe(expected.matched);
        expect(preview.changes).toEqual({ add: expected.add, remove: expected.remove, undetermined: expected.undetermined });
        expect(preview.wouldAdd.first.map((s) => s.id).sort()).toEqual([...expected.add].sort());
        expect(preview.unchanged).toBe(expected.matched - expected.add.length);
      }),
      { numRuns: 1500 },
    );
  });
});
