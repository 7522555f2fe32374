import { bold, code, message, type MessageView } from '../../cards/card-view.js';
import type { GroupGate } from '../group-gate.js';
import { nearestNames } from '../nearest-names.js';
import type { Turn } from '../turn.js';
import type { CommandSpec } from './command-spec.js';
import { helpCard } from './help-command.js';

// Button titles stay short on every platform; the command itself goes whole.
const maxTitle = 60;

/**
 * The answer to a message no command took: a membership rule typed bare gets the preview command
 * to run it with; a misspelt command word ("jion Atlas Project", "halp") gets "Did you mean …?"
 * with the corrected command to click; anything else the help card for the person's role.
 */
export async function notUnderstood(gate: GroupGate, turn: Turn, catalog: readonly CommandSpec[], typed: string): Promise<MessageView> {
  if (/^\(*\s*(?:user|device)\.[a-z]/i.test(typed)) {
    const preview = `preview rule ${typed}`;
    return message([['That looks like a membership rule. To see whom it matches, type ', code('preview rule <rule>'), '.']], { buttons: [runButton('Preview this rule', preview)] });
  }
  const corrected = correctedCommand(catalog, typed);
  if (corrected) {
    return message([["I didn't catch that. Did you mean ", bold(corrected), '?']], { buttons: [runButton(corrected, corrected), runButton('Help', 'help')] });
  }
  return helpCard(gate, turn.actor, catalog, [typed ? "I didn't catch that. Here's what I can do:" : "Here's what I can do:"]);
}

/** The text with its first word swapped for the nearest command word, when a command then takes it. */
function correctedCommand(catalog: readonly CommandSpec[], typed: string): string | undefined {
  const [, first, rest] = /^(\S+)(.*)$/s.exec(typed) ?? [];
  if (!first) return undefined;
  const words = [...new Set(catalog.map((c) => c.usage.split(/\s+/)[0]!.toLowerCase()))];
  for (const word of nearestNames(first, words, 3)) {
    const candidate = `${word}${rest ?? ''}`;
    if (catalog.some((c) => c.match(candidate) !== undefined)) return candidate;
  }
  return undefined;
}

const runButton = (title: string, command: string) => ({ action: 'run' as const, title: title.length > maxTitle ? `${title.slice(0, maxTitle - 1)}…` : title, command });
