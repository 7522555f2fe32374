import { setImmediate as nextTurn } from 'node:timers/promises';
import type { SlicedWork } from '../../domain/membership-rules/index.js';

/** How long work runs before the event loop gets a turn: well under the 50 ms a click or /healthz may wait. */
export const sliceMs = 5;

/** When to stop: after `budgetMs` of working time (the turns given away do not count). */
export interface SliceOptions {
  readonly budgetMs?: number;
}

/**
 * Runs sliced work on the event loop without holding it: every `sliceMs` of work it waits one turn
 * (setImmediate, so timers, I/O and other chats run in between). The work gets a clock that counts
 * only the time it ran, which its own figures (a preview's "stopped after … ms") then report; past
 * `budgetMs` of it the work is asked to stop and give what it has.
 */
export async function runInSlices<T>(start: (measure: () => number) => SlicedWork<T>, { budgetMs = Number.POSITIVE_INFINITY }: SliceOptions = {}): Promise<T> {
  // Asked to stop, work still finishes with a value: this outcome is always done.
  const outcome = await drive(start, budgetMs, 'ask');
  return (outcome as { readonly value: T }).value;
}

/** What work without a partial answer came to: its value, or given up when its time ran out. */
export type BudgetedOutcome<T> = { readonly done: true; readonly value: T } | { readonly done: false };

/**
 * Runs work that has no partial answer to give (a rule suggestion) in slices, as `runInSlices` does,
 * and gives it up once it has worked `budgetMs`, so a huge tenant can't keep it going indefinitely.
 */
export function runWithinBudget<T>(start: () => SlicedWork<T>, budgetMs: number): Promise<BudgetedOutcome<T>> {
  return drive(start, budgetMs, 'abandon');
}

// Past the budget, `ask` sends the work a stop and lets it finish with what it has; `abandon` ends it there.
async function drive<T>(start: (measure: () => number) => SlicedWork<T>, budgetMs: number, overrun: 'ask' | 'abandon'): Promise<BudgetedOutcome<T>> {
  const turns = new TurnGiver();
  const work = start(() => turns.worked());
  let stop = false;
  for (;;) {
    const step = work.next(stop);
    if (step.done) return { done: true, value: step.value };
    if (!stop && turns.worked() > budgetMs) {
      if (overrun === 'abandon') {
        work.return(undefined as T);
        return { done: false };
      }
      stop = true;
    }
    // Awaiting only when a turn is due: an await per subject would cost more than evaluating most rules.
    const turn = turns.giveIfDue();
    if (turn) await turn;
  }
}

/**
 * For a loop over awaited reads that may all resolve at once (an in-memory directory answers in
 * microtasks, which never let timers or I/O in): `giveIfDue()` waits a turn once `sliceMs` has passed.
 */
export class TurnGiver {
  private done = 0;
  private sliceStarted = performance.now();

  /** Milliseconds spent working, not counting the turns given away. */
  worked(): number {
    return this.done + (performance.now() - this.sliceStarted);
  }

  giveIfDue(): Promise<void> | undefined {
    const now = performance.now();
    if (now - this.sliceStarted < sliceMs) return undefined;
    this.done += now - this.sliceStarted;
    return nextTurn().then(() => void (this.sliceStarted = performance.now()));
  }
}
