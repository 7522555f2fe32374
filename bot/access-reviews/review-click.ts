import { decideOnReview } from '../../domain/access-reviews/decide-on-review.js';
import type { ReviewVerdict } from '../../domain/access-reviews/access-review.js';
import { cardMembers } from '../../domain/access-reviews/review-routing.js';
import { userId, type UserId } from '../../domain/model/ids.js';
import { reviewPageSize } from '../../cards/review-card.js';
import type { CardActionResult } from '../handle-card-action.js';
import type { GroupGate } from '../group-gate.js';
import type { Turn } from '../turn.js';
import { reviewRefusalWords } from '../words/review-words.js';
import { rememberPage, reviewPorts } from './review-ports.js';
import { readReview, reviewView } from './review-view.js';

/** What a reviewer clicked: Keep or Remove on one member (with an optional reason), Keep all the rest, or another page. */
export type ReviewClickChoice =
  | { readonly kind: 'decide'; readonly memberId: string; readonly verdict: ReviewVerdict; readonly reason?: string | undefined }
  | { readonly kind: 'keepRest' }
  | { readonly kind: 'page'; readonly page: number };

/**
 * A click on a reviewer's card. The clicker is who the platform says clicked; the decision checks
 * the review and the directory now (decideOnReview). The clicked card comes back as it now stands,
 * on the page of the member clicked, with a notice when nothing was recorded.
 */
export async function reviewClick(gate: GroupGate, turn: Turn, reviewId: string, choice: ReviewClickChoice): Promise<CardActionResult> {
  const now = gate.clock.now();
  if (choice.kind === 'page') {
    const review = await readReview(gate, reviewId);
    if (!review) return notFound();
    await rememberPage(gate, review, turn.actor.id, turn.platform, choice.page);
    return { card: await reviewView(gate, review, choice.page, { viewer: turn.actor.id }), reply: [] };
  }
  const memberId: UserId | undefined = choice.kind === 'decide' ? userId(choice.memberId) : undefined;
  const outcome = await decideOnReview(reviewPorts(gate), {
    reviewId, deciderId: turn.actor.id, verdict: choice.kind === 'decide' ? choice.verdict : 'keep', platform: turn.platform,
    ...(memberId ? { memberId } : {}), ...(choice.kind === 'decide' && choice.reason ? { reason: choice.reason } : {}),
  });
  const review = outcome.ok ? outcome.value.review : await readReview(gate, reviewId);
  if (!review) return notFound();
  const onCard = cardMembers(review, turn.actor.id);
  const page = memberId && onCard.includes(memberId) ? Math.floor(onCard.indexOf(memberId) / reviewPageSize) + 1 : pageOf(review, turn);
  if (outcome.ok) return { card: await reviewView(gate, review, page, { viewer: turn.actor.id }), reply: [] };
  const error = outcome.error;
  const by = error.reason === 'alreadyDecided' && error.decision.by !== 'default' ? (await gate.directory.getUser(error.decision.by))?.displayName : undefined;
  const groupName = (await gate.directory.getGroup(review.groupId))?.displayName ?? 'this group';
  return { card: await reviewView(gate, review, page, { viewer: turn.actor.id, notice: reviewRefusalWords(error, groupName, by, now, review.reviewers) }), reply: [] };
}

/** The page this reviewer's card on this platform shows. */
const pageOf = (review: { readonly cards?: readonly { readonly userId: string; readonly location: { readonly platform: string }; readonly page: number }[] }, turn: Turn) =>
  review.cards?.find((c) => c.userId === turn.actor.id && c.location.platform === turn.platform)?.page ?? 1;

function notFound(): CardActionResult {
  return { reply: [{ kind: 'message', lines: [["I can't find that review any more."]], tone: 'attention' }] };
}
