import { groupId, userId, type GroupId, type UserId } from '../../domain/model/ids.js';
import type { Store, StoreWrite } from '../../domain/ports/store.js';
import { AtomicWriteBatches } from './atomic-write-batches.js';

/** Which list of a group: its members or its owners. */
export type MembershipList = 'members' | 'owners';

/** One person joining or leaving one list. */
export interface ListEdit {
  readonly userId: UserId;
  readonly change: 'added' | 'removed';
}

// A first load adds a big group's members this many to a set write.
const firstLoadPart = 2_000;

/** A first load's lists (see MembershipIndex.firstLoad). */
export interface FirstLoadLists {
  /** Queues what makes the list exactly `ids`; `applied` hears each person added or removed, once written. */
  replace(list: MembershipList, group: GroupId, ids: Iterable<UserId>, applied: (edit: ListEdit) => void): Promise<void>;
  /** Writes what is queued, then every reverse entry. */
  finish(): Promise<void>;
}

/**
 * Who is in and owns which group, as store sets kept in both directions: `<family>:members:<group>`
 * and `<family>:member-of:<user>` (likewise owners / owner-of). Every write changes both sides in one
 * atomic batch (a first load aside: see firstLoad), so "is Ada a member?" is one set lookup and "which groups is Ada in?" one set read,
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

  /** Adds or removes people one by one; returns the edits that changed something, in order. */
  async edit(list: MembershipList, group: GroupId, edits: readonly ListEdit[]): Promise<ListEdit[]> {
    return this.applied((batches, applied) => this.queueEdits(batches, list, group, edits, applied));
  }

  /** Makes the list exactly `ids`; returns who was added and who removed. */
  async replace(list: MembershipList, group: GroupId, ids: Iterable<UserId>): Promise<ListEdit[]> {
    return this.applied((batches, applied) => this.queueReplace(batches, list, group, ids, applied));
  }

  /**
   * Queues the edits into `batches`: each person's entry in the list and the reverse entry are one
   * atomic unit, so the two sides never disagree, even when a crash cuts a long list short.
   * `applied` hears each edit that changed something, once it is written.
   */
  async queueEdits(batches: AtomicWriteBatches, list: MembershipList, group: GroupId, edits: readonly ListEdit[], applied: (edit: ListEdit) => void): Promise<void> {
    const key = this.key(list, group);
    for (const e of edits) {
      const forward: StoreWrite = e.change === 'added' ? { addTo: key, members: [e.userId] } : { removeFrom: key, members: [e.userId] };
      await batches.add([forward, this.reverseWrite(list, e.change, e.userId, group)], ([changed]) => changed && applied(e));
    }
  }

  /**
   * Queues what makes the list exactly `ids`, read against the list as stored now. Always read, even
   * on a first load: a load a crash cut short left lists behind that the next one must correct.
   */
  async queueReplace(batches: AtomicWriteBatches, list: MembershipList, group: GroupId, ids: Iterable<UserId>, applied: (edit: ListEdit) => void): Promise<void> {
    const [old, next] = [new Set(await this.list(list, group)), new Set(ids)];
    const edits: ListEdit[] = [];
    for (const id of next) if (!old.has(id)) edits.push({ userId: id, change: 'added' });
    for (const id of old) if (!next.has(id)) edits.push({ userId: id, change: 'removed' });
    await this.queueEdits(batches, list, group, edits, applied);
  }

  /**
   * Lists for a first load (the copy not loaded yet, so nobody reads it as the tenant), written in
   * key order. Writing a million memberships group by group puts every reverse entry in a random
   * place of the store: on SQLite each batch then rewrites thousands of pages, some 18 GB written for
   * a 400 MB file at 100,000 users. So the lists go first, group after group, each in member order,
   * and the reverse entries after them, person after person, which SQLite writes several times faster.
   * The two sides no longer land in the same batch; what keeps them in step is that a crash cut
   * short is a first load again: the next one adds the members the lists lack and every reverse
   * entry anew (adding what is there changes nothing), and a removal still moves both sides in one batch.
   */
  firstLoad(batches: AtomicWriteBatches): FirstLoadLists {
    const reverse = { members: new Map<UserId, GroupId[]>(), owners: new Map<UserId, GroupId[]>() };
    return {
      replace: async (list, group, ids, applied) => {
        const [old, next] = [new Set(await this.list(list, group)), [...new Set(ids)].sort()];
        const keep = new Set(next);
        const removed = [...old].filter((id) => !keep.has(id)).map((id): ListEdit => ({ userId: id, change: 'removed' }));
        await this.queueEdits(batches, list, group, removed, applied);
        // Who is added is what the list lacked: nobody else writes the copy while it loads (one
        // instance loads it, under the sync lease, and chat waits), so one set write per part will do.
        const added = next.filter((id) => !old.has(id));
        for (let start = 0; start < added.length; start += firstLoadPart) {
          const part = added.slice(start, start + firstLoadPart);
          await batches.add([{ addTo: this.key(list, group), members: part }], () => part.forEach((id) => applied({ userId: id, change: 'added' })));
        }
        for (const id of next) {
          const groups = reverse[list].get(id);
          if (groups) groups.push(group);
          else reverse[list].set(id, [group]);
        }
      },
      finish: async () => {
        await batches.flush();
        for (const list of ['members', 'owners'] as const) {
          for (const user of [...reverse[list].keys()].sort()) await batches.add([{ addTo: this.reverseKey(list, user), members: reverse[list].get(user)!.sort() }]);
          reverse[list].clear();
        }
        await batches.flush();
      },
    };
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

  /** Runs `queue` on batches of its own, writes them, and returns the edits that changed something. */
  private async applied(queue: (batches: AtomicWriteBatches, applied: (edit: ListEdit) => void) => Promise<void>): Promise<ListEdit[]> {
    const batches = new AtomicWriteBatches(this.store);
    const applied: ListEdit[] = [];
    await queue(batches, (edit) => applied.push(edit));
    await batches.flush();
    return applied;
  }

  private reverseWrite(list: MembershipList, change: ListEdit['change'], user: UserId, group: GroupId): StoreWrite {
    return change === 'added' ? { addTo: this.reverseKey(list, user), members: [group] } : { removeFrom: this.reverseKey(list, user), members: [group] };
  }
}
