import type { Reply } from '../../cards/card-view.js';
import type { GroupGate } from '../group-gate.js';
import type { RateLimitKind } from '../limits/rate-limiter.js';
import type { Turn } from '../turn.js';

/** Who a command is for; help shows each person the commands for their role. */
export type Audience = 'everyone' | 'owners' | 'admins';

/** Runs a recognised command. */
export type CommandRunner = (gate: GroupGate, turn: Turn) => Promise<Reply>;

/** A command people can type: how to recognise it, and what it does. */
export interface CommandSpec {
  readonly name: string;
  readonly usage: string;
  readonly description: string;
  readonly audience: Audience;
  /** A per-person allowance this command also uses, besides the one every command uses (`preview` for rule evaluation). */
  readonly rateLimit?: RateLimitKind;
  /** A runner when `text` (already normalised) is this command. */
  readonly match: (text: string) => CommandRunner | undefined;
}

/** Defines a command from a parser and a handler, keeping the parsed shape typed between them. */
export function defineCommand<C>(spec: {
  readonly name: string;
  readonly usage: string;
  readonly description: string;
  readonly audience: Audience;
  readonly rateLimit?: RateLimitKind;
  readonly parse: (text: string) => C | undefined;
  readonly run: (gate: GroupGate, turn: Turn, command: C) => Promise<Reply>;
}): CommandSpec {
  const { parse, run, ...about } = spec;
  return {
    ...about,
    match: (text) => {
      const command = parse(text);
      return command === undefined ? undefined : (gate, turn) => run(gate, turn, command);
    },
  };
}

/**
 * Tidies what a person typed without touching what they meant: trims it and drops a polite
 * "please" at either end (not at the end of a reason). Spacing and quotes inside are kept, since rule
 * text is parsed as typed.
 */
export function normaliseCommandText(text: string): string {
  const trimmed = text.trim().replace(/^please\s+/i, '');
  // After "because" the words are the person's reason, kept as typed: "because E5 please" stays whole.
  return (/\sbecause\s/i.test(trimmed) ? trimmed : trimmed.replace(/[\s,]*please[.!]?$/i, '')).trim();
}
