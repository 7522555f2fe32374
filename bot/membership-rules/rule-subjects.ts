import { prepareSubjects, ruleReads, SubjectSnapshot, type MembershipRule } from '../../domain/membership-rules/index.js';
import type { DirectoryUser } from '../../domain/model/directory-user.js';
import type { Directory } from '../../domain/ports/directory.js';
import type { Store } from '../../domain/ports/store.js';
import { readRuleVersion } from './rule-versions.js';

/**
 * The directory's users as a prepared snapshot for previews and rule processing, kept per
 * directory state: rebuilt only when the shared `users` counter moved, so previews in a row read
 * the directory once and share every normalised column.
 */
export class RuleSubjects {
  private cached: { readonly version: number; readonly snapshot: SubjectSnapshot } | undefined;

  constructor(
    private readonly store: Store,
    private readonly directory: Directory,
  ) {}

  /** A snapshot for evaluating `rule` over every user. */
  async snapshot(rule?: MembershipRule): Promise<SubjectSnapshot> {
    // memberOf moves with every membership change, which the counter does not follow: read it fresh.
    if (rule && readsMemberOf(rule)) return prepareSubjects(await this.usersWithMemberOf(), [rule]);
    const version = await readRuleVersion(this.store, 'users');
    if (this.cached?.version !== version) this.cached = { version, snapshot: prepareSubjects(await this.directory.listUsers()) };
    return this.cached.snapshot;
  }

  /** Every user, from the cached snapshot: naming a person in a large tenant then costs no directory read. */
  async listUsers(): Promise<readonly DirectoryUser[]> {
    const snapshot = await this.snapshot();
    return Array.from({ length: snapshot.size }, (_, i) => snapshot.subject(i) as DirectoryUser);
  }

  /** One user as rules see them: with `memberOf` added when the rule reads it. */
  async subject(user: DirectoryUser, rule: MembershipRule): Promise<DirectoryUser> {
    if (!readsMemberOf(rule)) return user;
    return { ...user, memberOf: (await this.directory.groupsOf(user.id)).map((id) => ({ id })) };
  }

  /** Forgets the snapshot on this instance (the shared counter tells the others). */
  forget(): void {
    this.cached = undefined;
  }

  /**
   * After this instance moved the `users` counter from `version - 1` to `version` for these users:
   * patches them into the snapshot instead of reading the whole directory again. If the snapshot
   * was older (another instance changed users too), it is dropped and rebuilt on next use.
   */
  async patch(version: number, users: readonly DirectoryUser[]): Promise<void> {
    const cached = this.cached;
    if (cached?.version !== version - 1 || users.some((user) => cached.snapshot.indexOf(user.id) < 0)) return this.forget();
    for (const user of users) cached.snapshot.replaceSubject(cached.snapshot.indexOf(user.id), user);
    this.cached = { version, snapshot: cached.snapshot };
  }

  // Graph's `memberOf` as `$expand=memberOf` gives it: the groups a user is a direct member of.
  private async usersWithMemberOf(): Promise<DirectoryUser[]> {
    const [users, groups] = await Promise.all([this.directory.listUsers(), this.directory.listGroups()]);
    const memberOf = new Map<string, { id: string }[]>();
    for (const group of groups) {
      for (const id of await this.directory.listMembers(group.id)) memberOf.set(id, [...(memberOf.get(id) ?? []), { id: group.id }]);
    }
    return users.map((user) => ({ ...user, memberOf: memberOf.get(user.id) ?? [] }));
  }
}

const readsMemberOf = (rule: MembershipRule) => ruleReads(rule).fields.some((read) => read.graphField.toLowerCase() === 'memberof');
