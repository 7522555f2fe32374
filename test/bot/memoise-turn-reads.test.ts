import { afterEach, describe, expect, it } from 'vitest';
import { EmbeddedDirectory } from '../../adapters/directory/embedded/embedded-directory.js';
import { createStore } from '../../adapters/store/create-store.js';
import { memoiseTurnReads } from '../../bot/memoise-turn-reads.js';
import { runInRequest } from '../../bot/request-context.js';
import { groupId, userId } from '../../domain/model/ids.js';
import type { Store } from '../../domain/ports/store.js';
import { person, sampleGroup, sampleTenantPath } from '../support/sample-tenant.js';
import { tempSqliteUrl } from '../support/temp-store-url.js';

let store: Store | undefined;
afterEach(async () => store?.close());

/** The sample tenant on a real SQLite store, with every store read of a user or group counted by key. */
async function countedDirectory() {
  store = await createStore(tempSqliteUrl());
  const reads: string[] = [];
  const counted = new Proxy(store, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if (property !== 'get' || typeof value !== 'function') return value;
      return (key: string) => (reads.push(key), (value as (k: string) => Promise<unknown>).call(target, key));
    },
  });
  const raw = await EmbeddedDirectory.open(counted, sampleTenantPath);
  return { raw, directory: memoiseTurnReads(raw), reads };
}

const rowan = userId(person('Rowan Pike').id);
const atlas = groupId(sampleGroup('Atlas Project').id);

describe('directory reads within one turn', () => {
  it('reads a user or group from the store once, however often the turn names them', async () => {
    const { directory, reads } = await countedDirectory();
    reads.length = 0;
    await runInRequest('turn-1', async () => {
      for (let i = 0; i < 3; i++) expect((await directory.getUser(rowan))?.displayName).toBe('Rowan Pike');
      await Promise.all([directory.getGroup(atlas), directory.getGroup(atlas)]);
    });
    expect(reads.filter((k) => k.endsWith(rowan))).toHaveLength(1);
    expect(reads.filter((k) => k.endsWith(atlas))).toHaveLength(1);
  });

  it('reads afresh after a write in the same turn', async () => {
    const { directory } = await countedDirectory();
    await runInRequest('turn-1', async () => {
      expect(await directory.isMember(atlas, rowan)).toBe(false);
      await directory.addMember(atlas, rowan);
      expect(await directory.isMember(atlas, rowan)).toBe(true);
      expect(await directory.memberCount(atlas)).toBe(sampleGroup('Atlas Project').members.length + 1);
    });
  });

  it('keeps the user and group records across a membership write, and forgets only that group\'s member reads', async () => {
    const { directory, reads } = await countedDirectory();
    const board = groupId(sampleGroup('Board Room').id);
    await runInRequest('turn-1', async () => {
      await Promise.all([directory.getUser(rowan), directory.getGroup(atlas), directory.isMember(board, rowan)]);
      reads.length = 0;
      await directory.addMember(atlas, rowan);
      expect(await directory.isMember(atlas, rowan)).toBe(true);
      await Promise.all([directory.getUser(rowan), directory.getGroup(atlas), directory.isMember(board, rowan)]);
    });
    // The write itself found its group among the turn's reads; nothing named before it was read again.
    expect(reads.filter((k) => k.endsWith(rowan) || k.endsWith(atlas))).toEqual([]);
  });

  it('forgets everything after a write that may change a record', async () => {
    const { directory, reads } = await countedDirectory();
    await runInRequest('turn-1', async () => {
      await directory.getUser(rowan);
      await directory.updateUser!(rowan, { department: 'Finance' });
      reads.length = 0;
      expect((await directory.getUser(rowan))?.['department']).toBe('Finance');
    });
    expect(reads.filter((k) => k.endsWith(rowan))).toHaveLength(1);
  });

  it('shares nothing between turns, and remembers nothing outside one', async () => {
    const { raw, directory, reads } = await countedDirectory();
    await runInRequest('turn-1', () => directory.getUser(rowan));
    await raw.updateUser(rowan, { department: 'Finance' });
    expect((await runInRequest('turn-2', () => directory.getUser(rowan)))?.['department']).toBe('Finance');
    reads.length = 0;
    await directory.getUser(rowan);
    await directory.getUser(rowan);
    expect(reads.filter((k) => k.endsWith(rowan))).toHaveLength(2);
  });

  it('keeps what the directory is, so checks on its kind still hold', async () => {
    const { directory } = await countedDirectory();
    expect(directory).toBeInstanceOf(EmbeddedDirectory);
  });
});
