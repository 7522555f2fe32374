import { reviewKeys, type AccessReview, type ReviewCard } from '../../domain/access-reviews/access-review.js';
import type { AccessReviewPorts, ReviewTeller } from '../../domain/access-reviews/access-review-ports.js';
import { isGroupAdmin } from '../../domain/model/directory-user.js';
import type { UserId } from '../../domain/model/ids.js';
import { bold, message } from '../../cards/card-view.js';
import type { GroupGate } from '../group-gate.js';
import { displayNames } from '../words/names.js';
import { reviewView } from './review-view.js';

/** The access-review ports over the core: its store, directory, audit log, and the messenger for cards. */
export function reviewPorts(gate: GroupGate): AccessReviewPorts {
  return {
    store: gate.store, directory: gate.directory, clock: gate.clock, random: gate.requests.random,
    membershipListeners: gate.membershipListeners, audit: gate.audit, tell: reviewTeller(gate),
    defer: (task) => gate.background.run('access review follow-up', task),
  };
}

/** Cards and messages about reviews, on every platform each person uses. */
function reviewTeller(gate: GroupGate): ReviewTeller {
  return {
    askReviewers: async (review, reviewerIds, reminder) => {
      const card = await reviewView(gate, review, 1, { reminder });
      const sent = await Promise.all(reviewerIds.map(async (userId) => (await gate.messenger.sendToUser(userId, card)).map((location): ReviewCard => ({ userId, location, page: 1 }))));
      return sent.flat();
    },
    reviewChanged: async (review) => {
      const cards = review.cards ?? [];
      const pages = [...new Set(cards.map((c) => c.page))];
      const views = new Map(await Promise.all(pages.map(async (page) => [page, await reviewView(gate, review, page)] as const)));
      await Promise.all(cards.map((c) => gate.messenger.updateCard(c.location, views.get(c.page)!)));
    },
    removed: async (review, memberId) => {
      const [group, decision] = [await gate.directory.getGroup(review.groupId), review.decisions[memberId]];
      const why = decision?.reason ? [' They said: ', { italic: decision.reason }] : decision?.by === 'default' ? [' Nobody confirmed you still need it before the review ended.'] : [];
      const lines = [['You were removed from ', bold(group?.displayName ?? 'a group'), ' by its access review: its owners were asked who still needs it.', ...why], ['If you still need it, type ', { code: `join ${group?.displayName ?? ''}`.trim() }, '.']];
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
