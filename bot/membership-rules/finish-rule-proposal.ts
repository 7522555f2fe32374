import { isPaused } from './dynamic-rules.js';
import type { MembershipRules, MembershipRulesParts } from './membership-rules.js';
import { moveRuleProposal, proposalKeys, type AppliedProposal, type RuleProposal } from './rule-proposals.js';

// An Apply older than this and still not finished was interrupted (a crash, a restart).
const stuckAfterMs = 60_000;

/**
 * Carries out an Apply already recorded (status `applying`): claims the group so that no other
 * proposal made on the same rule can be applied too, stores the rule, and brings the members in
 * line (embedded directory; under Entra the directory does that). Every step is idempotent, so a
 * sweep can run it again after a crash.
 */
export async function finishRuleProposal(parts: MembershipRulesParts, rules: MembershipRules, proposal: RuleProposal): Promise<RuleProposal | undefined> {
  const { store, directory, clock } = parts;
  const claimed = await store.update<AppliedProposal, boolean>(proposalKeys.applied(proposal.groupId), (current) => {
    if (current?.proposalId === proposal.id) return { result: true };
    if (current && current.appliedAt >= proposal.proposedAt) return { result: false };
    return { next: { proposalId: proposal.id, appliedAt: proposal.decidedAt ?? clock.now().toISOString() }, result: true };
  });
  if (!claimed) return (await moveRuleProposal(store, proposal.id, 'applying', { status: 'stale' })).proposal;
  const rule = rules.rules.parse(proposal.text);
  const group = await directory.getGroup(proposal.groupId);
  if (!rule || !group || !directory.setMembershipRule) return (await moveRuleProposal(store, proposal.id, 'applying', { status: 'stale' })).proposal;
  try {
    await directory.setMembershipRule(group.id, proposal.text);
  } catch (error) {
    // Nothing was stored: the proposal waits again (a click can retry), and the group is free for others.
    await store.update<AppliedProposal, void>(proposalKeys.applied(group.id), (current) => (current?.proposalId === proposal.id ? { next: null, result: undefined } : { result: undefined }));
    await moveRuleProposal(store, proposal.id, 'applying', { status: 'pending' });
    throw error;
  }
  // From here on every step can be repeated: a failure leaves the proposal `applying` for the sweep.
  await rules.rulesChanged([group.id]);
  const processedBy = isPaused(group) ? 'paused' : rules.processesHere ? 'groupgate' : 'directory';
  const update = processedBy === 'groupgate' ? await rules.bringInLine(group.id, rule) : { added: [], removed: [] };
  const outcome = { added: update.added.length, removed: update.removed.length, processedBy } as const;
  return (await moveRuleProposal(store, proposal.id, 'applying', { status: 'applied', outcome })).proposal;
}

/** Finishes every Apply that was recorded but interrupted before it was carried out. */
export async function finishStuckProposals(parts: MembershipRulesParts, rules: MembershipRules): Promise<void> {
  const now = parts.clock.now().getTime();
  for (const [, proposal] of await parts.store.list<RuleProposal>(proposalKeys.prefix)) {
    if (proposal.status !== 'applying' || now - Date.parse(proposal.decidedAt ?? proposal.proposedAt) < stuckAfterMs) continue;
    parts.logger.warn({ proposalId: proposal.id }, 'finishing a rule proposal whose Apply was interrupted');
    await finishRuleProposal(parts, rules, proposal);
  }
}
