import { prepareColumns, ruleReads, SubjectSnapshot, type MembershipRule, type SlicedWork } from '../../domain/membership-rules/index.js';
import type { DirectoryUser } from '../../domain/model/directory-user.js';
import { userId } from '../../domain/model/ids.js';
import type { Directory } from '../../domain/ports/directory.js';
import { readRecords } from '../../domain/ports/read-records.js';
import type { Store } from '../../domain/ports/store.js';
import { changedSince, readRuleVersion } from './rule-versions.js';
import { runInSlices, TurnGiver } from './run-in-slices.js';

/**
 * The directory's users as a prepared snapshot for previews and rule processing, resident and kept
 * per directory state: when the shared `users` counter moved, the users the moves were about are read
 * and patched in (this instance's own changes at once, others' from the counter's record), and only
 * a move of unknown extent rebuilds it, so previews in a row read the directory once and share every
 * normalised column. Columns a rule reads for the first time are built in slices, giving the event loop turns.
 */
export class RuleSubjects {
  private cached: { readonly version: number; readonly snapshot: SubjectSnapshot } | undefined;

  constructor(
    private readonly store: Store,
    private readonly directory: Directory,
  ) {}

  /** A snapshot for evaluating `rule` over every user, its columns built; `ids` also builds the id index (for members). */
  async snapshot(rule?: MembershipRule, { ids = false }: { readonly ids?: boolean } = {}): Promise<SubjectSnapshot> {
    // memberOf moves with every membership change, which the counter does not follow: read it fresh.
    const snapshot = rule && readsMemberOf(rule) ? new SubjectSnapshot(await this.usersWithMemberOf()) : await this.current();
    await runInSlices(() => prepareColumns(snapshot, rule ? [rule] : [], { ids }));
    return snapshot;
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
   * was older (another instance changed users too), the next use catches up from the counter's record.
   */
  async patch(version: number, users: readonly DirectoryUser[]): Promise<void> {
    const cached = this.cached;
    if (cached?.version !== version - 1) return;
    if (users.some((user) => cached.snapshot.indexOf(user.id) < 0)) return this.forget();
    for (const user of users) cached.snapshot.replaceSubject(cached.snapshot.indexOf(user.id), user);
    this.cached = { version, snapshot: cached.snapshot };
  }

  private async current(): Promise<SubjectSnapshot> {
    const version = await readRuleVersion(this.store, 'users');
    if (this.cached?.version === version || (await this.catchUp(version))) return this.cached!.snapshot;
    this.cached = { version, snapshot: new SubjectSnapshot(await this.directory.listUsers()) };
    return this.cached.snapshot;
  }

  /** Patches in the users other instances changed since this snapshot, when the counter recorded them all; true if it could. */
  private async catchUp(version: number): Promise<boolean> {
    const cached = this.cached;
    if (!cached) return false;
    const ids = await changedSince(this.store, 'users', cached.version, version);
    if (!ids) return false;
    const { users } = await readRecords(this.directory, { users: ids.map(userId) });
    // A user who came or went changes the rows themselves: rebuild.
    if (users.some((user) => user === undefined || cached.snapshot.indexOf(user.id) < 0)) return false;
    for (const user of users) cached.snapshot.replaceSubject(cached.snapshot.indexOf(user!.id), user!);
    this.cached = { version, snapshot: cached.snapshot };
    return true;
  }

  // Graph's `memberOf` as `$expand=memberOf` gives it: the groups a user is a direct member of. The users
  // come from the resident snapshot (a listing of every user parses them all in one go, holding the event loop).
  private async usersWithMemberOf(): Promise<DirectoryUser[]> {
    const [snapshot, groups] = await Promise.all([this.current(), this.directory.listGroups()]);
    const users = Array.from({ length: snapshot.size }, (_, i) => snapshot.subject(i) as DirectoryUser);
    const memberOf = new Map<string, { id: string }[]>();
    const turns = new TurnGiver();
    for (const group of groups) {
      for (const id of await this.directory.listMembers(group.id)) {
        const groups = memberOf.get(id);
        if (groups) groups.push({ id: group.id });
        else memberOf.set(id, [{ id: group.id }]);
      }
      await turns.giveIfDue();
    }
    return runInSlices(() => withMemberOf(users, memberOf));
  }
}

function* withMemberOf(users: readonly DirectoryUser[], memberOf: ReadonlyMap<string, readonly { id: string }[]>): SlicedWork<DirectoryUser[]> {
  const subjects: DirectoryUser[] = [];
  for (const user of users) {
    subjects.push({ ...user, memberOf: memberOf.get(user.id) ?? [] });
    yield;
  }
  return subjects;
}

const readsMemberOf = (rule: MembershipRule) => ruleReads(rule).fields.some((read) => read.graphField.toLowerCase() === 'memberof');
