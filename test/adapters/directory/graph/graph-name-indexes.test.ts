import { afterEach, describe, expect, it } from 'vitest';
import { openGraphDirectory } from '../../../../adapters/directory/graph/open-graph-directory.js';
import { silentLogger } from '../../../../domain/ports/logger.js';
import { groupOf, openRig, userOf, type GraphRig } from './graph-harness.js';

let rig: GraphRig | undefined;
afterEach(async () => rig?.close());

const ids = (items: readonly { readonly id: string }[]) => items.map((item) => item.id);

describe("the Graph directory's name indexes", () => {
  it('answer after the first sync, and follow renames, deletes and role changes made in Entra', async () => {
    rig = await openRig();
    const { directory, stand } = rig;
    await directory.sync();
    expect(ids(await directory.findGroupsByName('atlas project'))).toEqual([groupOf('Atlas Project')]);
    expect(ids(await directory.findUsersByName('Rowan Pike'))).toEqual([userOf('Rowan Pike')]);
    expect(ids(await directory.listAdmins())).toEqual(expect.arrayContaining([userOf('Alex Morgan'), userOf('Jordan Blake')]));
    expect(ids(await directory.listAdmins())).not.toContain(userOf('Mere Tane'));

    stand.tenant.updateGroup(groupOf('Atlas Project'), { displayName: 'Atlas Programme' });
    stand.tenant.updateUser(userOf('Rowan Pike'), { displayName: 'Rowan Peak' });
    stand.tenant.removeUser(userOf('Tomas Berg'));
    stand.tenant.grantRole('License Administrator', userOf('Mere Tane'));
    await directory.sync();

    expect(await directory.findGroupsByName('atlas project')).toEqual([]);
    expect(ids((await directory.searchGroups('atlas prog', { limit: 5 })).groups)).toEqual([groupOf('Atlas Project')]);
    expect(await directory.findUsersByName('rowan pike')).toEqual([]);
    expect(ids(await directory.findUsersByName('rowan peak'))).toEqual([userOf('Rowan Pike')]);
    expect(await directory.findUsersByName('Tomas Berg')).toEqual([]);
    expect((await directory.listAdmins()).find((u) => u.id === userOf('Mere Tane'))?.roles).toEqual(['License Administrator']);
  });

  it('are built once, before the first round, for a copy an earlier version wrote without them', async () => {
    rig = await openRig();
    await rig.directory.sync();
    // What an earlier version left: the copy's users and groups, no index entries and no mark.
    await rig.store.delete('graph:name-index');
    await rig.store.write([{ deleteSet: `graph:group-name:atlas project` }, { deleteSet: 'graph:user-name:rowan pike' }]);
    const settings = rig.stand.env();
    const again = await openGraphDirectory({ ...settings, GRAPH_BASE_URL: settings['GRAPH_BASE_URL']!, AZURE_AUTHORITY_HOST: settings['AZURE_AUTHORITY_HOST']! }, rig.store, silentLogger);
    try {
      expect(await again.findGroupsByName('atlas project')).toEqual([]);
      await again.sync();
      expect(ids(await again.findGroupsByName('atlas project'))).toEqual([groupOf('Atlas Project')]);
      expect(ids(await again.findUsersByName('rowan pike'))).toEqual([userOf('Rowan Pike')]);
    } finally {
      again.close();
    }
  });
});
