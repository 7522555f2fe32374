import { reviewKeys, type AccessReview, type ReviewDecision } from '../../domain/access-reviews/access-review.js';
import { summarizeReview } from '../../domain/access-reviews/summarize-review.js';
import { requestsOf } from '../../domain/join-requests/join-request-index.js';
import type { JoinRequest } from '../../domain/join-requests/join-request.js';
import { cardMembers } from '../../domain/access-reviews/review-routing.js';
import { reviewSeatFacts, type MemberSeatFacts } from '../../domain/access-reviews/review-seat-facts.js';
import { assignsLicenses } from '../../domain/model/directory-group.js';
import { isGuest, type DirectoryUser } from '../../domain/model/directory-user.js';
import type { UserId } from '../../domain/model/ids.js';
import { readRecords } from '../../domain/ports/read-records.js';
import { reviewPageSize } from '../../cards/review-card.js';
import type { CardButton, Line, ReviewRowView, ReviewView } from '../../cards/card-view.js';
import type { GroupGate } from '../group-gate.js';
import { clip } from '../../cards/rich-text.js';
import { reviewFactLines, reviewIntro, selfAttestIntro, summaryWords } from '../words/review-words.js';
import { clockTime, span } from '../words/time-words.js';

/** How many pages a card of these members has. */
export const reviewPages = (members: readonly unknown[]) => Math.max(1, Math.ceil(members.length / reviewPageSize));

/** What a card shows beyond the review: whose card it is, and a reminder heading or a notice. */
export interface ReviewViewOptions {
  readonly viewer: UserId;
  readonly reminder?: boolean;
  readonly notice?: Line;
}

/**
 * A reviewer's card for one page of the members they review, read fresh: the live summary, and
 * for each member on the page who they are and the facts (job, guest, why and when they joined
 * and who approved it, the suggested rule, the seats a removal frees) and their decision, or Keep
 * / Remove while the review is open. Only the page's members are read. A member asked to attest
 * gets "Do you still need …?" with Keep me / Remove me.
 */
export async function reviewView(gate: GroupGate, review: AccessReview, page: number, options: ReviewViewOptions): Promise<ReviewView> {
  const now = gate.clock.now();
  const list = cardMembers(review, options.viewer);
  const pages = reviewPages(list);
  const shown = Math.min(Math.max(page, 1), pages);
  const onPage = list.slice((shown - 1) * reviewPageSize, shown * reviewPageSize);
  const deciders = [...new Set(onPage.map((m) => review.decisions[m]?.by).filter((by): by is UserId => by !== undefined && by !== 'default'))];
  const [records, joins] = await Promise.all([
    readRecords(gate.directory, { users: [...onPage, ...deciders], groups: [review.groupId] }),
    Promise.all(onPage.map((m) => lastJoin(gate, review, m))),
  ]);
  const approvers = [...new Set(joins.map((j) => j?.decidedBy).filter((id): id is UserId => id !== undefined && !deciders.includes(id) && !onPage.includes(id)))];
  const group = records.groups[0];
  const [more, seats] = await Promise.all([
    approvers.length > 0 ? readRecords(gate.directory, { users: approvers }).then((r) => r.users) : [],
    group && assignsLicenses(group) ? seatFactsOf(gate, review, records.users.slice(0, onPage.length)) : undefined,
  ]);
  const groupName = group?.displayName ?? 'a group that no longer exists';
  const names = new Map([...records.users, ...more].flatMap((u) => (u ? [[u.id as string, u.displayName] as const] : [])));
  const open = review.status === 'open' && now.getTime() < Date.parse(review.endsAt);
  const selfAttest = review.reviewers?.kind === 'members';
  const outside = new Set(review.suggestedRule?.outside ?? []);
  const rows = onPage.map((memberId, i) =>
    row(review, memberId, { user: records.users[i], join: joins[i], seats: seats?.members.get(memberId), outsideRule: outside.has(memberId) }, names, open && list.includes(memberId), selfAttest, now));
  const buttons: CardButton[] = [
    ...(open && !selfAttest && rows.some((r) => r.buttons.length > 0) ? [{ action: 'reviewKeepRest' as const, title: 'Keep all the rest', reviewId: review.id }] : []),
    ...(shown > 1 ? [{ action: 'reviewPage' as const, title: 'Previous', reviewId: review.id, page: shown - 1 }] : []),
    ...(shown < pages ? [{ action: 'reviewPage' as const, title: 'Next', reviewId: review.id, page: shown + 1 }] : []),
  ];
  return {
    kind: 'review',
    title: selfAttest ? `${options.reminder ? 'Reminder: do' : 'Do'} you still need ${groupName}?` : `${options.reminder ? 'Still to review' : 'Access review'} · ${groupName}`,
    reviewId: review.id,
    intro: [...(selfAttest ? selfAttestIntro(review, groupName, now) : reviewIntro(review, groupName, now)), ...reviewFactLines(review, seats?.skus ?? [])],
    summary: selfAttest && rows[0] ? { text: rows[0].state?.text ?? 'Waiting for your answer', tone: rows[0].state?.tone ?? 'default' } : summaryWords(summarizeReview(review), review),
    rows,
    ...(pages > 1 ? { pageLine: `Members ${(shown - 1) * reviewPageSize + 1}–${(shown - 1) * reviewPageSize + onPage.length} of ${list.length} · page ${shown} of ${pages}` } : {}),
    buttons,
    ...(options.notice ? { notice: options.notice } : {}),
  };
}

