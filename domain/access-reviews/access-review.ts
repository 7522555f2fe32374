import type { CardLocation } from '../join-requests/join-request.js';
import type { GroupId, UserId } from '../model/ids.js';

/** What a reviewer says about one member. */
export type ReviewVerdict = 'keep' | 'remove';

/** What happens to members nobody answered for by the end: chosen when the review starts. */
export type UnansweredDefault = 'keep' | 'remove' | 'tellAdmins';

/** When the members a review removes leave the group: once it ends, or as soon as a reviewer says so. */
export type RemovalTiming = 'atEnd' | 'atOnce';

/** One member's verdict; `by` is the reviewer, or `default` when the review's end decided it. */
export interface ReviewDecision {
  readonly verdict: ReviewVerdict;
  readonly by: UserId | 'default';
  readonly at: string;
  readonly reason?: string;
}

/**
 * A removal the review owes, carried through once across instances: `owed` until an instance
 * claims it, `claimed` while it writes the directory (a claim older than a sweep's grace was a
 * crashed instance's and is taken over), then `removed`, or `skipped` when the member had left.
 */
export type RemovalStep =
  | { readonly state: 'owed' }
  | { readonly state: 'claimed'; readonly at: string }
  | { readonly state: 'removed' | 'skipped'; readonly at: string };

/**
 * Who reviews the members, chosen per review: the group's owners (the default), each member's
 * manager (the owners for members without one), named people, or each member themself.
 */
export type ReviewerChoice =
  | { readonly kind: 'owners' }
  | { readonly kind: 'managers' }
  | { readonly kind: 'people'; readonly people: readonly UserId[] }
  | { readonly kind: 'members' };

/** Members with the same reviewers, as routed when the review started: whose card lists whom. */
export interface ReviewPool {
  readonly reviewers: readonly UserId[];
  readonly members: readonly UserId[];
}

/** A reviewer's card, where it landed and which page it shows: edited as decisions come in. */
export interface ReviewCard {
  readonly userId: UserId;
  readonly location: CardLocation;
  readonly page: number;
}

/**
 * An access review (campaign) of one group's members, as stored: who was a member when it
 * started, each decision once, and the removals it owes. Who may decide for a member is read from
 * the directory at every click (review-routing.ts), never from the card.
 */
export interface AccessReview {
  readonly id: string;
  readonly groupId: GroupId;
  readonly startedBy: UserId;
  readonly startedAt: string;
  readonly endsAt: string;
  readonly unanswered: UnansweredDefault;
  readonly removals: RemovalTiming;
  /** The members under review: the group's members when it started, in name order. */
  readonly members: readonly UserId[];
  /** Who reviews; absent on reviews stored before the choice existed (the owners). */
  readonly reviewers?: ReviewerChoice;
  /** Whose card lists whom, routed at the start (absent for self-attestation and older reviews). */
  readonly pools?: readonly ReviewPool[];
  /**
   * The group's suggested membership rule (`suggest rule`), found once when the review started,
   * and the members it leaves out: a hint on their rows that they may no longer belong.
   */
  readonly suggestedRule?: { readonly rule: string; readonly outside: readonly UserId[] };
  readonly decisions: Readonly<Record<string, ReviewDecision>>;
  readonly status: 'open' | 'closed';
  readonly closedAt?: string;
  /** Removals owed by `remove` decisions, by member id. */
  readonly removalSteps: Readonly<Record<string, RemovalStep>>;
  /** When the reviewers were reminded that the end is near (once). */
  readonly remindedAt?: string;
  /** Set at the close when unanswered members go to admins, cleared once they were told. */
  readonly adminsOwed?: true;
  readonly cards?: readonly ReviewCard[];
  /** The schedule that started it, in days between reviews. */
  readonly everyDays?: number;
}

/** Store keys, all in one family so a review and its index entries are written in one batch. */
export const reviewKeys = {
  one: (id: string) => `access-review:${id}`,
  /** The review running for a group, if any (one at a time per group). */
  ofGroup: (groupId: GroupId) => `access-review:group:${groupId}`,
  /** The group's latest review, open or ended (`review status`). */
  latest: (groupId: GroupId) => `access-review:latest:${groupId}`,
  /** Reviews still open or still owing removals: the sweep reads this set, never a listing. */
  open: 'access-review:index:open',
  /** A group's schedule (`review <group> every 90d`). */
  schedule: (groupId: GroupId) => `access-review:schedule:${groupId}`,
  /** Groups with a schedule: the sweep reads this set to find the ones due. */
  schedules: 'access-review:index:schedules',
};

// Crockford-style alphabet, as join request ids use: ids survive being read aloud or retyped.
const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A short id people can type, like V-7F3A9K; `random` returns numbers in [0, 1). */
export function newReviewId(random: () => number): string {
  let id = 'V-';
  for (let i = 0; i < 6; i++) id += alphabet[Math.floor(random() * alphabet.length)];
  return id;
}

/** Members not yet decided, in the review's order. */
export const undecided = (review: AccessReview): UserId[] => review.members.filter((m) => review.decisions[m] === undefined);

/** True while reviewers may still decide. */
export const isOpen = (review: AccessReview, now: Date): boolean => review.status === 'open' && now.getTime() < Date.parse(review.endsAt);
