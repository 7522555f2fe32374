import type { Reply } from '../cards/card-view.js';
import { commandCatalog } from './commands/catalog.js';
import { normaliseCommandText } from './commands/command-spec.js';
import { notUnderstood } from './commands/not-understood.js';
import { withFriendlyErrors } from './friendly-errors.js';
import type { GroupGate } from './group-gate.js';
import { overRateLimit } from './limits/over-rate-limit.js';
import { observeTurn } from './observe-turn.js';
import { inTurn } from './request-context.js';
import type { Turn } from './turn.js';

/** The longest message GroupGate reads; a rule may be 3,072 characters, plus the command around it. */
export const maxMessageLength = 4_000;

/** How a message reached handleMessage. */
export interface MessageOptions {
  /** GroupGate asks this itself (the Slack Home tab's sections), not the person: not counted against their rate limit. */
  readonly internal?: boolean;
}

/**
 * Answers one typed message: finds the command, runs it as the person who typed it, and returns the
 * cards to reply with. Each message counts against the person's rate limit, and a command that
 * evaluates rules against their preview limit too.
 */
export async function handleMessage(gate: GroupGate, turn: Turn, text: string, options: MessageOptions = {}): Promise<Reply> {
  return inTurn(turn, () => answer(gate, turn, text, options));
}

async function answer(gate: GroupGate, turn: Turn, text: string, options: MessageOptions): Promise<Reply> {
  // Inside withFriendlyErrors, so a failure is seen before it becomes words; GroupGate's own asks are not counted.
  const observed = (work: () => Promise<Reply>) => (options.internal ? work() : observeTurn(gate, 'message', turn.platform, work, (reply) => reply, (reply) => reply));
  return withFriendlyErrors(
    gate.logger,
    () => observed(async () => {
      if (text.length > maxMessageLength) {
        return [helpMessage(`That message is ${text.length.toLocaleString('en-US')} characters; I read up to ${maxMessageLength.toLocaleString('en-US')}.`)];
      }
      const limited = options.internal ? undefined : await overRateLimit(gate, 'command', turn.actor.id);
      if (limited) return [limited];
      const typed = normaliseCommandText(text);
      for (const command of commandCatalog) {
        const run = command.match(typed);
        const alsoLimited = run && command.rateLimit ? await overRateLimit(gate, command.rateLimit, turn.actor.id) : undefined;
        if (alsoLimited) return [alsoLimited];
        if (run) {
          // The command's name only: what people type may hold reasons and names that stay out of logs.
          gate.logger.info({ platform: turn.platform, command: command.name }, 'turn');
          return run(gate, turn);
        }
      }
      return [await notUnderstood(gate, turn, commandCatalog, typed)];
    }),
    (reply) => reply,
  );
}

const helpMessage = (text: string) => ({ kind: 'message', lines: [[text]] }) as const;
