import { chmodSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createStore } from '../../../adapters/store/create-store.js';

const modeOf = (file: string) => (statSync(file).mode & 0o777).toString(8);

describe('the SQLite store on disk', () => {
  it('creates its folder, file, WAL and shared-memory file for this user alone (0700, 0600)', async () => {
    const folder = join(mkdtempSync(join(tmpdir(), 'groupgate-perm-')), 'data');
    const file = join(folder, 'groupgate.sqlite');
    const store = await createStore(`sqlite://${file}`);
    await store.put('join-request:R-1', { reason: 'a confidential project' });
    expect({ folder: modeOf(folder), file: modeOf(file), wal: modeOf(`${file}-wal`), shm: modeOf(`${file}-shm`) }).toEqual({ folder: '700', file: '600', wal: '600', shm: '600' });
    await store.close();
  });

  it('tightens a store file an earlier version left world-readable, with its WAL', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'groupgate-perm-'));
    const file = join(folder, 'groupgate.sqlite');
    const first = await createStore(`sqlite://${file}`);
    await first.put('k', 1);
    await first.close();
    writeFileSync(`${file}-wal`, '');
    for (const f of [file, `${file}-wal`]) chmodSync(f, 0o644);
    const again = await createStore(`sqlite://${file}`);
    await again.put('k', 2);
    expect({ file: modeOf(file), wal: modeOf(`${file}-wal`) }).toEqual({ file: '600', wal: '600' });
    expect(await again.get('k')).toBe(2);
    await again.close();
  });
});
