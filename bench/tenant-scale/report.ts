// The printed result: one table per tenant size (rows per figure, a column per store, each figure
// marked against issue 16's goal), the growth of each command from the smallest size to the largest,
// and the details a reader needs to trust the numbers (Graph calls by path, errors, sample answers).
import type { ScenarioFigures } from './run-scenario.js';
import type { CommandFigures } from './time-command.js';

type Mark = 'met' | 'not met';
const mark = (ok: boolean): Mark => (ok ? 'met' : 'not met');
const ms = (n: number) => (n >= 100 ? `${Math.round(n)} ms` : `${n.toFixed(1)} ms`);

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Nearest-rank p99: with fewer than 100 runs, the slowest one. */
export function p99(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.ceil(0.99 * sorted.length) - 1]!;
}

/**
 * One command's cell: median / p99 and store operations per run, each with its mark. A click's goal
 * is ≤ 8 round trips, counted on Redis (calls sent together travel together); SQLite has no network,
 * so there a click is held to 8 store calls. Other commands: ≤ 10 store calls.
 */
function commandCell(figures: CommandFigures | undefined, store: string): string {
  if (!figures) return 'not run';
  if (!figures.times.length) return `error: ${figures.errors[0] ?? 'no runs'}`;
  const tail = p99(figures.times);
  const errors = figures.errors.length ? `, ${figures.errors.length} errors` : '';
  return `${ms(median(figures.times))} / ${ms(tail)} (${mark(tail < 50)}), ${storeCell(figures, store)}${errors}`;
}

function storeCell(figures: CommandFigures, store: string): string {
  if (!figures.storeOps?.length) return 'store ops n/a';
  const calls = median(figures.storeOps);
  const trips = store === 'Redis' && figures.roundTrips?.length ? median(figures.roundTrips) : undefined;
  const met = isClick(figures.name) ? (trips ?? calls) <= 8 : calls <= 10;
  return `${calls} store ops${trips === undefined ? '' : `, ${trips} round trips`} (${mark(met)})`;
}

const isClick = (name: string) => name.endsWith(' click');
const commandGoal = (name: string) => (isClick(name) ? 'p99 < 50 ms, ≤ 8 round trips (Redis; SQLite: store ops)' : 'p99 < 50 ms, ≤ 10 store ops');

const orNa = <T>(value: T | undefined, show: (value: T) => string) => (value === undefined ? 'n/a' : show(value));

interface Row {
  readonly label: string;
  readonly goal: string;
  readonly cell: (figures: ScenarioFigures) => string;
}

const rows: readonly Row[] = [
  { label: 'first full sync', goal: '< 60 s', cell: (f) => orNa(f.fullSync, (r) => `${(r.ms / 1000).toFixed(1)} s (${mark(r.ms < 60_000)}), ${r.calls.count} Graph calls`) },
  { label: 'bot start to listening', goal: '—', cell: (f) => orNa(f.startMs, (n) => `${(n / 1000).toFixed(1)} s`) },
  { label: 'empty delta round', goal: '≤ 4 Graph calls', cell: (f) => orNa(f.emptyDelta, (r) => `${r.calls.count} Graph calls (${mark(r.calls.count <= 4)}), ${ms(r.ms)}`) },
  { label: '10-change delta round', goal: 'O(changes)', cell: (f) => orNa(f.tenDelta, (r) => `${r.calls.count} Graph calls, ${ms(r.ms)} (saw ${r.saw})`) },
  { label: 'CPU to take in the 10 changes', goal: 'O(changes)', cell: (f) => orNa(f.tenChangeCpuMs, (n) => ms(n)) },
  { label: 'idle CPU over 30 s', goal: '< 1 % of a core', cell: (f) => orNa(f.idleCpuPercent, (n) => `${n.toFixed(1)} % (${mark(n < 1)}), ${f.idleRounds} sync round${f.idleRounds === 1 ? '' : 's'} in it`) },
  { label: 'RSS steady (after idle)', goal: '< 1 GB', cell: (f) => orNa(f.rssMb, (n) => `${n} MB (${mark(n < 1024)})`) },
  { label: 'RSS peak (VmHWM)', goal: '< 1.5 GB', cell: (f) => orNa(f.peakRssMb, (n) => `${n} MB (${mark(n < 1536)})`) },
  { label: '/healthz during a preview (max)', goal: '< 50 ms', cell: (f) => orNa(f.healthDuringPreviewMs?.length ? Math.max(...f.healthDuringPreviewMs) : undefined, (n) => `${ms(n)} (${mark(n < 50)})`) },
];

export const commandNames = ['join <group>', 'approve click', 'deny click', 'groups <words>', 'help (as an owner)', 'pending', 'my requests', 'preview rule for <group>', 'preview rule for <100-member group>', 'preview rule <text>'];

/** The table of one size, over the stores it ran on. */
export function sizeTable(size: string, scenarios: readonly ScenarioFigures[]): string {
  const head = `| ${size} | ${scenarios.map((s) => s.store).join(' | ')} | goal |`;
  const rule = `|---|${scenarios.map(() => '---|').join('')}---|`;
  const figureRows = rows.map((row) => `| ${row.label} | ${scenarios.map(row.cell).join(' | ')} | ${row.goal} |`);
  const commandRows = commandNames.map((name) => `| \`${name}\` median / p99 | ${scenarios.map((s) => commandCell(s.commands.find((c) => c.name === name), s.store)).join(' | ')} | ${commandGoal(name)} |`);
  return [head, rule, ...figureRows, ...commandRows].join('\n');
}

/** Growth of each command's median from the first size to the last, per store. */
export function growthTable(first: string, last: string, byStore: ReadonlyArray<{ store: string; from?: ScenarioFigures; to?: ScenarioFigures }>): string {
  const factor = (from: ScenarioFigures | undefined, to: ScenarioFigures | undefined, name: string) => {
    const [a, b] = [from?.commands.find((c) => c.name === name), to?.commands.find((c) => c.name === name)];
    if (!a?.times.length || !b?.times.length) return 'n/a';
    const growth = median(b.times) / median(a.times);
    return `${growth.toFixed(1)}× (${mark(growth < 2)})`;
  };
  return [
    `| growth of the median, ${first} → ${last} | ${byStore.map((s) => s.store).join(' | ')} | goal |`,
    `|---|${byStore.map(() => '---|').join('')}---|`,
    ...commandNames.map((name) => `| \`${name}\` | ${byStore.map((s) => factor(s.from, s.to, name)).join(' | ')} | < 2× |`),
  ].join('\n');
}

/** What stands behind a table: the tenant, time taken, Graph calls of the empty round by path, errors, and what each command answered. */
export function details(scenario: ScenarioFigures): string {
  const lines = [`${scenario.store}: ${scenario.tenant}; this run took ${(scenario.wallMs / 1000).toFixed(0)} s`];
  if (scenario.emptyDelta) lines.push(`  empty delta round's Graph calls: ${Object.entries(scenario.emptyDelta.calls.byPath).map(([path, n]) => `${path} ×${n}`).join(', ')}`);
  for (const error of scenario.errors) lines.push(`  error: ${error}`);
  for (const command of scenario.commands) {
    const busy = command.busyStarts ? ` (${command.busyStarts} runs started while the bot was still busy)` : '';
    lines.push(`  ${command.name}: ${command.times.length} runs${busy}; answered "${command.sample}"`);
    for (const error of [...new Set(command.errors)].slice(0, 2)) lines.push(`    error: ${error}`);
  }
  return lines.join('\n');
}
