import { describe, expect, it } from 'vitest';
import { explainStoreSkips } from '../adapters/store/store-backends.js';
import { toAdaptiveCard } from '../../cards/render-card.js';
import type { ApprovalView } from '../../cards/card-view.js';
import { hours } from '../support/manual-clock.js';
import { person } from '../support/sample-tenant.js';
import { buttonOn, click, endOf, expiries, isMember, say, sentTo, sweep, TimeBoundBed, timeBoundStores } from './time-bound-harness.js';

const minutes = (n: number) => n * 60_000;

/** The latest approval card `name` got. */
const approvalCardOf = (instance: Awaited<ReturnType<TimeBoundBed['start']>>, name: string) =>
  instance.channel.to(person(name).id).filter((c): c is ApprovalView => c.kind === 'approval').at(-1)!;

explainStoreSkips('time-bound memberships');

describe.each(timeBoundStores)('on %s', (_store, storeUrl) => {
  const bed = TimeBoundBed.perTest(storeUrl);

  describe('time-bound membership of an open group', () => {
    it('joins at once with an end, reminds once at 80% of the time, and removes and tells the member at the end', async () => {
      const a = await bed.start();
      expect((await say(a, 'Rowan Pike', 'join Lunch Club for 8h')).text).toBe("Done — you're a member of Lunch Club until 17:00 UTC today.\nI'll remind you before it ends, with a button to extend it.");
      expect(await isMember(a, 'Rowan Pike', 'Lunch Club')).toBe(true);

      bed.clock.advance(hours(6));
      expect((await sweep(a)).reminded).toBe(0);
      bed.clock.advance(minutes(25)); // 80% of 8 hours is 6 h 24 min, earlier than one hour before the end
      expect((await sweep(a)).reminded).toBe(1);
      expect((await sweep(a)).reminded).toBe(0);
      expect(sentTo(a, 'Rowan Pike')).toMatch(/^Your access ends soon\nYour membership of Lunch Club ends 17:00 UTC today, 95 minutes from now\./);

      bed.clock.advance(minutes(95));
      expect(await sweep(a)).toMatchObject({ ended: 1, failed: [] });
      expect(await isMember(a, 'Rowan Pike', 'Lunch Club')).toBe(false);
      expect(sentTo(a, 'Rowan Pike')).toContain('Your 8 hours in Lunch Club ended, so I removed you from it as planned.');
      expect(await sweep(a)).toMatchObject({ ended: 0, told: 0 });
      expect(expiries(a)).toHaveLength(1);
    });

    it('forgets an ended membership once closed requests would be forgotten too (90 days), not before, and a new join starts afresh', async () => {
      const a = await bed.start();
      await say(a, 'Rowan Pike', 'join Lunch Club for 8h');
      bed.clock.advance(hours(8));
      expect(await sweep(a)).toMatchObject({ ended: 1, forgotten: 0 });
      expect((await endOf(a, 'Rowan Pike', 'Lunch Club'))?.status).toBe('ended');

      bed.clock.advance(hours(89 * 24));
      expect((await sweep(a)).forgotten).toBe(0);
      bed.clock.advance(hours(24));
      expect((await sweep(a)).forgotten).toBe(1);
      expect(await endOf(a, 'Rowan Pike', 'Lunch Club')).toBeUndefined();

      expect((await say(a, 'Rowan Pike', 'join Lunch Club for 1h')).text).toMatch(/^Done — you're a member of Lunch Club until/);
      expect((await endOf(a, 'Rowan Pike', 'Lunch Club'))?.status).toBe('active');
    });

    it('ends a membership whose time ran out while GroupGate was stopped, when it starts again on the same store', async () => {
      const before = await bed.start();
      await say(before, 'Rowan Pike', 'join Lunch Club for 8h');
      await bed.stop(before);

      bed.clock.advance(hours(9));
      const after = await bed.start(); // its start-up sweep does the work
      expect(await isMember(after, 'Rowan Pike', 'Lunch Club')).toBe(false);
      expect(sentTo(after, 'Rowan Pike')).toContain('Your 8 hours in Lunch Club ended');
      const removals = await after.running.gate.audit.query({ personId: person('Rowan Pike').id, where: (e) => e.action === 'membership.removed' });
      expect(removals.entries).toEqual([expect.objectContaining({ groupName: 'Lunch Club', details: { cause: 'expiry' }, at: '2026-11-30T18:00:00.000Z' })]);
      expect(removals.entries[0]).not.toHaveProperty('actorId'); // GroupGate itself
      expect(await endOf(after, 'Rowan Pike', 'Lunch Club')).toMatchObject({ status: 'ended', endedBy: 'expiry', removal: 'changed' });
    });

    it("\"I'm done\" on the reminder removes the member now, and nothing is removed or told at the end", async () => {
      const a = await bed.start();
      await say(a, 'Rowan Pike', 'join Lunch Club for 8h');
      bed.clock.advance(hours(7));
      await sweep(a);
      const reminder = a.channel.to(person('Rowan Pike').id);

      expect((await click(a, 'Rowan Pike', buttonOn(reminder, "I'm done"))).text).toBe("You've left Lunch Club.");
      expect(await isMember(a, 'Rowan Pike', 'Lunch Club')).toBe(false);
      expect(await endOf(a, 'Rowan Pike', 'Lunch Club')).toMatchObject({ status: 'ended', endedBy: 'leave' });

      bed.clock.advance(hours(2));
      expect(await sweep(a)).toMatchObject({ ended: 0, told: 0 });
      expect(a.changes.map((c) => c.cause)).toEqual(['joinRequest', 'leave']);
      expect(sentTo(a, 'Rowan Pike')).not.toContain('ended');
    });

    it('Extend on the reminder adds the same time after the current end, at once', async () => {
      const a = await bed.start();
      await say(a, 'Rowan Pike', 'join Lunch Club for 8h');
      bed.clock.advance(hours(7));
      await sweep(a);

      const extended = await click(a, 'Rowan Pike', buttonOn(a.channel.to(person('Rowan Pike').id), 'Extend by 8 hours'));
      expect(extended.text).toMatch(/^Done — your membership of Lunch Club now ends Tuesday 01:00 UTC\./);
      expect(await endOf(a, 'Rowan Pike', 'Lunch Club')).toMatchObject({ status: 'active', endsAt: '2026-12-01T01:00:00.000Z', startedAt: '2026-11-30T17:00:00.000Z' });

      bed.clock.advance(hours(2)); // past the first end
      expect(await sweep(a)).toMatchObject({ ended: 0 });
      expect(await isMember(a, 'Rowan Pike', 'Lunch Club')).toBe(true);
      bed.clock.advance(hours(7));
      expect(await sweep(a)).toMatchObject({ ended: 1 });
      expect(expiries(a)).toHaveLength(1);
    });
  });

  describe('time-bound membership of a group that needs approval', () => {
    it("refuses a request longer than the group's maximum, naming the maximum, and asks nobody", async () => {
      const a = await bed.start();
      await say(a, 'Ines Duarte', 'max duration Atlas Project 3d');
      const refused = await say(a, 'Rowan Pike', 'join Atlas Project for 2 weeks because audit season');
      expect(refused.text).toBe("Atlas Project lets members stay at most 3 days (P3D), so I haven't asked.\nAsk for that or less: join Atlas Project for 3d.");
      expect(a.channel.sent).toHaveLength(0);
      expect((await say(a, 'Rowan Pike', 'join Atlas Project for 3d')).text).toMatch(/I've asked the 2 owners of Atlas Project[\s\S]*Membership is for 3 days, counted from the approval\./);
    });

    it('makes a plain request time-bound when the group has a maximum', async () => {
      const a = await bed.start();
      await say(a, 'Ines Duarte', 'max duration Atlas Project 90d');
      expect((await say(a, 'Rowan Pike', 'join Atlas Project')).text).toContain('Membership is for 90 days, counted from the approval.');
    });

    it('shows the length on the approval card, lets the owner grant less, and never more than was asked', async () => {
      const a = await bed.start();
      await say(a, 'Rowan Pike', 'join Atlas Project for 3d because quarter-end audit');
      const card = approvalCardOf(a, 'Ines Duarte');
      expect(card.facts).toContain('for 3 days');
      expect(card.duration?.choices.map((c) => c.title)).toEqual(['3 days (as asked)', '2 days', '1 day', '8 hours', '4 hours', '2 hours']);
      const adaptive = JSON.stringify(toAdaptiveCard(card));
      expect(adaptive).toContain('"type":"Input.ChoiceSet","id":"duration"');
      expect(adaptive).toMatch(/"verb":"join-request.approve","data":\{"requestId":"R-\w+"\},"style":"positive","associatedInputs":"auto"/);

      // What Teams and the web chat send: the card's inputs merged into the action's data.
      const approved = await click(a, 'Ines Duarte', { action: 'join-request.approve', requestId: card.requestId, duration: 'PT8H', note: '' });
      expect(approved.card).toMatchObject({ kind: 'approval', state: { status: 'approved', by: 'Ines Duarte' }, facts: expect.arrayContaining(['for 8 hours (asked 3 days)']) });
      expect(await endOf(a, 'Rowan Pike', 'Atlas Project')).toMatchObject({ endsAt: '2026-11-30T17:00:00.000Z', duration: 'PT8H' });
      expect(sentTo(a, 'Rowan Pike')).toContain("✅ Ines Duarte approved your request — you're a member of Atlas Project until 17:00 UTC today (8 hours; you asked for 3 days).");

      // A forged choice longer than the request grants what was asked.
      await say(a, 'Liam Walker', 'join Atlas Project for 3d');
      const forged = await click(a, 'Tomas Berg', { action: 'join-request.approve', requestId: approvalCardOf(a, 'Tomas Berg').requestId, duration: 'P30D' });
      expect(forged.card).toMatchObject({ state: { status: 'approved' }, facts: expect.arrayContaining(['for 3 days']) });
      expect(await endOf(a, 'Liam Walker', 'Atlas Project')).toMatchObject({ duration: 'P3D', endsAt: '2026-12-03T09:00:00.000Z' });
    });

    it('an extension is a new request: the member stays while owners decide, and approval moves the end', async () => {
      const a = await bed.start();
      await say(a, 'Rowan Pike', 'join Atlas Project for 8h');
      await click(a, 'Ines Duarte', { action: 'join-request.approve', requestId: approvalCardOf(a, 'Ines Duarte').requestId });
      bed.clock.advance(hours(7));
      await sweep(a);

      const asked = await click(a, 'Rowan Pike', buttonOn(a.channel.to(person('Rowan Pike').id), 'Extend'));
      expect(asked.text).toMatch(/I've asked the 2 owners of Atlas Project/);
      expect(await isMember(a, 'Rowan Pike', 'Atlas Project')).toBe(true);
      await click(a, 'Tomas Berg', { action: 'join-request.approve', requestId: approvalCardOf(a, 'Tomas Berg').requestId });
      expect(await endOf(a, 'Rowan Pike', 'Atlas Project')).toMatchObject({ status: 'active', endsAt: '2026-12-01T01:00:00.000Z' });
      expect(a.changes.filter((c) => c.change === 'added')).toHaveLength(1); // extending adds nobody again
    });
  });
});
