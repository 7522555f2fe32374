import { managerOf } from '../join-requests/find-stage-approvers.js';
import { isGroupAdmin } from '../model/directory-user.js';
import type { GroupId, UserId } from '../model/ids.js';
import type { Directory } from '../ports/directory.js';
import { readRecords } from '../ports/read-records.js';
import type { AccessReview, ReviewerChoice, ReviewPool } from './access-review.js';

/** What routing a member to their reviewers reads from the directory: owners, admins, managers. */
export interface ReviewerFacts {
  readonly owners: readonly UserId[];
  readonly admins: readonly UserId[];
  readonly managerOf: ReadonlyMap<string, UserId>;
}

/**
 * Who reviews one member: the member themself (self-attestation), their manager, the named people,
 * or the owners. Nobody reviews their own membership: it goes to the owners, and to the admins
 * when no other owner is left. Pure, so a click and a card agree on the same facts.
 */
export function reviewersOf(choice: ReviewerChoice, memberId: UserId, facts: ReviewerFacts): readonly UserId[] {
  if (choice.kind === 'members') return [memberId];
  const others = (ids: readonly UserId[]) => ids.filter((id) => id !== memberId);
  if (choice.kind === 'managers') {
    const manager = facts.managerOf.get(memberId);
    if (manager && manager !== memberId) return [manager];
  }
  if (choice.kind === 'people' && others(choice.people).length > 0) return others(choice.people);
  const owners = others(facts.owners);
  return owners.length > 0 ? owners : others(facts.admins);
}

/**
 * Reads the facts `reviewersOf` needs for these members, now: the owners, the admins only when an
 * owner could be left without another (at most one owner), managers only when managers review.
 */
export async function readReviewerFacts(directory: Directory, groupId: GroupId, choice: ReviewerChoice, memberIds: readonly UserId[]): Promise<ReviewerFacts> {
  if (choice.kind === 'members') return { owners: [], admins: [], managerOf: new Map() };
  const [owners, users] = await Promise.all([
    directory.listOwners(groupId),
    choice.kind === 'managers' && memberIds.length > 0 ? readRecords(directory, { users: memberIds }).then((r) => r.users) : [],
  ]);
  const admins = owners.length <= 1 ? (await directory.listAdmins()).filter(isGroupAdmin).map((u) => u.id) : [];
  const managers = new Map<string, UserId>();
  for (const user of users) {
    const manager = managerOf(user);
    if (user && manager) managers.set(user.id, manager);
  }
  return { owners, admins, managerOf: managers };
}

/**
 * Splits the members into pools of the same reviewers, each member once, so a review stores who
 * got whom on their card in about the size of its member list (self-attestation needs none).
 */
export function reviewPools(choice: ReviewerChoice, members: readonly UserId[], facts: ReviewerFacts): readonly ReviewPool[] | undefined {
  if (choice.kind === 'members') return undefined;
  const pools = new Map<string, { reviewers: readonly UserId[]; members: UserId[] }>();
  for (const member of members) {
    const reviewers = reviewersOf(choice, member, facts);
    const key = [...reviewers].sort().join(' ');
    const pool = pools.get(key) ?? { reviewers, members: [] };
    pool.members.push(member);
    pools.set(key, pool);
  }
  return [...pools.values()];
}

/** The members on `viewer`'s card, in the review's order: their pools' members, or themself when members attest. */
export function cardMembers(review: AccessReview, viewer: UserId): readonly UserId[] {
  if (review.reviewers?.kind === 'members') return review.members.includes(viewer) ? [viewer] : [];
  if (!review.pools) return review.members;
  const mine = new Set(review.pools.filter((p) => p.reviewers.includes(viewer)).flatMap((p) => p.members));
  return review.members.filter((m) => mine.has(m));
}

/** Everyone who got a card: each pool's reviewers, or every member when members attest; `only` keeps the pools holding those members. */
export function cardHolders(review: AccessReview, only?: ReadonlySet<string>): readonly UserId[] {
  if (review.reviewers?.kind === 'members') return review.members.filter((m) => !only || only.has(m));
  // A review stored before pools: whoever holds a card reviews everyone.
  if (!review.pools) return [...new Set((review.cards ?? []).map((c) => c.userId))];
  const pools = review.pools.filter((p) => !only || p.members.some((m) => only.has(m)));
  return [...new Set(pools.flatMap((p) => p.reviewers))];
}
