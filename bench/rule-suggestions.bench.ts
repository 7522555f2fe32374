// Benchmark of issue 12 part 5: how long `suggest rule for <group>` takes to search for a rule, by tenant size.
import { suggestMembershipRule } from '../domain/rule-suggestions/suggest-membership-rule.js';
import { seededRandom, syntheticUsers } from './synthetic-directory.js';

const sizes = [10_000, 100_000];

/** Milliseconds of the fastest of `runs` runs (the first warms the JIT). */
function time(runs: number, work: () => unknown): number {
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    work();
    best = Math.min(best, performance.now() - started);
  }
  return best;
}

export default async function main(): Promise<void> {
  console.log('| users | group | members | rule found | exact | ms |');
  console.log('|---:|---|---:|---|---|---:|');
  for (const size of sizes) {
    const users = syntheticUsers(size);
    const random = seededRandom(7);
    const groups: Array<[string, string[]]> = [
      ['Research in NZ (static copy)', users.filter((u) => u['department'] === 'Research' && u['country'] === 'NZ').map((u) => String(u['id']))],
      ['all of Sales (static copy)', users.filter((u) => u['department'] === 'Sales').map((u) => String(u['id']))],
      ['500 people at random', users.filter(() => random() < 500 / size).map((u) => String(u['id']))],
    ];
    for (const [name, members] of groups) {
      let found = suggestMembershipRule(users, members);
      const ms = time(3, () => (found = suggestMembershipRule(users, members)));
      console.log(`| ${size.toLocaleString('en-US')} | ${name} | ${members.length.toLocaleString('en-US')} | \`${found?.rule ?? '—'}\` | ${found?.exact ? 'yes' : 'no'} | ${Math.round(ms).toLocaleString('en-US')} |`);
    }
  }
}
