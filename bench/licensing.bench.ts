// Benchmark of issue 4: group-based licensing over a 100,000-user tenant with 50 licensing groups —
// a full run, the run after one membership change, forecasts for an approval card and a rule preview,
// and what the stored state costs in the SQLite store.
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createStore } from '../adapters/store/create-store.js';
import { loadLicensingState, saveLicensingState } from '../bot/licensing/licensing-records.js';
import { licenseImpact } from '../domain/licensing/license-impact.js';
import { newMemberImpact } from '../domain/licensing/new-member-impact.js';
import type { LicensingGroup, LicensingSnapshot } from '../domain/licensing/licensing-snapshot.js';
import type { LicensingState } from '../domain/licensing/licensing-state.js';
import { processLicensing } from '../domain/licensing/process-licensing.js';
import { summarizeLicensing } from '../domain/licensing/summarize-licensing.js';
import type { DirectoryUser } from '../domain/model/directory-user.js';
import { groupId, skuId, userId } from '../domain/model/ids.js';
import type { SubscribedSku } from '../domain/model/subscribed-sku.js';
import { countries, seededRandom } from './synthetic-directory.js';

const userCount = 100_000;
const groupCount = 50;
const runs = 5;

/** Ten SKUs; seats set so E5 and Visio run short (waiters) and the rest have room. */
const plans: Record<string, string[]> = {
  SPE_E5: ['EXCHANGE_S_ENTERPRISE', 'SHAREPOINTENTERPRISE', 'TEAMS1', 'MCOEV'],
  ENTERPRISEPACK: ['EXCHANGE_S_ENTERPRISE', 'SHAREPOINTENTERPRISE', 'TEAMS1'],
  STANDARDPACK: ['EXCHANGE_S_STANDARD', 'SHAREPOINTSTANDARD'],
  VISIOCLIENT: ['VISIO_CLIENT_SUBSCRIPTION'],
  POWER_BI_PRO: ['BI_AZURE_P2'],
  PROJECTPROFESSIONAL: ['PROJECT_PROFESSIONAL'],
  WORKPLACE_ANALYTICS: ['WORKPLACE_ANALYTICS'],
  MCOPSTN1: ['MCOPSTN1'],
  EMS: ['AAD_PREMIUM'],
  FLOW_FREE: ['FLOW_P2_VIRAL'],
};
const seats: Record<string, number> = { SPE_E5: 20_000, ENTERPRISEPACK: 90_000, STANDARDPACK: 10_000, VISIOCLIENT: 3_000, POWER_BI_PRO: 40_000, PROJECTPROFESSIONAL: 8_000, WORKPLACE_ANALYTICS: 10_000, MCOPSTN1: 10_000, EMS: 100_000, FLOW_FREE: 100_000 };

function syntheticTenant(): LicensingSnapshot {
  const random = seededRandom(4);
  const skus: SubscribedSku[] = Object.keys(plans).map((part) => ({
    skuId: skuId(`sku-${part}`), skuPartNumber: part, appliesTo: 'User', prepaidUnits: { enabled: seats[part]! },
    servicePlans: plans[part]!.map((name) => ({ servicePlanId: `plan-${name}`, servicePlanName: name })),
  }));
  const users: DirectoryUser[] = Array.from({ length: userCount }, (_, i) => ({
    id: userId(`00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`),
    displayName: `User ${i}`,
    userPrincipalName: `user${i}@contoso.example`,
    usageLocation: random() < 0.05 ? null : countries[Math.floor(random() * countries.length)]!,
    userType: random() < 0.03 ? 'Guest' : 'Member',
    assignedLicenses: random() < 0.05 ? [{ skuId: skuId('sku-STANDARDPACK'), disabledPlans: [] }] : [],
  }));
  // Groups of 500 to 8,000 members; most assign one SKU, some two (all-or-nothing), E3 to a big "everyone" group.
  const parts = Object.keys(plans);
  const groups: LicensingGroup[] = Array.from({ length: groupCount }, (_, g) => {
    const size = g === 0 ? 60_000 : 500 + Math.floor(random() * 7_500);
    const start = Math.floor(random() * (userCount - size));
    const bundle = g === 0 ? ['ENTERPRISEPACK'] : g % 7 === 0 ? [parts[g % parts.length]!, 'EMS'] : [parts[g % parts.length]!];
    return {
      id: groupId(`group-${g}`), displayName: `Licensing group ${g}`, securityEnabled: true,
      assignedLicenses: bundle.map((part) => ({ skuId: skuId(`sku-${part}`), disabledPlans: [] })),
      members: users.slice(start, start + size).map((u) => u.id),
    };
  });
  return { skus, users, groups, defaultUsageLocation: 'US' };
}

