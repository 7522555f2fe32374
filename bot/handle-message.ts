import type { Reply } from '../cards/card-view.js';
import { commandCatalog } from './commands/catalog.js';
import { normaliseCommandText } from './commands/command-spec.js';
import { helpCard } from './commands/help-command.js';
import { withFriendlyErrors } from './friendly-errors.js';
import type { GroupGate } from './group-gate.js';
import type { Turn } from './turn.js';

/** The longest message GroupGate reads; a rule may be 3,072 characters, plus the command around it. */
export const maxMessageLength = 4_000;

/** Answers one typed message: finds the command, runs it as the person who typed it, and returns the cards to reply with. */
export async function handleMessage(gate: GroupGate, turn: Turn, text: string): Promise<Reply> {
  return withFriendlyErrors(
    gate.logger,
    async () => {
      if (text.length > maxMessageLength) {
        return [helpMessage(`That message is ${text.length.toLocaleString('en-US')} characters; I read up to ${maxMessageLength.toLocaleString('en-US')}.`)];
      }
      const typed = normaliseCommandText(text);
      for (const command of commandCatalog) {
        const run = command.match(typed);
        if (run) return run(gate, turn);
      }
      return [await helpCard(gate, turn.actor, commandCatalog, [typed ? "I didn't catch that. Here's what I can do:" : "Here's what I can do:"])];
    },
    (reply) => reply,
  );
}

const helpMessage = (text: string) => ({ kind: 'message', lines: [[text]] }) as const;
