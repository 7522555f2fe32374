/**
 * Work over a whole directory, written as a generator so that it can pause: it yields after each unit (one
 * subject evaluated, a few hundred rows of a column built), and `true` sent back at a yield asks it to stop
 * early and return what it has so far. Whoever runs it decides when to pause and when time is up: the bot
 * gives the event loop a turn every few milliseconds (bot/membership-rules/run-in-slices.ts), tests and
 * scripts run it straight through with `runToEnd`.
 */
export type SlicedWork<T> = Generator<void, T, boolean | undefined>;

/** When to stop: after `budgetMs` of `measure` (milliseconds; performance.now by default). */
export interface WorkBudget {
  readonly budgetMs?: number;
  readonly measure?: () => number;
}

/** Runs work to its end without pausing; with a budget, asks it to stop at the first yield past it. */
export function runToEnd<T>(work: SlicedWork<T>, { budgetMs = Number.POSITIVE_INFINITY, measure = () => performance.now() }: WorkBudget = {}): T {
  const timed = Number.isFinite(budgetMs);
  const started = timed ? measure() : 0;
  let stop = false;
  for (;;) {
    const step = work.next(stop);
    if (step.done) return step.value;
    if (timed && !stop && measure() - started > budgetMs) stop = true;
  }
}

/** Pauses a loop every `rows` rows: the yield point for work whose units cost well under a microsecond. */
export const rowsPerYield = 256;
