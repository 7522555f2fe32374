import type { webApi } from '@slack/bolt';
import { z } from 'zod';
import type { GroupGate } from '../../bot/group-gate.js';
import { deliverWaitingApprovals } from '../../bot/notify/deliver-waiting-approvals.js';
import type { DirectoryUser } from '../../domain/model/directory-user.js';
import type { UserId } from '../../domain/model/ids.js';
import { err, ok, type Result } from '../../domain/result.js';
import type { SlackIdentityProblem } from './identity-problem-words.js';
import { slackErrorCode } from './slack-error-code.js';
import { identityTtlMs, notOnSlackTtlMs, slackKeys } from './slack-keys.js';
import { ShortMemory } from './short-memory.js';

const usersInfoSchema = z.object({
  user: z.object({ is_bot: z.boolean().optional(), deleted: z.boolean().optional(), profile: z.object({ email: z.string().optional() }).optional() }),
});
const lookupByEmailSchema = z.object({ user: z.object({ id: z.string().min(1) }) });

/**
 * Picks the directory user whose mail or userPrincipalName is `email` (any case). Two matches, or
 * a match the tenant file links to a different Slack id, is refused: fail closed.
 */
export function matchDirectoryUserByEmail(users: readonly DirectoryUser[], email: string, slackUserId?: string): Result<DirectoryUser, SlackIdentityProblem> {
  const wanted = email.trim().toLowerCase();
  const matches = users.filter((u) => u.mail?.toLowerCase() === wanted || u.userPrincipalName.toLowerCase() === wanted);
  if (matches.length > 1) return err('ambiguous');
  const [match] = matches;
  if (!match) return err('notInDirectory');
  if (slackUserId && match.slackUserId && match.slackUserId !== slackUserId) return err('linkedToAnotherSlackAccount');
  return ok(match);
}

const usable = (user: DirectoryUser): Result<DirectoryUser, SlackIdentityProblem> => (user.accountEnabled === false ? err('disabled') : ok(user));

/**
 * Maps Slack users to directory users and back. The tenant's `slackUserId` links directly;
 * otherwise the Slack profile e-mail (users.info / users.lookupByEmail) is matched against the
 * directory. Mappings are cached in the store with a TTL (and for a few minutes in this instance's
 * memory); the user record is always read fresh.
 */
export class SlackIdentity {
  /** The store's mappings as read or written here a moment ago (slack:user: and slack:slack-id: keys). */
  private readonly recent = new ShortMemory<{ readonly userId: UserId } | { readonly slackUserId: string | null }>();

  constructor(
    private readonly gate: GroupGate,
    private readonly client: webApi.WebClient,
  ) {}

  /** The directory user behind a Slack user, or why there is none. */
  async directoryUserFor(slackUserId: string): Promise<Result<DirectoryUser, SlackIdentityProblem>> {
    const cached = await this.mapping<{ readonly userId: UserId }>(slackKeys.directoryUser(slackUserId));
    const known = cached ? await this.gate.directory.getUser(cached.userId) : undefined;
    if (known) return usable(known);
    const found = await this.lookUp(slackUserId);
    if (!found.ok) return found;
    const person = usable(found.value);
    if (person.ok) {
      await this.remember(slackUserId, person.value.id);
      // Newly reachable here: hand them approval cards that went out while they were not.
      this.gate.background.run('slack: deliver waiting approvals', () => deliverWaitingApprovals(this.gate, person.value, 'slack'));
    }
    return person;
  }

  /** The Slack user id to DM a directory user at, or undefined when they are not on Slack. */
  async slackIdFor(userId: UserId): Promise<string | undefined> {
    const user = await this.gate.directory.getUser(userId);
    if (!user || user.accountEnabled === false) return undefined;
    if (user.slackUserId) return user.slackUserId;
    const cached = await this.mapping<{ readonly slackUserId: string | null }>(slackKeys.slackUser(userId));
    if (cached) return cached.slackUserId ?? undefined;
    const email = user.mail ?? user.userPrincipalName;
    // The same address on two directory users would send one person's cards to the other.
    if (!matchDirectoryUserByEmail(await this.gate.directory.findUsersByName(email), email).ok) return undefined;
    try {
      const found = lookupByEmailSchema.parse(await this.client.users.lookupByEmail({ email }));
      await this.remember(found.user.id, userId);
      return found.user.id;
    } catch (error) {
      if (slackErrorCode(error) !== 'users_not_found') throw error;
      await this.gate.store.put(slackKeys.slackUser(userId), { slackUserId: null }, { ttlMs: notOnSlackTtlMs });
      this.recent.keep(slackKeys.slackUser(userId), { slackUserId: null });
      return undefined;
    }
  }

  /**
   * Who a Slack user is in the directory: the user the tenant file links to the id, else the one
   * whose mail or UPN is their Slack profile's address. Both are looked up in the directory's name
   * index (the id and the addresses are indexed names), never by listing every user.
   */
  private async lookUp(slackUserId: string): Promise<Result<DirectoryUser, SlackIdentityProblem>> {
    const linked = (await this.gate.directory.findUsersByName(slackUserId)).filter((u) => u.slackUserId === slackUserId);
    if (linked.length > 1) return err('ambiguous');
    if (linked[0]) return ok(linked[0]);
    const email = await this.profileEmail(slackUserId);
    return email.ok ? matchDirectoryUserByEmail(await this.gate.directory.findUsersByName(email.value), email.value, slackUserId) : email;
  }

  private async profileEmail(slackUserId: string): Promise<Result<string, SlackIdentityProblem>> {
    try {
      const { user } = usersInfoSchema.parse(await this.client.users.info({ user: slackUserId }));
      if (user.is_bot || user.deleted) return err('notInDirectory');
      return user.profile?.email ? ok(user.profile.email) : err('noEmail');
    } catch (error) {
      this.gate.logger.warn({ slackUserId, slackError: slackErrorCode(error), err: error }, 'slack: users.info failed');
      return err('lookupFailed');
    }
  }

  private async remember(slackUserId: string, userId: UserId): Promise<void> {
    await Promise.all([
      this.gate.store.put(slackKeys.directoryUser(slackUserId), { userId }, { ttlMs: identityTtlMs }),
      this.gate.store.put(slackKeys.slackUser(userId), { slackUserId }, { ttlMs: identityTtlMs }),
    ]);
    this.recent.keep(slackKeys.directoryUser(slackUserId), { userId });
    this.recent.keep(slackKeys.slackUser(userId), { slackUserId });
  }

  /** A mapping from this instance's short memory, else from the store (then remembered for a while). */
  private async mapping<M extends { readonly userId: UserId } | { readonly slackUserId: string | null }>(key: string): Promise<M | undefined> {
    const recalled = this.recent.recall(key) as M | undefined;
    if (recalled) return recalled;
    const stored = await this.gate.store.get<M>(key);
    if (stored) this.recent.keep(key, stored);
    return stored;
  }
}
