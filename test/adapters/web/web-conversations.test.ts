import { describe, expect, it } from 'vitest';
import { WebConversations } from '../../../adapters/web/web-conversations.js';
import type { Store } from '../../../domain/ports/store.js';
import { ManualClock } from '../../support/manual-clock.js';
import { explainStoreSkips, storeBackends, storeOpener } from '../store/store-backends.js';

explainStoreSkips('web conversations');

/** The store with its calls counted. */
function counted(store: Store) {
  let calls = 0;
  const watching = new Proxy(store, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => (calls++, (value as (...a: unknown[]) => unknown).apply(target, args));
    },
  });
  return { store: watching, calls: () => calls };
}

const said = (text: string) => ({ author: { kind: 'groupgate' as const }, text });

describe.each(storeBackends('web-conversations'))('web conversations on the %s store', (_, makeUrl) => {
  const open = storeOpener(makeUrl);

  it('stores a message in one call once the conversation\'s next number is known, several in one call too', async () => {
    const { store, calls } = counted(await open());
    const chat = new WebConversations(store, new ManualClock());
    await chat.append('dm:u-1', said('first'));
    const before = calls();
    await chat.append('dm:u-1', said('second'));
    await chat.appendAll('dm:u-1', [said('third'), said('fourth'), said('fifth')]);
    expect(calls() - before).toBe(2);
    expect((await chat.recent('dm:u-1')).map((e) => [e.id, e.text])).toEqual([
      ['0000000001', 'first'], ['0000000002', 'second'], ['0000000003', 'third'], ['0000000004', 'fourth'], ['0000000005', 'fifth'],
    ]);
  });

  it('loses and overwrites nothing when two processes write one conversation, and a restart numbers on after the last', async () => {
    const store = await open();
    const [a, b] = [new WebConversations(store, new ManualClock()), new WebConversations(store, new ManualClock())];
    // Each knows its next number from its own last message, which the other has taken meanwhile.
    await a.append('dm:u-1', said('a1'));
    await b.append('dm:u-1', said('b1'));
    await Promise.all([a.append('dm:u-1', said('a2')), b.appendAll('dm:u-1', [said('b2'), said('b3')]), a.append('dm:u-1', said('a3'))]);
    await a.append('dm:u-1', said('a4'));
    const restarted = new WebConversations(store, new ManualClock());
    await restarted.append('dm:u-1', said('after a restart'));

    const entries = await restarted.recent('dm:u-1');
    expect(entries.map((e) => e.text).sort()).toEqual(['a1', 'a2', 'a3', 'a4', 'after a restart', 'b1', 'b2', 'b3']);
    expect(new Set(entries.map((e) => e.id)).size).toBe(entries.length);
    expect(entries.at(-1)?.text).toBe('after a restart');
    expect(entries.indexOf(entries.find((e) => e.text === 'b3')!)).toBe(entries.indexOf(entries.find((e) => e.text === 'b2')!) + 1);
  });
});