/** What GroupGate knows about one member on the card. */
interface MemberFacts {
  readonly user: DirectoryUser | undefined;
  readonly join: JoinRequest | undefined;
  readonly seats: MemberSeatFacts | undefined;
  readonly outsideRule: boolean;
}

function row(review: AccessReview, memberId: UserId, known: MemberFacts, names: ReadonlyMap<string, string>, open: boolean, selfAttest: boolean, now: Date): ReviewRowView {
  const { user, join, seats } = known;
  const decision = review.decisions[memberId];
  const facts = [
    [user?.jobTitle, user?.department, user?.country].filter(Boolean).join(' · '),
    ...(join?.decidedAt ? [`member for ${span(now.getTime() - Date.parse(join.decidedAt))}`] : []),
    ...(join ? [`joined${join.reason ? ` because "${clip(join.reason, 120)}"` : ''}${join.decidedBy ? `, approved by ${names.get(join.decidedBy) ?? 'an owner'}` : ''}`] : []),
    ...(seats?.frees.length ? [`removing frees a seat (${seats.frees.join(', ')})`] : []),
  ].filter(Boolean);
  const flags = [
    ...(user && isGuest(user) ? ['Guest account'] : []),
    ...(known.outsideRule ? ["Outside the group's suggested rule"] : []),
    ...(seats?.waitingFor.length ? [`Waiting for a seat (${seats.waitingFor.join(', ')})`] : []),
  ];
  const step = review.removalSteps[memberId];
  return {
    name: user?.displayName ?? 'Someone no longer in the directory',
    facts,
    flags,
    ...(decision ? { state: stateOf(decision, names, step?.state, now, memberId) } : {}),
    buttons: open && !decision
      ? [
          { action: 'reviewKeep', title: selfAttest ? 'Keep me' : 'Keep', reviewId: review.id, memberId, style: 'primary' },
          { action: 'reviewRemove', title: selfAttest ? 'Remove me' : 'Remove', reviewId: review.id, memberId, style: 'danger', asksReason: true },
        ]
      : [],
  };
}

/** The seat facts of a licensing group's page, from the last licensing run. */
async function seatFactsOf(gate: GroupGate, review: AccessReview, users: readonly (DirectoryUser | undefined)[]) {
  const view = await gate.licensing.view();
  return reviewSeatFacts(view.state, view.summary, review.groupId, users);
}

function stateOf(decision: ReviewDecision, names: ReadonlyMap<string, string>, step: string | undefined, now: Date, memberId: UserId) {
  const when = clockTime(decision.at, now);
  const own = decision.by === memberId;
  const by = decision.by === 'default' ? 'by default, nobody answered' : own ? '' : `by ${names.get(decision.by) ?? 'a reviewer'}`;
  if (decision.verdict === 'keep') return { text: own ? `✅ Kept: they still need it · ${when}` : `✅ Kept ${by} · ${when}`, tone: 'good' as const };
  const done = step === 'removed' ? 'Removed' : step === 'skipped' ? 'Had left already' : 'To remove';
  return { text: `❌ ${done}${own ? ': they no longer need it' : ` ${by}`} · ${when}${decision.reason ? ` — "${decision.reason}"` : ''}`, tone: 'attention' as const };
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
