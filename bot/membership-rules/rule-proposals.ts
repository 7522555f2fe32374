import type { GroupId, UserId } from '../../domain/model/ids.js';
import type { Store } from '../../domain/ports/store.js';
import type { RuleProposalView } from '../../cards/card-view.js';

/** Where a proposal stands: `applying` is an Apply recorded but not yet carried out (a sweep finishes it). */
export type RuleProposalStatus = 'pending' | 'applying' | 'applied' | 'cancelled' | 'stale';

/** A proposed rule for a dynamic group, stored until someone applies or cancels it. */
export interface RuleProposal {
  readonly id: string;
  readonly groupId: GroupId;
  readonly text: string;
  /** The group's rule when the proposal was made: Apply refuses when it has changed since. */
  readonly baseRule: string | null;
  readonly proposedBy: UserId;
  readonly proposedAt: string;
  readonly status: RuleProposalStatus;
  readonly decidedBy?: UserId;
  readonly decidedAt?: string;
  /** What applying did: counts of members added and removed, or who processes the rule instead. */
  readonly outcome?: { readonly added: number; readonly removed: number; readonly processedBy: 'groupgate' | 'directory' | 'paused' };
  /** The card as proposed, so every later look at it shows the same preview. */
  readonly view: RuleProposalView;
}

/** The last proposal applied to a group: two proposals made on the same rule cannot both be applied. */
export interface AppliedProposal {
  readonly proposalId: string;
  readonly appliedAt: string;
}

export const proposalKeys = {
  prefix: 'rule-proposal:',
  proposal: (id: string) => `rule-proposal:${id}`,
  applied: (groupId: GroupId) => `rule-proposal-applied:${groupId}`,
};

// Crockford-style alphabet, as join request ids: no I, L, O or U.
const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** Stores a new proposal under a fresh short id (P-7F3A), never overwriting another. */
export async function storeRuleProposal(store: Store, random: () => number, make: (id: string) => RuleProposal): Promise<RuleProposal> {
  for (let length = 4; ; length++) {
    const id = `P-${Array.from({ length }, () => alphabet[Math.floor(random() * alphabet.length)]).join('')}`;
    const proposal = make(id);
    const stored = await store.update<RuleProposal, boolean>(proposalKeys.proposal(id), (current) => (current ? { result: false } : { next: proposal, result: true }));
    if (stored) return proposal;
  }
}

/**
 * Moves a proposal from one status to the next atomically: only the first of several concurrent
 * clicks (on any instance) moves it; the others get the proposal as it now stands.
 */
export async function moveRuleProposal(
  store: Store,
  id: string,
  from: RuleProposalStatus,
  change: Partial<Pick<RuleProposal, 'status' | 'decidedBy' | 'decidedAt' | 'outcome'>>,
): Promise<{ readonly moved: boolean; readonly proposal: RuleProposal | undefined }> {
  return store.update<RuleProposal, { moved: boolean; proposal: RuleProposal | undefined }>(proposalKeys.proposal(id), (current) => {
    if (!current || current.status !== from) return { result: { moved: false, proposal: current } };
    const next = { ...current, ...change };
    return { next, result: { moved: true, proposal: next } };
  });
}
