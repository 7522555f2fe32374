import { afterAll, describe, it } from 'vitest';
import { fuzzTargets } from './fuzz-targets.js';

/**
 * Property-based fuzzing of everything that reads what people and platforms send. `npm test` runs
 * a few thousand cases; `npm run fuzz` (FUZZ=full) over 100,000, and prints how many and how long.
 * A failure names fast-check's seed and the smallest counterexample; FUZZ_SEED=<seed> replays it.
 */
const full = process.env['FUZZ'] === 'full';
const seed = process.env['FUZZ_SEED'] === undefined ? undefined : Number(process.env['FUZZ_SEED']);
const ran: Array<{ readonly name: string; readonly cases: number; readonly ms: number }> = [];

describe('fuzzing: nothing throws unhandled, nothing hangs', () => {
  for (const target of fuzzTargets) {
    const cases = full ? target.fuzzRuns : target.ciRuns;
    it(`${target.name} (${cases.toLocaleString('en-US')} cases)`, async () => {
      const started = performance.now();
      await target.run(cases, seed);
      ran.push({ name: target.name, cases, ms: performance.now() - started });
    }, full ? 30 * 60_000 : 60_000);
  }

  afterAll(() => {
    if (ran.length === 0) return;
    const width = Math.max(...ran.map((r) => r.name.length));
    const total = ran.reduce((sum, r) => ({ cases: sum.cases + r.cases, ms: sum.ms + r.ms }), { cases: 0, ms: 0 });
    const line = (name: string, cases: number, ms: number) => `${name.padEnd(width)}  ${cases.toLocaleString('en-US').padStart(8)} cases  ${(ms / 1000).toFixed(1).padStart(6)} s`;
    console.log([`[fuzz${full ? ', full' : ''}]`, ...ran.map((r) => line(r.name, r.cases, r.ms)), line('total', total.cases, total.ms)].join('\n'));
  });
});
