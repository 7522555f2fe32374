import { describe, expect, it } from 'vitest';
import { nextMemoryMode, type MemoryMode } from '../../bot/govern-memory.js';

const run = (samples: readonly number[], from: MemoryMode = { saving: false, quiet: 0 }) =>
  samples.reduce<MemoryMode[]>((modes, busy) => [...modes, nextMemoryMode(modes.at(-1) ?? from, busy)], []).map((m) => m.saving);

describe('when memory is handed back', () => {
  it('only after three quiet samples in a row, and no longer from the first busy one', () => {
    expect(run([0.01, 0.01, 0.01, 0.01])).toEqual([false, false, true, true]);
    expect(run([0.01, 0.01, 0.3, 0.01, 0.01, 0.01])).toEqual([false, false, false, false, false, true]);
    expect(run([0.4], { saving: true, quiet: 9 })).toEqual([false]);
  });

  it('keeps what it does through a sample in between (light work neither starts nor ends saving)', () => {
    expect(run([0.01, 0.01, 0.01, 0.03, 0.03])).toEqual([false, false, true, true, true]);
    expect(run([0.03, 0.03, 0.03, 0.03])).toEqual([false, false, false, false]);
  });
});
