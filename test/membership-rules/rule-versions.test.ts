import { afterEach, describe, expect, it } from 'vitest';
import { createStore } from '../../adapters/store/create-store.js';
import { bumpRuleVersion, changedSince, readRuleVersion } from '../../bot/membership-rules/rule-versions.js';
import type { Store } from '../../domain/ports/store.js';
import { tempSqliteUrl } from '../support/temp-store-url.js';

let store: Store | undefined;
afterEach(async () => store?.close());

describe('what the rule counters record of their moves', () => {
  it('gives the users a few moves were about, and nothing (rebuild) for a move without ids or a bulk change', async () => {
    store = await createStore(tempSqliteUrl());
    const start = await readRuleVersion(store, 'users');
    await bumpRuleVersion(store, 'users', ['u1', 'u2']);
    const two = await bumpRuleVersion(store, 'users', ['u2', 'u3']);
    expect(await changedSince(store, 'users', start, two)).toEqual(['u1', 'u2', 'u3']);
    expect(await changedSince(store, 'users', two, two)).toBeUndefined();

    // Users who came or went: no ids, so whoever is behind rebuilds.
    const unknown = await bumpRuleVersion(store, 'users');
    expect(await changedSince(store, 'users', start, unknown)).toBeUndefined();
    expect(await changedSince(store, 'users', unknown, unknown)).toBeUndefined();

    // An HR import of 5,000 users is one listing, not 5,000 reads.
    const bulk = await bumpRuleVersion(store, 'users', Array.from({ length: 5_000 }, (_, i) => `u${i}`));
    expect(await changedSince(store, 'users', unknown, bulk)).toBeUndefined();
    const after = await bumpRuleVersion(store, 'users', ['u9']);
    expect(await changedSince(store, 'users', bulk, after)).toEqual(['u9']);
  });
});
