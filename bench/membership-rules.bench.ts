// Benchmark of issue 3 part 9: whole-tenant preview, comparison with json-rules-engine and hand-written predicates,
// incremental processing with 10,000 dynamic groups, and peak memory.
import { Engine, type TopLevelCondition } from 'json-rules-engine';
import { cpus, loadavg } from 'node:os';
import {
  compileMembershipRule, indexRulesByProperty, parseMembershipRule, prepareSubjects, previewRule, type MembershipRule, type SubjectSnapshot,
} from '../domain/membership-rules/index.js';
import { cities, countries, departments, jobTitles, seededRandom, servicePlanIds, syntheticUsers } from './synthetic-directory.js';

type User = Record<string, unknown>;
const users = 1_000_000;
const engineUsers = 100_000;
const groups = 10_000;
const changes = 5_000;
const planId = servicePlanIds[0]!;

const threeClause = ruleOf('user.department -eq "Sales" -and user.country -in ["US","CA"] -and user.jobTitle -startsWith "Account"');
const anyPlan = ruleOf(`user.assignedPlans -any (assignedPlan.servicePlanId -eq "${planId}" -and assignedPlan.capabilityStatus -eq "Enabled")`);

// What a careful hand-written predicate over the same Graph objects must do: check types and ignore case.
const handThreeClause = (u: User): boolean => {
  const { department: d, country: c, jobTitle: j } = u;
  if (typeof d !== 'string' || d.toLowerCase() !== 'sales' || typeof c !== 'string') return false;
  const country = c.toLowerCase();
  return (country === 'us' || country === 'ca') && typeof j === 'string' && j.toLowerCase().startsWith('account');
};
const handAnyPlan = (u: User): boolean => {
  const plans = u.assignedPlans;
  if (!Array.isArray(plans)) return false;
  for (const p of plans as Record<string, unknown>[]) {
    const { servicePlanId: id, capabilityStatus: status } = p;
    if (typeof id === 'string' && id.toLowerCase() === planId && typeof status === 'string' && status.toLowerCase() === 'enabled') return true;
  }
  return false;
};

// The same predicates over the snapshot's normalised columns: the floor for any engine reading those columns.
const handThreeClauseOnColumns = (snapshot: SubjectSnapshot): number => {
  const [department, country, jobTitle] = [snapshot.text(['department'], true), snapshot.text(['country'], true), snapshot.text(['jobTitle'], true)];
  let matches = 0;
  for (let i = 0; i < snapshot.size; i++) {
    const c = country[i];
    if (department[i] === 'sales' && (c === 'us' || c === 'ca') && jobTitle[i]?.startsWith('account')) matches++;
  }
  return matches;
};
const handAnyPlanOnColumns = (snapshot: SubjectSnapshot): number => {
  const plans = snapshot.collection(['assignedPlans']);
  const [ids, statuses] = [plans.text('servicePlanId', true), plans.text('capabilityStatus', true)];
  let matches = 0;
  for (let i = 0; i < snapshot.size; i++) {
    for (let j = plans.offsets[i]!, end = plans.offsets[i + 1]!; j < end; j++) {
      if (ids[j] === planId && statuses[j] === 'enabled') {
        matches++;
        break;
      }
    }
  }
  return matches;
};

