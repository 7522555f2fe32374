import { groupId, userId, type GroupId, type UserId } from '../../domain/model/ids.js';
import type { Store, StoreWrite } from '../../domain/ports/store.js';

/** Which list of a group: its members or its owners. */
export type MembershipList = 'members' | 'owners';

/** One person joining or leaving one list. */
export interface ListEdit {
  readonly userId: UserId;
  readonly change: 'added' | 'removed';
}

// A full load writes a 90,000-member group in batches of this many people: each batch is atomic
// (the group's set and each person's reverse entry move together), and no one batch is huge.
const batchSize = 2_000;

/**
 * Who is in and owns which group, as store sets kept in both directions: `<family>:members:<group>`
 * and `<family>:member-of:<user>` (likewise owners / owner-of). Every write changes both sides in one
 * atomic batch, so "is Ada a member?" is one set lookup and "which groups is Ada in?" one set read,
 * whatever the tenant's size, and a member change touches two entries instead of rewriting the group.
 */
export class MembershipIndex {
  constructor(
    private readonly store: Store,
    private readonly family: string,
  ) {}

  private key = (list: MembershipList, group: string) => `${this.family}:${list}:${group}`;
  private reverseKey = (list: MembershipList, user: string) => `${this.family}:${list === 'members' ? 'member-of' : 'owner-of'}:${user}`;

  /** The list's user ids, sorted. */
  async list(list: MembershipList, group: GroupId): Promise<UserId[]> {
    return (await this.store.setMembers(this.key(list, group))).map(userId);
  }

  /** The groups whose list holds the user, sorted. */
  async groupsOf(list: MembershipList, user: UserId): Promise<GroupId[]> {
    return (await this.store.setMembers(this.reverseKey(list, user))).map(groupId);
  }

  has = (list: MembershipList, group: GroupId, user: UserId): Promise<boolean> => this.store.inSet(this.key(list, group), user);
  size = (list: MembershipList, group: GroupId): Promise<number> => this.store.setSize(this.key(list, group));

  /** Adds or removes people one by one in one atomic batch; returns the edits that changed something. */
  async edit(list: MembershipList, group: GroupId, edits: readonly ListEdit[]): Promise<ListEdit[]> {
    if (edits.length === 0) return [];
    const applied: ListEdit[] = [];
    for (let start = 0; start < edits.length; start += batchSize) {
      const chunk = edits.slice(start, start + batchSize);
      const writes = chunk.map<StoreWrite>((e) => (e.change === 'added' ? { addTo: this.key(list, group), members: [e.userId] } : { removeFrom: this.key(list, group), members: [e.userId] }));
      const counts = await this.store.write([...writes, ...chunk.map((e) => this.reverseWrite(list, e.change, e.userId, group))]);
      chunk.forEach((e, i) => counts[i] && applied.push(e));
    }
    return applied;
  }

  /** Makes the list exactly `ids`; returns who was added and who removed. */
  async replace(list: MembershipList, group: GroupId, ids: Iterable<UserId>): Promise<ListEdit[]> {
    const [old, next] = [new Set(await this.list(list, group)), new Set(ids)];
    const edits: ListEdit[] = [];
    for (const id of next) if (!old.has(id)) edits.push({ userId: id, change: 'added' });
    for (const id of old) if (!next.has(id)) edits.push({ userId: id, change: 'removed' });
    return this.edit(list, group, edits);
  }

  /** Forgets a group's members and owners, both ways; returns the members it had. */
  async forgetGroup(group: GroupId): Promise<UserId[]> {
    const [members, owners] = await Promise.all([this.list('members', group), this.list('owners', group)]);
    await this.edit('owners', group, owners.map((id) => ({ userId: id, change: 'removed' })));
    await this.edit('members', group, members.map((id) => ({ userId: id, change: 'removed' })));
    return members;
  }

  /**
   * Moves lists an earlier version stored as one JSON array per group (`<family>:members:<group>` values)
   * into the sets, once: each group's array is indexed and then deleted, so a second run (or another
   * instance running it at the same time) finds nothing left to do. Returns how many lists it moved.
   */
  async migrateArrays(): Promise<number> {
    let moved = 0;
    for (const list of ['members', 'owners'] as const) {
      const prefix = `${this.family}:${list}:`;
      for (const [key, ids] of await this.store.list<unknown>(prefix)) {
        const group = groupId(key.slice(prefix.length));
        if (Array.isArray(ids)) await this.edit(list, group, ids.filter((id): id is string => typeof id === 'string').map((id) => ({ userId: userId(id), change: 'added' })));
        await this.store.delete(key);
        moved++;
      }
    }
    return moved;
  }

  private reverseWrite(list: MembershipList, change: ListEdit['change'], user: UserId, group: GroupId): StoreWrite {
    return change === 'added' ? { addTo: this.reverseKey(list, user), members: [group] } : { removeFrom: this.reverseKey(list, user), members: [group] };
  }
}
