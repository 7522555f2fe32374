import type { Fleet } from '../../test/adapters/store/fleet.js';
import { fleetGroups } from '../../test/adapters/store/fleet.js';
import { percentile, type ClickStream } from './click-stream.js';

interface Row {
  readonly where: string;
  readonly traffic: string;
  readonly streams: readonly ClickStream[];
}

const ms = (n: number) => (Number.isNaN(n) ? '–' : n < 10 ? n.toFixed(1) : n.toFixed(0));

/** The results as a Markdown table: per instance and traffic, per instance, and overall. */
export function printTable(streams: readonly ClickStream[]): void {
  const instances = [...new Set(streams.map((s) => s.instance.name))];
  const rows: Row[] = [
    ...instances.flatMap((name) => {
      const mine = streams.filter((s) => s.instance.name === name);
      const traffics = [...new Set(mine.map((s) => s.traffic))].sort();
      return [...traffics.map((traffic) => ({ where: name, traffic, streams: mine.filter((s) => s.traffic === traffic) })), { where: name, traffic: 'all', streams: mine }];
    }),
    { where: 'overall', traffic: 'all', streams },
  ];
  console.log('\n| instance | traffic | clicks answered | throughput (clicks/s) | p50 ack (ms) | p99 ack (ms) | max (ms) | errors |');
  console.log('|---|---|---:|---:|---:|---:|---:|---:|');
  for (const row of rows) {
    const latencies = row.streams.flatMap((s) => s.latencies);
    const seconds = Math.max(...row.streams.map((s) => s.seconds));
    const errors = row.streams.reduce((sum, s) => sum + s.errors, 0);
    console.log(`| ${row.where} | ${row.traffic} | ${latencies.length} | ${(latencies.length / seconds).toFixed(0)} | ${ms(percentile(latencies, 50))} | ${ms(percentile(latencies, 99))} | ${ms(Math.max(...latencies))} | ${errors} |`);
  }
  console.log('');
}

/**
 * After the load: every request has exactly one decision, and each approved requester was added to
 * its group once — no more, no less — by whichever instance decided. Says so in a line.
 */
export async function checkDecisions(fleet: Fleet, measured: readonly string[], groups: number): Promise<{ readonly ok: boolean; readonly text: string }> {
  const requests = await fleet.requests();
  const decided = requests.filter((r) => r.status === 'approved' || r.status === 'denied');
  const undecided = measured.filter((id) => !decided.some((r) => r.id === id));
  const approved = decided.filter((r) => r.status === 'approved');
  const problems: string[] = [];
  if (undecided.length > 0) problems.push(`${undecided.length} measured requests without a decision`);
  for (const group of fleetGroups(groups)) {
    const members = await fleet.members(group);
    const wanted = approved.filter((r) => r.groupId === group).map((r) => r.requesterId as string).sort();
    if (new Set(members).size !== members.length) problems.push(`${group} lists a member twice`);
    if (JSON.stringify([...members].sort()) !== JSON.stringify(wanted)) problems.push(`${group} members differ from its approved requests`);
  }
  const changes = fleet.instances.flatMap((instance) => instance.logged('membership changed'));
  if (changes.length !== approved.length) problems.push(`${changes.length} membership changes for ${approved.length} approvals`);
  const verdict = problems.length === 0 ? 'OK' : `PROBLEMS: ${problems.join('; ')}`;
  const text = `decisions: ${decided.length} (${approved.length} approved, ${decided.length - approved.length} denied), one per request; ${changes.length} membership changes, one per approval — ${verdict}`;
  return { ok: problems.length === 0, text };
}
