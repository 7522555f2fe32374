import { groupKindRefusal } from '../group-management/assess-group-change.js';
import type { DirectoryGroup } from '../model/directory-group.js';
import { isGroupAdmin, type DirectoryUser } from '../model/directory-user.js';
import type { UserId } from '../model/ids.js';
import type { Platform } from '../join-requests/join-request.js';
import { err, ok, type Result } from '../result.js';
import { newReviewId, reviewKeys, type AccessReview, type RemovalTiming, type ReviewerChoice, type UnansweredDefault } from './access-review.js';
import type { AccessReviewPorts } from './access-review-ports.js';
import { cardHolders, readReviewerFacts, reviewPools } from './review-routing.js';
import type { ReviewStartRefusal } from './review-refusal.js';

/** How a review runs, chosen when it starts. */
export interface ReviewOptions {
  readonly days: number;
  readonly unanswered: UnansweredDefault;
  readonly removals: RemovalTiming;
  readonly everyDays?: number;
  /** Who reviews (the owners when absent: schedules stored before the choice existed). */
  readonly reviewers?: ReviewerChoice;
}

const day = 86_400_000;

/**
 * An owner (or admin) starts a review of a group: refused for groups whose members nobody changes
 * by hand here (a rule fills a dynamic group; AD DS and Exchange own the others), for people who
 * do not own it, and while another review of it runs. Then every reviewer gets the card.
 */
export async function startAccessReview(ports: AccessReviewPorts, actor: DirectoryUser, group: DirectoryGroup, options: ReviewOptions, platform?: Platform): Promise<Result<AccessReview, ReviewStartRefusal>> {
  const kind = groupKindRefusal(group);
  if (kind) return err(kind);
  const owners = await ports.directory.listOwners(group.id);
  if (!owners.includes(actor.id) && !isGroupAdmin(actor)) return err({ reason: 'notAnOwner' });
  return openAccessReview(ports, group, actor.id, options, platform);
}

/**
 * Opens a review (a person's start, or a schedule's): snapshots the members, routes each to its
 * reviewers (review-routing.ts), stores the review with its group's guard and the open index in
 * one atomic batch (so two starts at once open one), records it in the audit log and sends each
 * reviewer the card of the members they review.
 */
export async function openAccessReview(ports: AccessReviewPorts, group: DirectoryGroup, startedBy: UserId, options: ReviewOptions, platform?: Platform): Promise<Result<AccessReview, ReviewStartRefusal>> {
  const members = await ports.directory.listMembers(group.id);
  if (members.length === 0) return err({ reason: 'noMembers' });
  const now = ports.clock.now();
  const reviewers = options.reviewers ?? { kind: 'owners' as const };
  const [facts, suggestedRule] = await Promise.all([
    readReviewerFacts(ports.directory, group.id, reviewers, members),
    ports.suggestRule?.(members).catch(() => undefined),
  ]);
  const pools = reviewPools(reviewers, members, facts);
  const review: AccessReview = {
    id: newReviewId(ports.random), groupId: group.id, startedBy, startedAt: now.toISOString(),
    endsAt: new Date(now.getTime() + options.days * day).toISOString(), unanswered: options.unanswered, removals: options.removals,
    members: [...members], reviewers, ...(pools ? { pools } : {}), ...(suggestedRule ? { suggestedRule } : {}), decisions: {}, removalSteps: {}, status: 'open',
    ...(options.everyDays ? { everyDays: options.everyDays } : {}),
  };
  const running = await claimGroup(ports, review);
  if (running) return err({ reason: 'alreadyRunning', reviewId: running.id, endsAt: running.endsAt });
  await ports.audit?.append({
    at: review.startedAt, action: 'review.started', actorId: startedBy, groupId: group.id, ...(platform ? { platform } : {}),
    details: { review: review.id, members: members.length, endsAt: review.endsAt, unanswered: review.unanswered, removals: review.removals, reviewers: reviewers.kind },
  });
  const cards = await ports.tell.askReviewers(review, cardHolders(review), false);
  if (cards.length === 0) return ok(review);
  return ok(await ports.store.update<AccessReview, AccessReview>(reviewKeys.one(review.id), (current) => {
    if (!current) return { result: review };
    const next = { ...current, cards: [...(current.cards ?? []), ...cards] };
    return { next, result: next };
  }));
}

/** Stores the review if no other review of its group is open; else returns the one that is. */
async function claimGroup(ports: AccessReviewPorts, review: AccessReview): Promise<AccessReview | undefined> {
  const guard = reviewKeys.ofGroup(review.groupId);
  for (let attempt = 0; attempt < 2; attempt++) {
    const written = await ports.store.write([
      { create: guard, value: review.id },
      { put: reviewKeys.one(review.id), value: review },
      { addTo: reviewKeys.open, members: [review.id] },
      { put: reviewKeys.latest(review.groupId), value: review.id },
    ]);
    if (written[0] === 1) return undefined;
    const holder = await ports.store.get<string>(guard);
    const held = holder ? await ports.store.get<AccessReview>(reviewKeys.one(holder)) : undefined;
    if (held?.status === 'open') return held;
    // A guard left by a closed review (or a crash before its review was stored): let it go, once.
    await ports.store.update<string, void>(guard, (current) => (current === holder ? { next: null, result: undefined } : { result: undefined }));
  }
  const holder = await ports.store.get<string>(guard);
  return (holder ? await ports.store.get<AccessReview>(reviewKeys.one(holder)) : undefined) ?? review;
}
