import { reviewKeys, type AccessReview, type ReviewDecision } from '../../domain/access-reviews/access-review.js';
import { summarizeReview } from '../../domain/access-reviews/summarize-review.js';
import { requestsOf } from '../../domain/join-requests/join-request-index.js';
import type { JoinRequest } from '../../domain/join-requests/join-request.js';
import { isGuest, type DirectoryUser } from '../../domain/model/directory-user.js';
import type { UserId } from '../../domain/model/ids.js';
import { readRecords } from '../../domain/ports/read-records.js';
import { reviewPageSize } from '../../cards/review-card.js';
import type { CardButton, Line, ReviewRowView, ReviewView } from '../../cards/card-view.js';
import type { GroupGate } from '../group-gate.js';
import { reviewIntro, summaryWords } from '../words/review-words.js';
import { clockTime, span } from '../words/time-words.js';

/** How many pages a review's card has. */
export const reviewPages = (review: AccessReview) => Math.max(1, Math.ceil(review.members.length / reviewPageSize));

/**
 * A reviewer's card for one page of a review, read fresh: the live summary, and for each member on
 * the page who they are, the facts (job, guest, why and when they joined and who approved it) and
 * their decision, or Keep / Remove while the review is open. Only the page's members are read.
 */
export async function reviewView(gate: GroupGate, review: AccessReview, page: number, options: { readonly reminder?: boolean; readonly notice?: Line } = {}): Promise<ReviewView> {
  const now = gate.clock.now();
  const pages = reviewPages(review);
  const shown = Math.min(Math.max(page, 1), pages);
  const onPage = review.members.slice((shown - 1) * reviewPageSize, shown * reviewPageSize);
  const deciders = [...new Set(onPage.map((m) => review.decisions[m]?.by).filter((by): by is UserId => by !== undefined && by !== 'default'))];
  const [records, joins] = await Promise.all([
    readRecords(gate.directory, { users: [...onPage, ...deciders], groups: [review.groupId] }),
    Promise.all(onPage.map((m) => lastJoin(gate, review, m))),
  ]);
  const groupName = records.groups[0]?.displayName ?? 'a group that no longer exists';
  const names = new Map(records.users.flatMap((u) => (u ? [[u.id as string, u.displayName] as const] : [])));
  const open = review.status === 'open' && now.getTime() < Date.parse(review.endsAt);
  const rows = onPage.map((memberId, i) => row(review, memberId, records.users[i], joins[i], names, open, now));
  const buttons: CardButton[] = [
    ...(open && rows.some((r) => r.buttons.length > 0) ? [{ action: 'reviewKeepRest' as const, title: 'Keep all the rest', reviewId: review.id }] : []),
    ...(shown > 1 ? [{ action: 'reviewPage' as const, title: 'Previous', reviewId: review.id, page: shown - 1 }] : []),
    ...(shown < pages ? [{ action: 'reviewPage' as const, title: 'Next', reviewId: review.id, page: shown + 1 }] : []),
  ];
  return {
    kind: 'review',
    title: `${options.reminder ? 'Still to review' : 'Access review'} · ${groupName}`,
    reviewId: review.id,
    intro: reviewIntro(review, groupName, now),
    summary: summaryWords(summarizeReview(review), review),
    rows,
    ...(pages > 1 ? { pageLine: `Members ${(shown - 1) * reviewPageSize + 1}–${(shown - 1) * reviewPageSize + onPage.length} of ${review.members.length} · page ${shown} of ${pages}` } : {}),
    buttons,
    ...(options.notice ? { notice: options.notice } : {}),
  };
}

function row(review: AccessReview, memberId: UserId, user: DirectoryUser | undefined, join: JoinRequest | undefined, names: ReadonlyMap<string, string>, open: boolean, now: Date): ReviewRowView {
  const decision = review.decisions[memberId];
  const facts = [
    [user?.jobTitle, user?.department, user?.country].filter(Boolean).join(' · '),
    ...(join?.decidedAt ? [`member for ${span(now.getTime() - Date.parse(join.decidedAt))}`] : []),
    ...(join ? [`joined${join.reason ? ` because "${join.reason}"` : ''}${join.decidedBy ? `, approved by ${names.get(join.decidedBy) ?? 'an owner'}` : ''}`] : []),
  ].filter(Boolean);
  const flags = user && isGuest(user) ? ['Guest account'] : [];
  const step = review.removalSteps[memberId];
  return {
    name: user?.displayName ?? 'Someone no longer in the directory',
    facts,
    flags,
    ...(decision ? { state: stateOf(decision, names, step?.state, now) } : {}),
    buttons: open && !decision
      ? [
          { action: 'reviewKeep', title: 'Keep', reviewId: review.id, memberId, style: 'primary' },
          { action: 'reviewRemove', title: 'Remove', reviewId: review.id, memberId, style: 'danger', asksReason: true },
        ]
      : [],
  };
}

function stateOf(decision: ReviewDecision, names: ReadonlyMap<string, string>, step: string | undefined, now: Date) {
  const by = decision.by === 'default' ? 'by default, nobody answered' : `by ${names.get(decision.by) ?? 'a reviewer'}`;
  const when = clockTime(decision.at, now);
  if (decision.verdict === 'keep') return { text: `✅ Kept ${by} · ${when}`, tone: 'good' as const };
  const done = step === 'removed' ? 'Removed' : step === 'skipped' ? 'Had left already' : 'To remove';
  return { text: `❌ ${done} ${by} · ${when}${decision.reason ? ` — "${decision.reason}"` : ''}`, tone: 'attention' as const };
}

/** The member's latest approved request to join this group, if GroupGate still keeps it. */
async function lastJoin(gate: GroupGate, review: AccessReview, memberId: UserId): Promise<JoinRequest | undefined> {
  const requests = await requestsOf(gate.store, memberId);
  return requests
    .filter((r) => r.groupId === review.groupId && r.status === 'approved')
    .sort((a, b) => (b.decidedAt ?? '').localeCompare(a.decidedAt ?? ''))[0];
}

/** A review by id (the card carries only the id; everything else is read fresh). */
export const readReview = (gate: GroupGate, id: string) => gate.store.get<AccessReview>(reviewKeys.one(id));
