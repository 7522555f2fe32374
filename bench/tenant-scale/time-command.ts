// Times one chat command (or click) over many runs, each started when the bot is quiet, with the
// store operations each run cost when the bot counts them.
import { storeOperations } from './store-operations.js';
import { waitUntilQuiet } from './quiet.js';
import type { Answer } from './web-chat-driver.js';

export interface CommandFigures {
  readonly name: string;
  /** Milliseconds per successful measured run, in run order. */
  readonly times: number[];
  /** Store operations per measured run (counted up to the bot being quiet again, so work a reply started is in), or undefined without /metrics. */
  readonly storeOps: number[] | undefined;
  /** Store round trips per measured run, likewise (undefined when the bot does not count them). */
  readonly roundTrips: number[] | undefined;
  readonly errors: string[];
  /** What the first measured run answered, shortened: to see that the command did what it should. */
  sample: string;
  /** Runs that started although the bot was still busy after ten seconds of waiting. */
  busyStarts: number;
}

export interface TimedBot {
  readonly url: string;
  readonly pid: number | undefined;
}

/** What is done around a timed run: untimed preparation (finding the card to click), and what makes an answer an error. */
export interface RunOptions<P> {
  readonly prepare?: (index: number) => Promise<P>;
  readonly problem?: (answer: Answer) => string | undefined;
}

/** Runs `run` `warmups` times unmeasured, then `runs` times measured. */
export async function timeCommand<P = undefined>(
  name: string, bot: TimedBot, runs: number, warmups: number,
  run: (index: number, prepared: P) => Promise<Answer>, options: RunOptions<P> = {},
): Promise<CommandFigures> {
  const figures: CommandFigures = { name, times: [], storeOps: [], roundTrips: [], errors: [], sample: '', busyStarts: 0 };
  let counted = true;
  for (let i = 0; i < warmups + runs; i++) {
    const measured = i >= warmups;
    try {
      const prepared = (await options.prepare?.(i)) as P;
      if (!(await waitUntilQuiet(bot.pid)) && measured) figures.busyStarts++;
      const before = measured ? await storeOperations(bot.url) : undefined;
      const started = performance.now();
      const answer = await run(i, prepared);
      const ms = performance.now() - started;
      const wrong = answer.status !== 200 ? `HTTP ${answer.status}: ${answer.text}` : options.problem?.(answer);
      if (wrong) throw new Error(wrong);
      if (!measured) continue;
      figures.times.push(ms);
      figures.sample ||= answer.text.replace(/\s+/g, ' ').slice(0, 160);
      await waitUntilQuiet(bot.pid);
      const after = await storeOperations(bot.url);
      if (before === undefined || after === undefined) counted = false;
      else {
        figures.storeOps!.push(after.calls - before.calls);
        if (after.roundTrips !== undefined && before.roundTrips !== undefined) figures.roundTrips!.push(after.roundTrips - before.roundTrips);
      }
    } catch (error) {
      figures.errors.push(error instanceof Error ? error.message.slice(0, 300) : String(error));
    }
  }
  return counted ? figures : { ...figures, storeOps: undefined, roundTrips: undefined };
}
