import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { groupId, userId } from '../../domain/model/ids.js';
import type { ReviewView } from '../../cards/card-view.js';
import { runReviewSweep } from '../../bot/access-reviews/run-review-sweep.js';
import { dropNamespace } from '../adapters/store/fleet.js';
import { days } from '../support/manual-clock.js';
import { person, sampleGroup } from '../support/sample-tenant.js';
import { explainRedisSkip, redisUrl, tempSqliteUrl } from '../support/temp-store-url.js';
import { click, isMember, say, sentTo, TimeBoundBed, type Instance } from '../time-bound/time-bound-harness.js';
import { reviewIdIn } from './review-harness.js';

explainRedisSkip('access review sweep');

const namespaces: string[] = [];
afterAll(async () => {
  for (const namespace of namespaces) await dropNamespace(redisUrl!, namespace);
});

/** Two instances on one store (and one clock), as a deployment with two replicas runs: the time-bound bed on this test's store. */
function bedOn(storeUrl: string): TimeBoundBed {
  const bed = new TimeBoundBed();
  (bed as { storeUrl: string }).storeUrl = storeUrl;
  return bed;
}

const stores: ReadonlyArray<readonly [string, () => string]> = [
  ['SQLite', tempSqliteUrl],
  ...(redisUrl ? [['Redis', () => {
    const namespace = `gg-review-sweep-${Date.now()}-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
    namespaces.push(namespace);
    return `${redisUrl}?namespace=${namespace}`;
  }] as const] : []),
];

const atlas = groupId(sampleGroup('Atlas Project').id);
const removalsOf = (instances: readonly Instance[], name: string) =>
  instances.flatMap((i) => i.changes).filter((c) => c.change === 'removed' && c.userId === person(name).id && c.groupId === atlas).length;
const toldRemoved = (instances: readonly Instance[], name: string) => instances.map((i) => sentTo(i, name)).join('\n').split('You were removed from Atlas Project').length - 1;
const reviewCardsOf = (instance: Instance, name: string) => instance.channel.updates.filter((u) => u.location['userId'] === person(name).id).map((u) => u.card).filter((c): c is ReviewView => c.kind === 'review');

describe.each(stores)('the access review sweep on %s', (_name, storeUrl) => {
  let bed: TimeBoundBed;
  afterEach(async () => bed.stopAll());

  it('at the deadline applies the unanswered default, removes each member once across two instances, tells them why, skips one who left, and closes the summary', async () => {
    bed = bedOn(storeUrl());
    const [a, b] = [await bed.start(), await bed.start()];
    for (const name of ['Rowan Pike', 'Liam Walker']) await a.running.gate.directory.addMember(atlas, userId(person(name).id));
    const started = await say(a, 'Ines Duarte', 'review Atlas Project for 7d unanswered remove');
    const reviewId = reviewIdIn(started.text);
    expect(started.text).toContain('5 members to review');
    // Tomas answers on the other instance: Rowan removed with a reason, Ines kept; nobody answers for Mere or Liam.
    await click(b, 'Tomas Berg', { action: 'access-review.remove', reviewId, memberId: person('Rowan Pike').id, reason: 'moved to the sales team' });
    await click(b, 'Tomas Berg', { action: 'access-review.keep', reviewId, memberId: person('Ines Duarte').id });
    await click(a, 'Ines Duarte', { action: 'access-review.keep', reviewId, memberId: person('Tomas Berg').id });
    // Liam leaves before the end: the default would remove him, but there is nothing left to remove.
    await a.running.gate.directory.removeMember(atlas, userId(person('Liam Walker').id));

    bed.clock.advance(days(6));
    const early = await Promise.all([runReviewSweep(a.running.gate, 0), runReviewSweep(b.running.gate, 0)]);
    expect(early.map((r) => r.closed + r.removed)).toEqual([0, 0]);
    expect(await isMember(a, 'Rowan Pike', 'Atlas Project')).toBe(true);

    bed.clock.advance(days(1));
    const reports = await Promise.all([runReviewSweep(a.running.gate, 0), runReviewSweep(b.running.gate, 0)]);
    await Promise.all([a.running.gate.background.idle(), b.running.gate.background.idle()]);
    const again = await Promise.all([runReviewSweep(a.running.gate, 0), runReviewSweep(b.running.gate, 0)]);
    await Promise.all([a.running.gate.background.idle(), b.running.gate.background.idle()]);

    expect(reports.reduce((n, r) => n + r.closed, 0)).toBe(1);
    expect(reports.reduce((n, r) => n + r.removed, 0)).toBe(2);
    expect(again.reduce((n, r) => n + r.closed + r.removed, 0)).toBe(0);
    for (const report of [...reports, ...again]) expect(report.failed).toEqual([]);
    for (const name of ['Rowan Pike', 'Mere Tane']) {
      expect(await isMember(a, name, 'Atlas Project')).toBe(false);
      expect(removalsOf([a, b], name)).toBe(1);
      expect(toldRemoved([a, b], name)).toBe(1);
    }
    expect([sentTo(a, 'Rowan Pike'), sentTo(b, 'Rowan Pike')].join('\n')).toContain('moved to the sales team');
    expect([sentTo(a, 'Mere Tane'), sentTo(b, 'Mere Tane')].join('\n')).toContain('Nobody confirmed you still need it before the review ended.');
    expect(removalsOf([a, b], 'Liam Walker')).toBe(0);
    expect(toldRemoved([a, b], 'Liam Walker')).toBe(0);
    expect(await isMember(a, 'Ines Duarte', 'Atlas Project')).toBe(true);
    expect(await isMember(a, 'Tomas Berg', 'Atlas Project')).toBe(true);

    const ended = 'Ended · 5 of 5 reviewed: 2 kept, 3 to remove, 0 left · 2 removed, 1 had left';
    expect((await say(b, 'Tomas Berg', 'review status Atlas Project')).text).toContain(ended);
    const lastEdits = [a, b].map((i) => reviewCardsOf(i, 'Ines Duarte').at(-1)?.summary.text);
    expect(lastEdits).toContain(ended);
    const closed = await a.running.gate.audit.query({ groupId: atlas, where: (e) => e.action === 'review.closed' });
    expect(closed.entries.map((e) => e.details)).toEqual([expect.objectContaining({ review: reviewId, defaulted: 2 })]);
    // The sweep no longer reads a settled review: it left the open index.
    expect(await a.running.gate.store.setMembers('access-review:index:open')).toEqual([]);
  });
});
