import { describe, expect, it } from 'vitest';
import { AtomicWriteBatches } from '../../../adapters/directory/atomic-write-batches.js';
import { MembershipIndex, type ListEdit } from '../../../adapters/directory/membership-index.js';
import { groupId, userId } from '../../../domain/model/ids.js';
import { explainStoreSkips, storeBackends, storeOpener } from '../store/store-backends.js';

explainStoreSkips('membership index');

const [atlas, lunch] = [groupId('atlas'), groupId('lunch')];
const [ada, rowan, mere] = [userId('ada'), userId('rowan'), userId('mere')];

describe.each(storeBackends('membership'))('the membership index on the %s store', (_, makeUrl) => {
  const open = storeOpener(makeUrl);

  it("answers both ways after every write: the group's members and each person's groups", async () => {
    const index = new MembershipIndex(await open(), 'graph');
    await index.replace('members', atlas, [ada, rowan]);
    await index.replace('members', lunch, [ada]);
    await index.replace('owners', atlas, [mere]);

    expect(await index.groupsOf('members', ada)).toEqual([atlas, lunch]);
    expect(await index.groupsOf('owners', mere)).toEqual([atlas]);
    expect(await index.has('members', atlas, rowan)).toBe(true);
    expect(await index.size('members', atlas)).toBe(2);

    expect(await index.replace('members', atlas, [ada, mere])).toEqual([
      { userId: mere, change: 'added' },
      { userId: rowan, change: 'removed' },
    ]);
    expect(await index.groupsOf('members', rowan)).toEqual([]);
    expect(await index.groupsOf('members', mere)).toEqual([atlas]);
  });

  it('reports only the edits that changed something, applied in order', async () => {
    const index = new MembershipIndex(await open(), 'graph');
    await index.replace('members', atlas, [ada]);
    const applied = await index.edit('members', atlas, [
      { userId: ada, change: 'added' }, // already in
      { userId: rowan, change: 'added' },
      { userId: rowan, change: 'removed' }, // the same round adds and removes Rowan
      { userId: mere, change: 'removed' }, // never was
    ]);
    expect(applied).toEqual([
      { userId: rowan, change: 'added' },
      { userId: rowan, change: 'removed' },
    ]);
    expect(await index.list('members', atlas)).toEqual([ada]);
    expect(await index.groupsOf('members', rowan)).toEqual([]);
  });

  it('forgets a deleted group on both sides and returns who its members were', async () => {
    const index = new MembershipIndex(await open(), 'graph');
    await index.replace('members', atlas, [ada, rowan]);
    await index.replace('owners', atlas, [mere]);
    await index.replace('members', lunch, [ada]);

    expect(await index.forgetGroup(atlas)).toEqual([ada, rowan]);
    expect(await index.groupsOf('members', ada)).toEqual([lunch]);
    expect(await index.groupsOf('owners', mere)).toEqual([]);
    expect(await index.size('members', atlas)).toBe(0);
  });

  it('writes a big group in batches that all land', async () => {
    const index = new MembershipIndex(await open(), 'graph');
    const people = Array.from({ length: 5_001 }, (_, i) => userId(`user-${String(i).padStart(5, '0')}`));
    expect(await index.replace('members', atlas, people)).toHaveLength(5_001);
    expect(await index.size('members', atlas)).toBe(5_001);
    expect(await index.groupsOf('members', people[5_000]!)).toEqual([atlas]);
  });

  it('moves member lists an earlier version stored as arrays into the index, once', async () => {
    const store = await open();
    await store.put('directory:members:atlas', [ada, rowan]);
    await store.put('directory:owners:atlas', [mere]);
    const index = new MembershipIndex(store, 'directory');

    expect(await index.migrateArrays()).toBe(2);
    expect(await index.list('members', atlas)).toEqual([ada, rowan]);
    expect(await index.groupsOf('owners', mere)).toEqual([atlas]);
    expect(await store.get('directory:members:atlas')).toBeUndefined();
    expect(await index.migrateArrays()).toBe(0);
  });

  it('loads lists in key order on a first load, and a first load a crash cut short is made whole by the next', async () => {
    const store = await open();
    const index = new MembershipIndex(store, 'graph');
    // The first try writes the lists and dies before their reverse entries.
    const batches = new AtomicWriteBatches(store);
    const cut = index.firstLoad(batches);
    await cut.replace('members', atlas, [rowan, ada], () => undefined);
    await cut.replace('members', lunch, [ada], () => undefined);
    await batches.flush();
    expect(await index.list('members', atlas)).toEqual([ada, rowan]);
    expect(await index.groupsOf('members', ada)).toEqual([]);

    // Meanwhile Rowan left Atlas and Mere joined it; the next first load reads the whole tenant again.
    const applied: ListEdit[] = [];
    const next = index.firstLoad(new AtomicWriteBatches(store));
    await next.replace('members', atlas, [mere, ada], (edit) => applied.push(edit));
    await next.replace('members', lunch, [ada], (edit) => applied.push(edit));
    await next.replace('owners', lunch, [mere], (edit) => applied.push(edit));
    await next.finish();

    expect(applied).toEqual([{ userId: rowan, change: 'removed' }, { userId: mere, change: 'added' }, { userId: mere, change: 'added' }]);
    expect(await index.list('members', atlas)).toEqual([ada, mere]);
    expect(await index.groupsOf('members', ada)).toEqual([atlas, lunch]);
    expect(await index.groupsOf('members', mere)).toEqual([atlas]);
    expect(await index.groupsOf('members', rowan)).toEqual([]);
    expect(await index.groupsOf('owners', mere)).toEqual([lunch]);
  });
});
