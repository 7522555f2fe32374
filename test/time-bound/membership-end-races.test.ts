import { describe, expect, it } from 'vitest';
import { explainStoreSkips } from '../adapters/store/store-backends.js';
import { groupId, userId } from '../../domain/model/ids.js';
import { membershipEndKeys, type MembershipEnd } from '../../domain/time-bound-membership/membership-end.js';
import { hours } from '../support/manual-clock.js';
import { person, sampleGroup } from '../support/sample-tenant.js';
import { endOf, expiries, isMember, say, sentTo, sweep, TimeBoundBed, timeBoundStores, type Instance } from './time-bound-harness.js';


// Twelve people outside Lunch Club, an open group.
const people = ['Rowan Pike', 'Ines Duarte', 'Tomas Berg', 'Mere Tane', 'Liam Walker', 'Priya Raman', 'Dana Lee', 'Ada Ito', 'Ben Ortiz', 'Cara Diaz', 'Grace Kim', 'Marco Bianchi'];
const told = (instances: readonly Instance[], name: string) => instances.map((i) => sentTo(i, name)).join('\n').split('in Lunch Club ended').length - 1;

explainStoreSkips('time-bound memberships');

describe.each(timeBoundStores)('on %s', (_store, storeUrl) => {
  const bed = TimeBoundBed.perTest(storeUrl);

  describe('ending time-bound memberships exactly once', () => {
    it('two instances sweeping the same store at the same moment remove each member once and tell them once', async () => {
      const [a, b] = [await bed.start(), await bed.start()];
      for (const name of people) await say(a, name, 'join Lunch Club for 1h');
      bed.clock.advance(hours(2));

      const [fromA, fromB] = await Promise.all([sweep(a), sweep(b)]);
      expect(fromA.ended + fromB.ended).toBe(people.length);
      expect(Math.min(fromA.ended, fromB.ended)).toBeGreaterThan(0); // they really raced: each won some
      expect(expiries(a).length + expiries(b).length).toBe(people.length);
      for (const name of people) {
        expect(await isMember(a, name, 'Lunch Club')).toBe(false);
        expect(told([a, b], name)).toBe(1);
      }
      const audited = await a.running.gate.audit.query({ groupId: sampleGroup('Lunch Club').id, where: (e) => e.action === 'membership.removed' });
      expect(audited.total).toBe(people.length);
    });

    it('finishes a removal an instance claimed and then crashed on, before or after its directory write', async () => {
      const a = await bed.start();
      await say(a, 'Rowan Pike', 'join Lunch Club for 1h');
      await say(a, 'Ada Ito', 'join Lunch Club for 1h');
      bed.clock.advance(hours(1));
      const claimedAt = bed.clock.now().toISOString();
      const crashed = async (name: string) => {
        const key = membershipEndKeys.one(groupId(sampleGroup('Lunch Club').id), userId(person(name).id));
        const record = (await a.running.gate.store.get<MembershipEnd>(key))!;
        await a.running.gate.store.put(key, { ...record, status: 'ending', claimedAt, endedBy: 'expiry' });
      };
      await crashed('Rowan Pike'); // crashed before removing
      await crashed('Ada Ito'); // crashed after removing
      await a.running.gate.directory.removeMember(groupId(sampleGroup('Lunch Club').id), userId(person('Ada Ito').id));

      expect(await sweep(a, 60_000)).toMatchObject({ ended: 0 }); // a claim younger than the grace may still be in progress
      bed.clock.advance(60_000);
      expect(await sweep(a, 60_000)).toMatchObject({ ended: 2, failed: [] });
      expect(await isMember(a, 'Rowan Pike', 'Lunch Club')).toBe(false);
      expect(expiries(a).map((c) => c.userId).sort()).toEqual([person('Rowan Pike').id, person('Ada Ito').id].sort());
      expect(told([a], 'Rowan Pike') + told([a], 'Ada Ito')).toBe(2);
      expect(await endOf(a, 'Ada Ito', 'Lunch Club')).toMatchObject({ status: 'ended', removal: 'unchanged' });
    });

    it('announces a removal that a crash right after ending it left unannounced, once', async () => {
      const a = await bed.start();
      await say(a, 'Rowan Pike', 'join Lunch Club for 1h');
      bed.clock.advance(hours(1));
      const lunch = groupId(sampleGroup('Lunch Club').id);
      const rowan = userId(person('Rowan Pike').id);
      // What a crash between marking the membership ended and announcing it leaves behind:
      const key = membershipEndKeys.one(lunch, rowan);
      const record = (await a.running.gate.store.get<MembershipEnd>(key))!;
      const endedAt = bed.clock.now().toISOString();
      await a.running.gate.store.put(key, { ...record, status: 'ended', endedAt, endedBy: 'expiry', removal: 'changed', announcementOwed: true, toldAt: endedAt });
      await a.running.gate.directory.removeMember(lunch, rowan);

      await sweep(a, 60_000);
      expect(expiries(a)).toEqual([]); // just ended: the instance that ended it may be announcing right now
      bed.clock.advance(60_000);
      await sweep(a, 60_000);
      await sweep(a, 60_000);
      expect(expiries(a).map((c) => c.userId)).toEqual([rowan]);
      const audited = await a.running.gate.audit.query({ groupId: lunch, where: (e) => e.action === 'membership.removed' });
      expect(audited.total).toBe(1);
      expect(await endOf(a, 'Rowan Pike', 'Lunch Club')).not.toHaveProperty('announcementOwed');
    });
  });
});
