import { handleCardAction } from '../../bot/handle-card-action.js';
import { handleMessage } from '../../bot/handle-message.js';
import type { RunningGroupGate, StartOptions } from '../../bot/start-groupgate.js';
import type { Turn } from '../../bot/turn.js';
import type { CardView, RuleProposalView } from '../../cards/card-view.js';
import { groupId, userId } from '../../domain/model/ids.js';
import type { MembershipChanged } from '../../domain/ports/membership-events.js';
import { ManualClock } from '../support/manual-clock.js';
import { RecordingChannel } from '../support/recording-channel.js';
import { replyText } from '../support/reply-text.js';
import { person, sampleGroup } from '../support/sample-tenant.js';
import { startTestGroupGate } from '../support/start-test-groupgate.js';

/** A running GroupGate on the sample tenant, with the membership changes it announces and helpers to talk to it. */
export interface RuleHarness {
  readonly running: RunningGroupGate;
  readonly clock: ManualClock;
  readonly changes: MembershipChanged[];
  /** What `name` gets back for typing `text`. */
  say(name: string, text: string): Promise<{ readonly cards: readonly CardView[]; readonly text: string }>;
  /** `name` clicks Apply or Cancel on a proposal card. */
  click(name: string, proposalId: string, verdict: 'apply' | 'cancel'): Promise<{ readonly card?: CardView; readonly text: string }>;
  /** The proposal card in a reply (fails the test when there is none). */
  proposal(cards: readonly CardView[]): RuleProposalView;
  /** Display names of a sample group's members now, sorted. */
  members(group: string): Promise<string[]>;
  /** A sample group's stored rule now. */
  rule(group: string): Promise<string | null | undefined>;
}

export const turnOf = (name: string): Turn => ({ actor: person(name), platform: 'web' });

/** Starts the harness; stop it with `harness.running.stop()`. */
export async function startRuleHarness(options: StartOptions = {}, env: Record<string, string> = {}): Promise<RuleHarness> {
  const clock = new ManualClock('2026-11-30T09:00:00Z');
  const running = await startTestGroupGate(env, { clock, channels: [new RecordingChannel()], ...options });
  const { gate } = running;
  const changes: MembershipChanged[] = [];
  gate.membershipListeners.push(async (change) => void changes.push(change));
  const nameOf = async (id: string) => (await gate.directory.getUser(userId(id)))?.displayName ?? id;
  return {
    running, clock, changes,
    say: async (name, text) => {
      const cards = await handleMessage(gate, turnOf(name), text);
      return { cards, text: replyText(cards) };
    },
    click: async (name, proposalId, verdict) => {
      const action = verdict === 'apply' ? 'rule-proposal.apply' : 'rule-proposal.cancel';
      const result = await handleCardAction(gate, turnOf(name), { action, proposalId });
      return { ...(result.card ? { card: result.card } : {}), text: replyText([...(result.card ? [result.card] : []), ...result.reply]) };
    },
    proposal: (cards) => {
      const found = cards.find((card): card is RuleProposalView => card.kind === 'ruleProposal');
      if (!found) throw new Error(`no proposal card in: ${replyText(cards)}`);
      return found;
    },
    members: async (group) => (await Promise.all((await gate.directory.listMembers(groupId(sampleGroup(group).id))).map(nameOf))).sort(),
    rule: async (group) => (await gate.directory.getGroup(groupId(sampleGroup(group).id)))?.membershipRule,
  };
}
