import { PermanentWriteRefusal } from '../../domain/ports/permanent-write-refusal.js';
import { bold, message, type Line, type RuleProposalState, type RuleProposalView } from '../../cards/card-view.js';
import type { GroupGate } from '../group-gate.js';
import { auditTurn } from '../audit/audit-turn.js';
import type { CardActionResult } from '../handle-card-action.js';
import type { Turn } from '../turn.js';
import { clockTime } from '../words/time-words.js';
import { finishRuleProposal } from './finish-rule-proposal.js';
import { mayChangeGroupRule } from './rule-rights.js';
import { moveRuleProposal, proposalKeys, type RuleProposal } from './rule-proposals.js';

/**
 * A click on Apply or Cancel of a rule proposal. Rights are read now (owners and admins; the
 * proposer may also cancel), the stored text is parsed again, a proposal whose group's rule
 * changed since is refused as out of date, and only the first click moves it (atomically, across
 * instances): later clicks see the proposal as it stands.
 */
export async function decideRuleProposal(gate: GroupGate, turn: Turn, id: string, verdict: 'apply' | 'cancel'): Promise<CardActionResult> {
  const proposal = await gate.store.get<RuleProposal>(proposalKeys.proposal(id));
  if (!proposal) return { reply: [message([["I can't find that rule proposal. Propose the rule again with ", bold('propose rule for <group>: <rule>'), '.']], { tone: 'attention' })] };
  const group = await gate.directory.getGroup(proposal.groupId);
  if (!group) return { reply: [message([['The group this rule was proposed for no longer exists, so nothing was changed.']], { tone: 'attention' })] };
  const allowed = (await mayChangeGroupRule(gate.directory, turn.actor, group)) || (verdict === 'cancel' && proposal.proposedBy === turn.actor.id);
  if (!allowed) return { reply: [message([['Only the owners of ', bold(group.displayName), ' and Groups or Global Administrators can ', verdict === 'apply' ? 'apply' : 'cancel', ' its rule proposals. Nothing was changed.']], { tone: 'attention' })] };
  if (proposal.status !== 'pending') return { card: await proposalCard(gate, proposal, await alreadyLine(gate, proposal)), reply: [] };
  const now = gate.clock.now().toISOString();
  const decided = { decidedBy: turn.actor.id, decidedAt: now };
  const audited = { groupId: group.id, groupName: group.displayName };
  if (verdict === 'cancel') {
    const cancelled = await moveRuleProposal(gate.store, id, 'pending', { status: 'cancelled', ...decided });
    if (cancelled.moved) await auditTurn(gate, turn, { action: 'rule.cancelled', ...audited, details: { proposal: id } });
    return settle(gate, cancelled);
  }
  if (!gate.membershipRules.rules.parse(proposal.text) || !gate.directory.setMembershipRule) {
    return { reply: [message([["That rule can't be applied here any more (the directory no longer takes it). Nothing was changed."]], { tone: 'attention' })] };
  }
  // The preview compared with the rule as it was; a rule changed since (here or in Entra) makes it a different change.
  if ((group.membershipRule ?? null) !== proposal.baseRule) return settle(gate, await moveRuleProposal(gate.store, id, 'pending', { status: 'stale', ...decided }));
  const claimed = await moveRuleProposal(gate.store, id, 'pending', { status: 'applying', ...decided });
  if (!claimed.moved || !claimed.proposal) return settle(gate, claimed);
  try {
    const applied = await finishRuleProposal(gate, gate.membershipRules, claimed.proposal);
    const { added = 0, removed = 0, processedBy = 'groupgate' } = applied?.outcome ?? {};
    await auditTurn(gate, turn, { action: 'rule.applied', ...audited, details: { proposal: id, rule: claimed.proposal.text, added, removed, processedBy } });
    return await settle(gate, { moved: true, proposal: applied });
  } catch (error) {
    // The directory refused the rule for a reason people can act on: say it; anything else is a fault.
    if (!(error instanceof PermanentWriteRefusal)) throw error;
    return { reply: [message([[`The directory refused the rule: ${error.message} Nothing was changed.`]], { tone: 'attention' })] };
  }
}

async function settle(gate: GroupGate, { moved, proposal }: { readonly moved: boolean; readonly proposal: RuleProposal | undefined }): Promise<CardActionResult> {
  if (!proposal) return { reply: [message([["I can't find that rule proposal any more."]], { tone: 'attention' })] };
  return { card: await proposalCard(gate, proposal, moved ? undefined : await alreadyLine(gate, proposal)), reply: [] };
}

/** The proposal's card as it stands: the preview it was made with, and its state. */
export async function proposalCard(gate: GroupGate, proposal: RuleProposal, notice?: Line): Promise<RuleProposalView> {
  const by = proposal.decidedBy ? (await gate.directory.getUser(proposal.decidedBy))?.displayName : undefined;
  const at = clockTime(proposal.decidedAt ?? proposal.proposedAt, gate.clock.now());
  const state = stateOf(proposal, by, at);
  return { ...proposal.view, state, ...(notice ? { notice } : {}) };
}

function stateOf(proposal: RuleProposal, by: string | undefined, at: string): RuleProposalState {
  const who = by ? { by } : {};
  switch (proposal.status) {
    case 'pending':
    case 'applying':
      return proposal.status === 'pending' ? { status: 'pending' } : { status: 'applied', ...who, at, detail: 'being applied' };
    case 'applied':
      return { status: 'applied', ...who, at, detail: outcomeWords(proposal) };
    case 'cancelled':
      return { status: 'cancelled', ...who, at };
    case 'stale':
      return { status: 'stale', at, detail: "the group's rule changed after this was proposed, so it wasn't applied. Propose it again to see its effect now." };
  }
}

function outcomeWords({ outcome }: RuleProposal): string {
  if (!outcome) return 'rule stored';
  if (outcome.processedBy === 'paused') return 'rule stored; processing is paused, so no members changed';
  if (outcome.processedBy === 'directory') return 'rule stored; Entra ID is updating the members';
  return `added ${outcome.added.toLocaleString('en-US')} · removed ${outcome.removed.toLocaleString('en-US')}`;
}

async function alreadyLine(gate: GroupGate, proposal: RuleProposal): Promise<Line> {
  const by = proposal.decidedBy ? (await gate.directory.getUser(proposal.decidedBy))?.displayName : undefined;
  const at = clockTime(proposal.decidedAt ?? proposal.proposedAt, gate.clock.now());
  const who = by ? ` by ${by}` : '';
  switch (proposal.status) {
    case 'pending':
      return ['This proposal is still waiting.'];
    case 'applying':
    case 'applied':
      return [`Already applied${who} at ${at}.`];
    case 'cancelled':
      return [`Already cancelled${who} at ${at}.`];
    case 'stale':
      return ["Out of date: the group's rule changed after this was proposed."];
  }
}