/** Prints the licensing table. */
export default async function licensingBench(): Promise<void> {
  const tenant = syntheticTenant();
  const memberships = tenant.groups.reduce((n, g) => n + g.members.length, 0);
  const at = (minute: number) => new Date(Date.UTC(2026, 11, 1, 9, minute));

  const first = await median(() => processLicensing(undefined, tenant, at(0)));
  const state = first.value;
  const summary = await median(() => summarizeLicensing(state, tenant));
  const steady = await median(() => processLicensing(state, tenant, at(1)));
  const joined = withMember(tenant, 'group-3', tenant.users[99_999]!.id);
  const afterJoin = await median(() => processLicensing(state, joined, at(2)));
  const current = { state, summary: summary.value, snapshot: tenant };
  const approval = await median(() => newMemberImpact(current, tenant.users[99_999]!, groupId('group-3')));
  const preview = await median(() => licenseImpact(current, ruleChange(tenant), at(4)));
  const bought = { ...tenant, skus: tenant.skus.map((s) => (s.skuPartNumber === 'SPE_E5' ? { ...s, prepaidUnits: { enabled: 30_000 } } : s)) };
  const freed = await median(() => processLicensing(state, bought, at(5)));

  const pools = summary.value.pools;
  const waiting = pools.reduce((n, p) => n + p.waiting.length, 0);
  const shards = Object.values(state.groups).map((g) => JSON.stringify(g).length);
  const store = await storeCosts(state, afterJoin.value);

  console.log(`${userCount.toLocaleString('en-US')} users, ${groupCount} licensing groups, ${memberships.toLocaleString('en-US')} memberships, ${tenant.skus.length} SKUs; ${waiting.toLocaleString('en-US')} members waiting after the first run.`);
  printTable([
    ['first run (no previous state)', ms(first.ms)],
    ['seats and group states (summarizeLicensing)', ms(summary.ms)],
    ['run with nothing changed', ms(steady.ms)],
    ['run after one member joins a licensing group', ms(afterJoin.ms)],
    ['approval card forecast (newMemberImpact)', ms(approval.ms)],
    ['rule preview forecast (5,000 adds, 2,000 removes)', ms(preview.ms)],
    ['run after 10,000 E5 seats are bought', ms(freed.ms)],
    ['stored state: all groups / largest group', `${kb(shards.reduce((a, b) => a + b, 0))} / ${kb(Math.max(...shards))}`],
    ['SQLite: first save (every group)', ms(store.firstSave)],
    ['SQLite: save after one join (one group changes)', ms(store.oneChange)],
    ['SQLite: load the state', ms(store.load)],
    ['peak RSS', `${Math.round(process.memoryUsage().rss / 1e6)} MB`],
  ]);
  console.log(`\n${cpus().length} CPUs (${cpus()[0]?.model ?? 'unknown'}); times are medians of ${runs} runs (store: one run each).`);
}

function withMember(snapshot: LicensingSnapshot, id: string, member: DirectoryUser['id']): LicensingSnapshot {
  return { ...snapshot, groups: snapshot.groups.map((g) => (g.id === id ? { ...g, members: [...g.members, member] } : g)) };
}

/** A rule change on a mid-sized group: 5,000 newcomers from elsewhere, 2,000 members dropped. */
function ruleChange(snapshot: LicensingSnapshot) {
  const group = snapshot.groups[1]!;
  const inGroup = new Set<string>(group.members);
  const adds = snapshot.users.filter((u) => !inGroup.has(u.id)).slice(0, 5_000).map((u) => ({ groupId: group.id, userId: u.id }));
  const removes = group.members.slice(0, 2_000).map((id) => ({ groupId: group.id, userId: id }));
  return { adds, removes };
}

async function storeCosts(state: LicensingState, next: LicensingState) {
  const folder = mkdtempSync(join(tmpdir(), 'groupgate-bench-'));
  const store = await createStore(`sqlite://${join(folder, 'store.sqlite')}`);
  try {
    const firstSave = await timed(() => saveLicensingState(store, undefined, state, 1));
    const oneChange = await timed(() => saveLicensingState(store, state, next, 2));
    const load = await timed(() => loadLicensingState(store));
    return { firstSave: firstSave.ms, oneChange: oneChange.ms, load: load.ms };
  } finally {
    await store.close();
    rmSync(folder, { recursive: true, force: true });
  }
}

async function timed<T>(run: () => T | Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await run();
  return { value, ms: performance.now() - started };
}

async function median<T>(run: () => T): Promise<{ value: T; ms: number }> {
  const samples: { value: T; ms: number }[] = [];
  for (let i = 0; i < runs; i++) samples.push(await timed(run));
  return samples.sort((a, b) => a.ms - b.ms)[Math.floor(runs / 2)]!;
}

const ms = (value: number) => `${value.toFixed(1)} ms`;
const kb = (chars: number) => `${(chars / 1024).toFixed(0)} KB`;

function printTable(rows: [string, string][]): void {
  const widths = [0, 1].map((c) => Math.max(...[['measure', 'result'], ...rows].map((row) => row[c]!.length)));
  const line = (row: readonly string[]) => `| ${row.map((cell, c) => cell.padEnd(widths[c]!)).join(' | ')} |`;
  console.log([line(['measure', 'result']), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n'));
}
