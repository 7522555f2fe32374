import { describe, expect, it } from 'vitest';
import { createStore } from '../../adapters/store/create-store.js';
import { groupId, userId } from '../../domain/model/ids.js';
import type { Store } from '../../domain/ports/store.js';
import { membershipEndKeys, type MembershipEnd } from '../../domain/time-bound-membership/membership-end.js';
import { recordMembershipEnd } from '../../domain/time-bound-membership/record-membership-end.js';
import { sweepMembershipEnds } from '../../domain/time-bound-membership/sweep-membership-ends.js';
import { explainStoreSkips } from '../adapters/store/store-backends.js';
import { hours } from '../support/manual-clock.js';
import { person, sampleGroup } from '../support/sample-tenant.js';
import { endOf, expiries, isMember, say, sentTo, sweep, TimeBoundBed, timeBoundStores, type Instance } from './time-bound-harness.js';

explainStoreSkips('the index of due time-bound memberships');

const days = (n: number) => hours(24 * n);
const lunch = groupId(sampleGroup('Lunch Club').id);

/** The store with every entry it hands back counted (a value read is one; a listing or a set read, each entry it returns). */
function counted(store: Store, counter: { entries: number; calls: number }): Store {
  return new Proxy(store, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if (typeof value !== 'function' || ['close', 'ping'].includes(String(property))) return value;
      return async (...args: unknown[]) => {
        counter.calls++;
        const answer = (await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args)) as unknown;
        if (['get', 'getMany', 'list', 'setMembers', 'intersectSets'].includes(String(property))) counter.entries += Array.isArray(answer) ? answer.length : answer === undefined ? 0 : 1;
        return answer;
      };
    },
  });
}

/** One sweep on `instance`, with what it read from the store. */
async function countedSweep(instance: Instance, graceMs = 60_000) {
  const counter = { entries: 0, calls: 0 };
  const ports = instance.running.gate.requests;
  const report = await sweepMembershipEnds({ ...ports, store: counted(ports.store, counter) }, graceMs);
  await instance.running.gate.background.idle();
  return { report, ...counter };
}

describe.each(timeBoundStores)('on %s', (_store, storeUrl) => {
  const bed = TimeBoundBed.perTest(storeUrl);

  it('a sweep reads the memberships that are due, not the 300 others running for another month', async () => {
    const a = await bed.start();
    const store = a.running.gate.store;
    for (let i = 0; i < 300; i++) {
      const someone = userId(`00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`);
      await recordMembershipEnd(store, { groupId: lunch, userId: someone, durationMs: days(30) }, bed.clock.now());
    }
    bed.clock.advance(days(1) + hours(1)); // past the first day, when the records are still listed into the index hourly
    expect((await countedSweep(a)).report).toMatchObject({ reminded: 0, ended: 0 });
    await say(a, 'Rowan Pike', 'join Lunch Club for 1h');
    await say(a, 'Ada Ito', 'join Lunch Club for 1h');
    expect((await store.list(membershipEndKeys.all)).length).toBe(302);

    bed.clock.advance(hours(1));
    const due = await countedSweep(a);
    expect(due.report).toMatchObject({ ended: 2, failed: [] });
    expect(await isMember(a, 'Rowan Pike', 'Lunch Club')).toBe(false);
    // The marker and where to start, the two due entries, the two records (read again after ending them):
    // a listing would have read 302 records.
    expect(due.entries).toBeLessThanOrEqual(12);

    bed.clock.advance(60_000);
    const idle = await countedSweep(a);
    expect(idle.report).toMatchObject({ reminded: 0, ended: 0, told: 0, forgotten: 0 });
    expect(idle.entries).toBeLessThanOrEqual(2);
    expect(idle.calls).toBeLessThanOrEqual(3);

    // A month later every one of the 300 is reminded and ended, each once.
    bed.clock.advance(days(24));
    expect((await sweep(a)).reminded).toBe(300);
    bed.clock.advance(days(6));
    expect(await sweep(a)).toMatchObject({ ended: 300, failed: [] });
    expect((await sweep(a)).ended).toBe(0);
  });

  it("indexes the records an earlier version stored on first start, with each one's recovery: ending after a crash, owed announcement, untold, forgetting", async () => {
    const now = bed.clock.now();
    const at = (ms: number) => new Date(now.getTime() + ms).toISOString();
    const record = (name: string, fields: Partial<MembershipEnd>): MembershipEnd => ({
      groupId: lunch, userId: userId(person(name).id), startedAt: at(-hours(8)), endsAt: at(hours(1)), duration: 'PT9H', status: 'active', ...fields,
    });
    // What the version before the index kept: the records alone.
    const earlier = await createStore(bed.storeUrl);
    const kept = [
      record('Rowan Pike', {}),
      record('Ada Ito', { status: 'ending', endsAt: at(-hours(1)), claimedAt: at(-hours(1)), endedBy: 'expiry' }),
      record('Grace Kim', { status: 'ended', endsAt: at(-hours(1)), endedAt: at(-hours(1)), endedBy: 'expiry', removal: 'changed', announcementOwed: true, toldAt: at(-hours(1)) }),
      record('Omar Haddad', { status: 'ended', endsAt: at(-hours(2)), endedAt: at(-hours(2)), endedBy: 'expiry', removal: 'changed' }),
      record('Tomas Berg', { status: 'ended', endsAt: at(-days(91)), endedAt: at(-days(91)), endedBy: 'leave', removal: 'changed', toldAt: at(-days(91)) }),
    ];
    for (const end of kept) await earlier.put(membershipEndKeys.one(end.groupId, end.userId), end);
    await earlier.close();

    const a = await bed.start(); // its start-up sweep indexes them, and does what was due
    await a.running.gate.background.idle();
    await a.running.gate.directory.addMember(lunch, userId(person('Rowan Pike').id));
    expect(await endOf(a, 'Tomas Berg', 'Lunch Club')).toBeUndefined(); // kept its 90 days: forgotten
    expect(await isMember(a, 'Ada Ito', 'Lunch Club')).toBe(false); // a claim an hour old: taken over
    // Announced (the start-up sweep ran before the test could listen: the audit log shows it).
    const removed = await a.running.gate.audit.query({ groupId: lunch, where: (e) => e.action === 'membership.removed' });
    expect(removed.entries.map((e) => e.subjectId).sort()).toEqual([person('Ada Ito').id, person('Grace Kim').id].sort());
    expect(await endOf(a, 'Grace Kim', 'Lunch Club')).not.toHaveProperty('announcementOwed');
    expect(sentTo(a, 'Omar Haddad')).toContain('in Lunch Club ended'); // never told: told now
    expect(await endOf(a, 'Omar Haddad', 'Lunch Club')).toHaveProperty('toldAt');

    // Rowan, reminded on start (past 80% of the period), is removed at the end of it, by the index alone.
    expect(sentTo(a, 'Rowan Pike')).toMatch(/^Your access ends soon/);
    bed.clock.advance(hours(1));
    const ended = await countedSweep(a);
    expect(ended.report).toMatchObject({ ended: 1, failed: [] });
    expect(expiries(a).map((c) => c.userId)).toEqual([person('Rowan Pike').id]);
    expect(await isMember(a, 'Rowan Pike', 'Lunch Club')).toBe(false);
    expect(ended.entries).toBeLessThanOrEqual(10);
  });
});
