import { reviewKeys, type AccessReview, type ReviewCard } from '../../domain/access-reviews/access-review.js';
import type { AccessReviewPorts, ReviewTeller } from '../../domain/access-reviews/access-review-ports.js';
import { isGroupAdmin } from '../../domain/model/directory-user.js';
import { userId, type UserId } from '../../domain/model/ids.js';
import { suggestMembershipRuleSteps } from '../../domain/rule-suggestions/suggest-membership-rule.js';
import { runWithinBudget } from '../membership-rules/run-in-slices.js';
import { cardHolders } from '../../domain/access-reviews/review-routing.js';
import { bold, message, type ReviewView } from '../../cards/card-view.js';
import type { GroupGate } from '../group-gate.js';
import { displayNames } from '../words/names.js';
import { reviewView } from './review-view.js';

/** The access-review ports over the core: its store, directory, audit log, and the messenger for cards. */
export function reviewPorts(gate: GroupGate): AccessReviewPorts {
  return {
    store: gate.store, directory: gate.directory, clock: gate.clock, random: gate.requests.random,
    membershipListeners: gate.membershipListeners, audit: gate.audit, tell: reviewTeller(gate),
    suggestRule: (members) => suggestRuleFor(gate, members),
    defer: (task) => gate.background.run('access review follow-up', task),
  };
}

/** Cards and messages about reviews, on every platform each person uses. */
function reviewTeller(gate: GroupGate): ReviewTeller {
  return {
    askReviewers: async (review, reviewerIds, reminder) => {
      const sent = await Promise.all(reviewerIds.map(async (reviewerId) => {
        const card = await reviewView(gate, review, 1, { viewer: reviewerId, reminder });
        return (await gate.messenger.sendToUser(reviewerId, card)).map((location): ReviewCard => ({ userId: reviewerId, location, page: 1 }));
      }));
      return sent.flat();
    },
    reviewChanged: async (review, decided) => {
      // Owners and named reviewers are a few, and each card shows the live summary: all are edited.
      // Managers and attesting members may be thousands: only the cards listing a decided member.
      const few = review.reviewers?.kind !== 'managers' && review.reviewers?.kind !== 'members';
      const holders = decided && !few ? new Set<string>(cardHolders(review, new Set(decided))) : undefined;
      const cards = (review.cards ?? []).filter((c) => !holders || holders.has(c.userId));
      const views = new Map<string, Promise<ReviewView>>();
      const viewOf = (c: ReviewCard) => {
        const key = `${c.userId} ${c.page}`;
        if (!views.has(key)) views.set(key, reviewView(gate, review, c.page, { viewer: c.userId }));
        return views.get(key)!;
      };
      await Promise.all(cards.map(async (c) => gate.messenger.updateCard(c.location, await viewOf(c))));
    },
    removed: async (review, memberId) => {
      const [group, decision] = [await gate.directory.getGroup(review.groupId), review.decisions[memberId]];
      const own = decision?.by === memberId;
      const why = own ? [] : decision?.reason ? [' They said: ', { italic: decision.reason }] : decision?.by === 'default' ? [' Nobody confirmed you still need it before the review ended.'] : [];
      const lines = [['You were removed from ', bold(group?.displayName ?? 'a group'), own ? ' by its access review, as you answered that you no longer need it.' : ' by its access review: its reviewers were asked who still needs it.', ...why], ['If you still need it, type ', { code: `join ${group?.displayName ?? ''}`.trim() }, '.']];
      await gate.messenger.sendToUser(memberId, message(lines));
    },
    unansweredToAdmins: async (review, memberIds) => {
      const [group, admins, names] = await Promise.all([gate.directory.getGroup(review.groupId), gate.directory.listAdmins(), displayNames(gate.directory, memberIds)]);
      const card = message([
        ['The access review of ', bold(group?.displayName ?? 'a group'), ` (${review.id}) ended with ${memberIds.length} member${memberIds.length === 1 ? '' : 's'} nobody answered for. They stay members until someone decides:`],
        [names.join(', ')],
      ], { title: 'Access review · unanswered members', tone: 'warning' });
      await Promise.all(admins.filter(isGroupAdmin).map((admin) => gate.messenger.sendToUser(admin.id, card)));
    },
  };
}

/** Records that a reviewer's cards on a platform now show another page, so live edits keep to it. */
export async function rememberPage(gate: GroupGate, review: AccessReview, userId: UserId, platform: string, page: number): Promise<void> {
  if (!(review.cards ?? []).some((c) => c.userId === userId && c.location.platform === platform)) return;
  await gate.store.update<AccessReview, void>(reviewKeys.one(review.id), (current) =>
    current ? { next: { ...current, cards: (current.cards ?? []).map((c) => (c.userId === userId && c.location.platform === platform ? { ...c, page } : c)) }, result: undefined } : { result: undefined },
  );
}

// A rule found for fewer than this share of the members says nothing about the others.
const telltaleRecall = 0.5;

/** The group's suggested rule (as `suggest rule` finds it), once per review, within the preview budget. */
async function suggestRuleFor(gate: GroupGate, members: readonly UserId[]): Promise<{ readonly rule: string; readonly outside: readonly UserId[] } | undefined> {
  const users = await gate.membershipRules.subjects.listUsers();
  const search = await runWithinBudget(() => suggestMembershipRuleSteps(users, members), gate.limits.previewBudgetMs);
  const suggestion = search.done ? search.value : undefined;
  // An exact rule leaves nobody out: nothing to flag.
  if (!suggestion || suggestion.exact || suggestion.missed.length === 0 || suggestion.recall < telltaleRecall) return undefined;
  return { rule: suggestion.rule, outside: suggestion.missed.map(userId) };
}
