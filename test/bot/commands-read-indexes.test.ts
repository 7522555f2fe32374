import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmbeddedDirectory } from '../../adapters/directory/embedded/embedded-directory.js';
import { createStore } from '../../adapters/store/create-store.js';
import { handleMessage } from '../../bot/handle-message.js';
import type { RunningGroupGate } from '../../bot/start-groupgate.js';
import type { Directory } from '../../domain/ports/directory.js';
import type { Store } from '../../domain/ports/store.js';
import { replyText } from '../support/reply-text.js';
import { person, sampleTenantPath } from '../support/sample-tenant.js';
import { startTestGroupGate } from '../support/start-test-groupgate.js';
import { tempSqliteUrl } from '../support/temp-store-url.js';

/** Every listing of a whole collection: directory calls, and store listings of users or groups. */
const listings: string[] = [];

/** The store with each `list` of users or groups recorded. */
function watchedStore(store: Store): Store {
  return new Proxy(store, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if (property !== 'list' || typeof value !== 'function') return value;
      return (prefix: string) => {
        if (/^directory:(user|group):/.test(prefix)) listings.push(`store.list(${prefix})`);
        return (value as (p: string) => Promise<unknown>).call(target, prefix);
      };
    },
  });
}

/** The directory with each listUsers / listGroups call recorded. */
function watchedDirectory(directory: Directory): Directory {
  return new Proxy(directory, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if ((property !== 'listUsers' && property !== 'listGroups') || typeof value !== 'function') return value;
      return () => {
        listings.push(`directory.${property}()`);
        return (value as () => Promise<unknown>).call(target);
      };
    },
  });
}

let running: RunningGroupGate;
let directoryStore: Store;
beforeAll(async () => {
  directoryStore = await createStore(tempSqliteUrl());
  const directory = watchedDirectory(await EmbeddedDirectory.open(watchedStore(directoryStore), sampleTenantPath));
  running = await startTestGroupGate({}, { directory });
});
afterAll(async () => {
  await running.stop();
  await directoryStore.close();
});

/** What `name` is told for `text`, and the listings made while answering. */
async function say(name: string, text: string): Promise<{ readonly text: string; readonly listed: string[] }> {
  listings.length = 0;
  const reply = replyText(await handleMessage(running.gate, { actor: person(name), platform: 'web' }, text));
  return { text: reply, listed: [...listings] };
}

describe('chat commands read indexes, never a listing of every user or group', () => {
  it.each([
    ['join a group by name', 'Rowan Pike', 'join Lunch Club', /Lunch Club/],
    ['join with a typo', 'Rowan Pike', 'join atlas projet', /Did you mean Atlas Project\?/],
    ['join several matches', 'Rowan Pike', 'join research', /Several groups match "research"/],
    ['groups', 'Rowan Pike', 'groups', /Groups/],
    ['groups <words>', 'Rowan Pike', 'groups research', /Groups matching "research"/],
    ['help as an owner', 'Priya Raman', 'help', /What I can do/],
    ['a person by a mistyped name', 'Ines Duarte', 'add Rowan Pyke to Atlas Project', /Did you mean Rowan Pike/],
    ['audit of a person', 'Alex Morgan', 'audit Rowan Pike', /Audit log · Rowan Pike/],
    ['join an ownerless group: the admins approve', 'Tomas Berg', 'join Orphaned Wiki', /asked the admins \(Alex Morgan and Jordan Blake\)/],
    ['alerts refused, naming license admins', 'Rowan Pike', 'alerts here', /License alerts are for Global and License Administrators/],
  ])('%s', async (_, who, text, answer) => {
    const { text: reply, listed } = await say(who, text);
    expect(reply).toMatch(answer);
    expect(listed).toEqual([]);
  });

  it('sees a listing when there is one (the watch itself works)', async () => {
    listings.length = 0;
    await running.gate.directory.listGroups();
    expect(listings).toEqual(['directory.listGroups()', 'store.list(directory:group:)']);
  });

  it('groups alone lists your own groups first, then a page of others, and says how many more there are', async () => {
    const { text } = await say('Mere Tane', 'groups');
    expect(text.indexOf('Atlas Project')).toBeGreaterThan(-1);
    expect(text).toMatch(/You're a member/);
  });
});

describe('groups, a page at a time', () => {
  it('shows every group exactly once across the pages, your own first', async () => {
    const all = [...(await running.gate.directory.listGroups())].map((g) => g.displayName).sort();
    const names = (text: string) => text.split('\n').filter((line) => all.some((name) => line.startsWith(name))).map((line) => all.filter((name) => line.startsWith(name)).sort((a, b) => b.length - a.length)[0]!);
    const seen: string[] = [];
    for (let page = 1; seen.length < all.length && page <= 5; page++) seen.push(...names((await say('Mere Tane', page === 1 ? 'groups' : `groups page ${page}`)).text));
    expect([...seen].sort()).toEqual(all);
    const own = (await running.gate.directory.groupsOf(person('Mere Tane').id)).length;
    expect(own).toBeGreaterThan(0);
  });

  it('pages through every group in name order from the index: page 2 starts where page 1 of the listing ends', async () => {
    const all = [...(await running.gate.directory.listGroups())].map((g) => g.displayName).sort((a, b) => a.localeCompare(b));
    const { text, listed } = await say('Rowan Pike', 'groups page 2');
    expect(listed).toEqual([]);
    expect(text.split('\n')[1]).toMatch(new RegExp(`^${all[15]!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
  });
});
