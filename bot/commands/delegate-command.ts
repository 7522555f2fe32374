import { delegationOf, recordDelegation, type ApprovalDelegation } from '../../domain/join-requests/approval-delegation.js';
import { bold, code, message, type Reply } from '../../cards/card-view.js';
import { auditTurn } from '../audit/audit-turn.js';
import type { GroupGate } from '../group-gate.js';
import { parseDuration } from '../parse-duration.js';
import { resolvePerson } from '../resolve-person.js';
import type { Turn } from '../turn.js';
import { defineCommand } from './command-spec.js';

const longest = 366 * 86_400_000;
const example = 'delegate my approvals to Dana Lee until 2026-12-24';

/** "2026-12-24" (to the end of that day, UTC) or a length from now ("2w"): when a delegation ends, or undefined. */
export function readUntil(typed: string, now: Date): Date | undefined {
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(typed.trim());
  if (day) {
    const end = new Date(Date.UTC(Number(day[1]), Number(day[2]) - 1, Number(day[3]), 23, 59, 59));
    return end.getUTCDate() === Number(day[3]) ? end : undefined;
  }
  const ms = parseDuration(typed);
  return ms === undefined ? undefined : new Date(now.getTime() + ms);
}

type DelegateCommand = { readonly kind: 'show' } | { readonly kind: 'stop' } | { readonly kind: 'delegate'; readonly person: string; readonly until: string };

/** `delegate my approvals to <person> until <date>`: while away, someone else gets your approval cards and may decide for you. */
export const delegateCommand = defineCommand<DelegateCommand>({
  name: 'delegate',
  usage: 'delegate my approvals to <person> until <date>|off',
  description: 'Hand your approvals to someone while you are away',
  audience: 'owners',
  parse: (text) => {
    if (/^(?:stop\s+delegating|delegate\s+(?:my\s+)?approvals?\s+(?:off|stop|none))$/i.test(text)) return { kind: 'stop' };
    if (/^delegate(?:\s+my)?(?:\s+approvals?)?$/i.test(text)) return { kind: 'show' };
    const match = /^delegate\s+(?:my\s+)?approvals?\s+to\s+(.+?)(?:\s+(?:until|till|for)\s+(.+))?$/i.exec(text);
    return match ? { kind: 'delegate', person: match[1]!, until: match[2] ?? '' } : undefined;
  },
  run: async (gate, turn, command) => {
    const now = gate.clock.now();
    if (command.kind === 'show') {
      const current = await delegationOf(gate.store, turn.actor.id, now);
      const to = current ? await gate.directory.getUser(current.to) : undefined;
      return [message([current ? [bold(to?.displayName ?? 'Someone'), ` gets your approval cards and may decide for you until ${current.until.slice(0, 10)}. `, code('stop delegating'), ' ends it.'] : ["You haven't delegated your approvals. For example: ", code(example), '.']])];
    }
    if (command.kind === 'stop') return stop(gate, turn);
    return delegate(gate, turn, command, now);
  },
});

async function delegate(gate: GroupGate, turn: Turn, command: { readonly person: string; readonly until: string }, now: Date): Promise<Reply> {
  const until = command.until ? readUntil(command.until, now) : undefined;
  if (!until || until.getTime() <= now.getTime() || until.getTime() - now.getTime() > longest) {
    const why = !command.until ? 'Say until when' : !until ? `"${command.until}" isn't a date I can read` : until.getTime() <= now.getTime() ? `${command.until} has passed` : 'A delegation lasts at most a year';
    return [message([[`${why}: a date like 2026-12-24, or a length like 2w. For example: `, code(example), '.']], { tone: 'attention' })];
  }
  const found = await resolvePerson(gate.directory, turn.actor, command.person, (name) => `delegate my approvals to ${name} until ${command.until}`);
  if ('reply' in found) return found.reply;
  const to = found.person;
  if (to.id === turn.actor.id) return [message([["You can't delegate your approvals to yourself. For example: ", code(example), '.']], { tone: 'attention' })];
  const delegation: ApprovalDelegation = { from: turn.actor.id, to: to.id, until: until.toISOString(), at: now.toISOString() };
  await recordDelegation(gate.store, turn.actor.id, delegation, now);
  const day = delegation.until.slice(0, 10);
  await Promise.all([
    auditTurn(gate, turn, { action: 'approvals.delegated', subjectId: to.id, subjectName: to.displayName, details: { until: delegation.until } }),
    gate.messenger.sendToUser(to.id, message([[bold(turn.actor.displayName), ` delegated their approvals to you until ${day}: you'll get their approval cards and may decide for them (never on your own requests).`]])),
  ]);
  return [message([[bold(to.displayName), ` gets your approval cards and may decide for you until ${day}; the audit log records each decision as theirs, for you. `, code('stop delegating'), ' ends it early.']], { tone: 'good' })];
}

async function stop(gate: GroupGate, turn: Turn): Promise<Reply> {
  const previous = await recordDelegation(gate.store, turn.actor.id, undefined, gate.clock.now());
  if (!previous) return [message([["You haven't delegated your approvals, so there was nothing to stop."]])];
  await auditTurn(gate, turn, { action: 'approvals.delegated', subjectId: previous.to, details: { until: 'stopped' } });
  return [message([['Your approvals are yours again: new cards come to you alone.']], { tone: 'good' })];
}