/** Prints the table of issue 3, part 9. */
export default async function membershipRulesBench(): Promise<void> {
  const rows: [string, string, string][] = [];
  const directory = syntheticUsers(users);
  const members = directory.filter((_, i) => i % 20 === 0).map((u) => u.id as string);

  const [snapshot, normaliseThree] = timed(() => prepareSubjects(directory, [threeClause]));
  // Binding a rule to a snapshot builds the columns it reads: here, the assignedPlans fields.
  const [, normaliseAny] = timed(() => compileMembershipRule(anyPlan).evaluator(snapshot, { now: 0 }));
  const [, idIndex] = timed(() => snapshot.indexOf('warm-up'));
  rows.push(['normalise 1M users: display names + 3-clause fields', ms(normaliseThree), 'once per snapshot']);
  rows.push(['normalise 1M users: assignedPlans fields', ms(normaliseAny), 'once per snapshot']);
  rows.push(['normalise 1M users: id index for current members', ms(idIndex), 'once per snapshot']);

  const cases = [['3-clause rule', threeClause, handThreeClause, handThreeClauseOnColumns], ['-any over assignedPlans', anyPlan, handAnyPlan, handAnyPlanOnColumns]] as const;
  for (const [name, rule, hand, handOnColumns] of cases) {
    const preview = median(5, () => previewRule(rule, snapshot, members).elapsedMs);
    const engineLoop = median(5, () => timed(() => countMatches(rule, snapshot, users))[1]);
    const handLoop = median(5, () => timed(() => directory.reduce((n, u) => n + (hand(u) ? 1 : 0), 0))[1]);
    const columnsLoop = median(5, () => timed(() => handOnColumns(snapshot))[1]);
    const jre = await jsonRulesEngine(rule === threeClause ? threeClauseConditions : anyPlanConditions, directory.slice(0, engineUsers));
    const matches = countMatches(rule, snapshot, users);
    const agree = jre.matches === countMatches(rule, snapshot, engineUsers) && matches === directory.filter(hand).length && matches === handOnColumns(snapshot);
    rows.push([`(a) preview, ${name}, 1M users`, `${ms(preview)} · ${ns(preview, users)}/user`, '< 200 ms']);
    rows.push([`(b) evaluation only, ${name}`, `${ns(engineLoop, users)}/user`, '']);
    rows.push([`(b) hand-written JS on Graph objects, ${name}`, `${ns(handLoop, users)}/user · ours ÷ hand ${(engineLoop / handLoop).toFixed(2)}x`, '≤ 3x']);
    rows.push([`(b) hand-written JS on the prepared columns, ${name}`, `${ns(columnsLoop, users)}/user · ours ÷ hand ${(engineLoop / columnsLoop).toFixed(2)}x`, '']);
    rows.push([`(b) json-rules-engine, ${name}, 100k users`, `${ns(jre.ms, engineUsers)}/user · ${Math.round(jre.ms / engineUsers / (engineLoop / users))}x slower`, '≥ 100x']);
    rows.push([`    results agree (ours, hand-written, json-rules-engine)`, agree ? 'yes' : 'NO', '']);
  }

  const incremental = incrementalProcessing(directory);
  rows.push([`(c) index ${groups.toLocaleString('en-US')} dynamic groups`, ms(incremental.buildMs), '']);
  rows.push(['(c) one attribute change: find affected groups', `${us(incremental.lookupMs)} (${incremental.affected} groups on average)`, '']);
  rows.push(['(c) one attribute change: find + re-evaluate them', `${us(incremental.changeMs)} mean · ${us(incremental.p99Ms)} p99`, '< 1 ms']);
  rows.push(['(d) peak RSS', `${Math.round(process.resourceUsage().maxRSS / 1024)} MB`, '']);
  printTable(rows);
  console.log(`\n${cpus().length} CPUs (${cpus()[0]?.model ?? 'unknown'}), load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}; times are medians of 5 runs.`);
}

function ruleOf(text: string): MembershipRule {
  const { rule, errors } = parseMembershipRule(text);
  if (!rule) throw new Error(`bench rule does not parse: ${errors[0]?.message}`);
  return rule;
}

function countMatches(rule: MembershipRule, snapshot: SubjectSnapshot, count: number): number {
  const evaluate = compileMembershipRule(rule).evaluator(snapshot, { now: Date.now() });
  let matched = 0;
  for (let i = 0; i < count; i++) if (evaluate(i) === 1) matched++;
  return matched;
}

// json-rules-engine with case-insensitive operators, so it computes the same answer as the rule.
const threeClauseConditions: TopLevelCondition = { all: [
  { fact: 'department', operator: 'equalsIgnoringCase', value: 'sales' },
  { fact: 'country', operator: 'inIgnoringCase', value: ['us', 'ca'] },
  { fact: 'jobTitle', operator: 'startsWithIgnoringCase', value: 'account' },
] };
const anyPlanConditions: TopLevelCondition = { all: [{ fact: 'assignedPlans', operator: 'hasEnabledPlan', value: planId }] };

async function jsonRulesEngine(conditions: TopLevelCondition, subjects: User[]): Promise<{ ms: number; matches: number }> {
  const engine = new Engine([], { allowUndefinedFacts: true });
  const text = (v: unknown) => (typeof v === 'string' ? v.toLowerCase() : undefined);
  engine.addOperator('equalsIgnoringCase', (a: unknown, b: string) => text(a) === b);
  engine.addOperator('inIgnoringCase', (a: unknown, b: string[]) => b.includes(text(a) ?? ''));
  engine.addOperator('startsWithIgnoringCase', (a: unknown, b: string) => text(a)?.startsWith(b) ?? false);
  engine.addOperator('hasEnabledPlan', (a: unknown, b: string) => Array.isArray(a) && a.some((p: User) => text(p.servicePlanId) === b && text(p.capabilityStatus) === 'enabled'));
  engine.addRule({ conditions, event: { type: 'member' } });
  let matches = 0;
  const started = performance.now();
  for (const subject of subjects) if ((await engine.run(subject)).events.length > 0) matches++;
  return { ms: performance.now() - started, matches };
}

