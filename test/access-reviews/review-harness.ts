import { runReviewSweep } from '../../bot/access-reviews/run-review-sweep.js';
import { handleCardAction } from '../../bot/handle-card-action.js';
import type { CardView, ReviewView } from '../../cards/card-view.js';
import { person } from '../support/sample-tenant.js';
import { replyText } from '../support/reply-text.js';
import { startOwnerHarness, turnOf, type OwnerHarness } from '../owner-tools/owner-harness.js';

/** The owner harness plus what access reviews need: the reviewers' cards, clicks on them, and the sweep. */
export interface ReviewHarness extends OwnerHarness {
  /** The latest review card sent to or edited for `name`. */
  cardOf(name: string): ReviewView;
  /** `name` clicks a button of a review card; `member` names the row. */
  clickReview(name: string, reviewId: string, action: 'keep' | 'remove' | 'keep-rest' | 'page', extra?: { readonly member?: string; readonly reason?: string; readonly page?: number }): Promise<{ readonly card?: CardView; readonly text: string }>;
  sweep(graceMs?: number): ReturnType<typeof runReviewSweep>;
}

/** Starts the harness; stop it with `harness.running.stop()`. */
export async function startReviewHarness(env: Record<string, string> = {}): Promise<ReviewHarness> {
  const harness = await startOwnerHarness(env);
  const { gate, channel } = harness;
  const reviewCards = (name: string) => [
    ...channel.sent.filter((s) => s.to === person(name).id).map((s) => ({ location: s.location, card: s.card })),
    ...channel.updates.filter((u) => u.location['userId'] === person(name).id),
  ].map((c) => c.card).filter((c): c is ReviewView => c.kind === 'review');
  return {
    ...harness,
    cardOf: (name) => {
      const cards = reviewCards(name);
      if (cards.length === 0) throw new Error(`no review card for ${name}`);
      return cards[cards.length - 1]!;
    },
    clickReview: async (name, reviewId, action, extra = {}) => {
      const payload = {
        action: `access-review.${action}`, reviewId,
        ...(extra.member ? { memberId: person(extra.member).id } : {}),
        ...(extra.reason ? { reason: extra.reason } : {}),
        ...(extra.page ? { page: String(extra.page) } : {}),
      };
      const result = await handleCardAction(gate, turnOf(name), payload);
      await gate.background.idle();
      return { ...(result.card ? { card: result.card } : {}), text: replyText([...(result.card ? [result.card] : []), ...result.reply]) };
    },
    sweep: async (graceMs = 0) => {
      const report = await runReviewSweep(gate, graceMs);
      await gate.background.idle();
      return report;
    },
  };
}

/** The review id a start reply names (V-XXXXXX). */
export const reviewIdIn = (text: string) => {
  const id = /V-[0-9A-Z]{6}/.exec(text)?.[0];
  if (!id) throw new Error(`no review id in: ${text}`);
  return id;
};