function incrementalProcessing(directory: User[]): { buildMs: number; lookupMs: number; changeMs: number; p99Ms: number; affected: number } {
  const random = seededRandom(7);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)]!;
  const clauses: (() => string)[] = [
    () => `user.department -eq "${pick(departments)}"`, () => `user.country -in ["${pick(countries)}","${pick(countries)}"]`,
    () => `user.city -eq "${pick(cities)}"`, () => `user.jobTitle -startsWith "${pick(jobTitles).slice(0, 5)}"`,
    () => `user.extensionAttribute${1 + Math.floor(random() * 15)} -eq "${pick(['A', 'B', 'C'])}"`, () => `user.companyName -eq "Contoso ${pick([1, 2, 3])}"`,
    () => `user.usageLocation -eq "${pick(countries)}"`, () => `user.physicalDeliveryOfficeName -eq "B${pick([1, 2, 3, 4])}"`,
    () => `user.userType -eq "Member"`, () => 'user.accountEnabled -eq true', () => `user.mail -endsWith "@contoso.com"`,
    () => `(user.assignedPlans -any (assignedPlan.servicePlanId -eq "${pick(servicePlanIds)}" -and assignedPlan.capabilityStatus -eq "Enabled"))`,
    () => '(user.otherMails -any (_ -endsWith "@fabrikam.com"))', () => `user.employeeHireDate -ge system.now -plus -P${pick([30, 90, 365])}D`,
    () => `user.state -eq "WA"`, () => `user.postalCode -startsWith "9"`, () => `user.preferredLanguage -eq "en-US"`, () => `user.employeeId -startsWith "1"`,
  ];
  const dynamicGroups = Array.from({ length: groups }, (_, i) => {
    const parts = Array.from({ length: 1 + Math.floor(random() * 3) }, () => pick(clauses)());
    return { id: `g${i}`, rule: ruleOf(parts.join(random() > 0.8 ? ' -or ' : ' -and ')) };
  });
  const [index, buildMs] = timed(() => indexRulesByProperty(dynamicGroups));
  const fields: [string, (u: User) => User][] = [
    ['department', (u) => ({ ...u, department: pick(departments) })],
    ['country', (u) => ({ ...u, country: pick(countries) })],
    ['jobTitle', (u) => ({ ...u, jobTitle: pick(jobTitles) })],
    ['onPremisesExtensionAttributes.extensionAttribute3', (u) => ({ ...u, onPremisesExtensionAttributes: { extensionAttribute3: pick(['A', 'B']) } })],
    ['assignedPlans', (u) => ({ ...u, assignedPlans: [] })],
  ];
  const now = new Date();
  const work = Array.from({ length: changes }, () => {
    const [field, change] = pick(fields);
    return { field: [field], user: change(pick(directory)) };
  });
  for (const { user, field } of work.slice(0, 200)) index.evaluateChange(user, field, { now });
  const [affected, lookupMs] = timed(() => work.reduce((n, { field }) => n + index.groupsReading(field).length, 0));
  const durations = work.map(({ user, field }) => timed(() => index.evaluateChange(user, field, { now }))[1]).sort((a, b) => a - b);
  const changeMs = durations.reduce((a, b) => a + b, 0) / changes;
  return { buildMs, lookupMs: lookupMs / changes, changeMs, p99Ms: durations[Math.floor(changes * 0.99)]!, affected: Math.round(affected / changes) };
}

function timed<T>(run: () => T): [T, number] {
  const started = performance.now();
  const result = run();
  return [result, performance.now() - started];
}

function median(runs: number, measure: () => number): number {
  const times = Array.from({ length: runs }, measure).sort((a, b) => a - b);
  return times[Math.floor(runs / 2)]!;
}

const ms = (value: number) => `${value.toFixed(1)} ms`;
const us = (valueMs: number) => `${(valueMs * 1000).toFixed(1)} µs`;
const ns = (valueMs: number, count: number) => `${((valueMs * 1e6) / count).toFixed(1)} ns`;

function printTable(rows: [string, string, string][]): void {
  const header: [string, string, string] = ['measure', 'result', 'target'];
  const widths = [0, 1, 2].map((c) => Math.max(...[header, ...rows].map((row) => row[c]!.length)));
  const line = (row: [string, string, string]) => `| ${row.map((cell, c) => cell.padEnd(widths[c]!)).join(' | ')} |`;
  console.log([line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n'));
}
