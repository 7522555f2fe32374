import { afterEach, describe, expect, it } from 'vitest';
import { handleCardAction } from '../../bot/handle-card-action.js';
import { handleMessage } from '../../bot/handle-message.js';
import { replyText } from '../support/reply-text.js';
import { days } from '../support/manual-clock.js';
import { person } from '../support/sample-tenant.js';
import { turnOf } from '../owner-tools/owner-harness.js';
import { reviewIdIn, startReviewHarness, type ReviewHarness } from './review-harness.js';

const running: ReviewHarness[] = [];
afterEach(async () => {
  for (const h of running.splice(0)) await h.running.stop();
});

/** Atlas Project with Rowan Pike approved in by Ines (so his row shows why he joined), and a review started by Ines. */
async function atlasUnderReview(options = '') {
  const h = await startReviewHarness();
  running.push(h);
  const asked = await h.say('Rowan Pike', 'join Atlas Project because I moved to the research team');
  const requestId = /R-\w+/.exec(asked.text)![0];
  await handleCardAction(h.gate, turnOf('Ines Duarte'), { action: 'join-request.approve', requestId });
  await h.gate.background.idle();
  h.clock.advance(days(30));
  const started = await h.say('Ines Duarte', `review Atlas Project${options}`);
  await h.gate.background.idle();
  return { h, started, reviewId: reviewIdIn(started.text) };
}

const rowOf = (h: ReviewHarness, viewer: string, member: string) => h.cardOf(viewer).rows.find((r) => r.name === member)!;

describe('an access review of one group', () => {
  it("sends every owner a card listing the members with Keep and Remove, and the facts: why and when they joined, who approved it", async () => {
    const { h, started } = await atlasUnderReview();
    expect(started.text).toMatch(/^Started an access review of Atlas Project \(V-\w{6}\): 4 members to review by/);
    expect(started.text).toContain('Ines Duarte and Tomas Berg got the card');
    for (const owner of ['Ines Duarte', 'Tomas Berg']) {
      const card = h.cardOf(owner);
      expect(card.title).toBe('Access review · Atlas Project');
      expect(card.summary.text).toBe('0 of 4 reviewed: 0 kept, 0 to remove, 4 left');
      // Nobody reviews their own membership: each owner's card lists the other three.
      expect(card.rows.map((r) => r.name).sort()).toEqual(['Ines Duarte', 'Mere Tane', 'Rowan Pike', 'Tomas Berg'].filter((n) => n !== owner));
      expect(card.rows.every((r) => r.buttons.map((b) => b.title).join() === 'Keep,Remove')).toBe(true);
      expect(card.buttons.map((b) => b.title)).toEqual(['Keep all the rest']);
    }
    expect(rowOf(h, 'Ines Duarte', 'Rowan Pike').facts.join(' · ')).toContain('member for 30 days · joined because "I moved to the research team", approved by Ines Duarte');
    expect(h.sentTo('Mere Tane')).not.toContain('Access review');
  });

  it('records Keep and Remove, with the reason, and every owner\'s card shows the live summary', async () => {
    const { h, reviewId } = await atlasUnderReview();
    await h.clickReview('Ines Duarte', reviewId, 'keep', { member: 'Mere Tane' });
    const removed = await h.clickReview('Tomas Berg', reviewId, 'remove', { member: 'Rowan Pike', reason: 'moved back to sales' });
    expect(removed.text).toContain('2 of 4 reviewed: 1 kept, 1 to remove, 2 left');
    // Ines's copy was edited by Tomas's click: the summary and Rowan's row, with no buttons left on it.
    expect(h.cardOf('Ines Duarte').summary.text).toBe('2 of 4 reviewed: 1 kept, 1 to remove, 2 left');
    expect(rowOf(h, 'Ines Duarte', 'Rowan Pike').state?.text).toMatch(/^❌ To remove by Tomas Berg · .* — "moved back to sales"$/);
    expect(rowOf(h, 'Ines Duarte', 'Rowan Pike').buttons).toEqual([]);
    expect(rowOf(h, 'Tomas Berg', 'Mere Tane').state?.text).toMatch(/^✅ Kept by Ines Duarte/);
    // Removals wait for the end: Rowan is still a member.
    expect((await h.state('Atlas Project')).members).toContain('Rowan Pike');
  });

  it('records a member once when two owners click at the same moment; the second sees who decided first', async () => {
    const { h, reviewId } = await atlasUnderReview();
    const [a, b] = await Promise.all([
      h.clickReview('Ines Duarte', reviewId, 'keep', { member: 'Mere Tane' }),
      h.clickReview('Tomas Berg', reviewId, 'remove', { member: 'Mere Tane' }),
    ]);
    const notices = [a.text, b.text].filter((t) => /^Already (kept|marked to remove) by (Ines Duarte|Tomas Berg) at/.test(t));
    expect(notices).toHaveLength(1);
    const decided = (await h.gate.audit.query({ where: (e) => e.action === 'review.decided' })).entries;
    expect(decided).toHaveLength(1);
    expect(h.cardOf('Ines Duarte').summary.text).toMatch(/^1 of 4 reviewed/);
  });

  it('checks at the click, never from the card: a non-owner, an owner removed since, and a person not under review record nothing', async () => {
    const { h, reviewId } = await atlasUnderReview();
    expect((await h.clickReview('Rowan Pike', reviewId, 'remove', { member: 'Mere Tane' })).text).toContain('Only the owners of Atlas Project review its members.');
    expect((await h.clickReview('Ines Duarte', reviewId, 'keep', { member: 'Dana Lee' })).text).toContain('That person is not part of this review.');
    await h.say('Ines Duarte', 'remove owner Tomas Berg from Atlas Project');
    expect((await h.clickReview('Tomas Berg', reviewId, 'keep', { member: 'Mere Tane' })).text).toContain('Only the owners of Atlas Project review its members.');
    await h.say('Ines Duarte', 'remove Mere Tane from Atlas Project');
    expect((await h.clickReview('Ines Duarte', reviewId, 'remove', { member: 'Mere Tane' })).text).toContain('They are no longer a member of Atlas Project');
    expect(h.cardOf('Ines Duarte').summary.text).toBe('0 of 4 reviewed: 0 kept, 0 to remove, 4 left');
  });

  it('keeps all the rest still in the group with one click, leaving out who left meanwhile', async () => {
    const { h, reviewId } = await atlasUnderReview();
    await h.clickReview('Ines Duarte', reviewId, 'remove', { member: 'Rowan Pike' });
    await h.say('Ines Duarte', 'remove Mere Tane from Atlas Project');
    const rest = await h.clickReview('Tomas Berg', reviewId, 'keep-rest');
    // Tomas's own membership is not his to keep: it waits for Ines.
    expect(rest.text).toContain('2 of 4 reviewed: 1 kept, 1 to remove, 2 left');
    expect((await h.clickReview('Tomas Berg', reviewId, 'keep-rest')).text).toContain('Everyone still in the group has been decided already.');
    expect((await h.clickReview('Ines Duarte', reviewId, 'keep-rest')).text).toContain('3 of 4 reviewed: 2 kept, 1 to remove, 1 left');
  });

  it('ends on its date: removes the members marked to remove once (however often the sweep runs), tells them why, keeps the unanswered by default, and skips one who left', async () => {
    const { h, reviewId } = await atlasUnderReview();
    await h.clickReview('Tomas Berg', reviewId, 'remove', { member: 'Rowan Pike', reason: 'moved back to sales' });
    await h.clickReview('Tomas Berg', reviewId, 'remove', { member: 'Mere Tane' });
    await h.say('Ines Duarte', 'remove Mere Tane from Atlas Project');
    expect((await h.sweep()).closed).toBe(0);
    h.clock.advance(days(14));
    const removalsBefore = h.changes.filter((c) => c.change === 'removed').length;
    const report = await h.sweep();
    expect(report).toMatchObject({ closed: 1, removed: 1 });
    expect((await h.sweep()).removed).toBe(0);
    expect(h.changes.filter((c) => c.change === 'removed').length - removalsBefore).toBe(1);
    expect((await h.state('Atlas Project')).members).toEqual(['Ines Duarte', 'Tomas Berg']);
    expect(h.sentTo('Rowan Pike')).toContain('You were removed from Atlas Project by its access review');
    expect(h.sentTo('Rowan Pike')).toContain('moved back to sales');
    expect(h.cardOf('Ines Duarte').summary.text).toBe('Ended · 4 of 4 reviewed: 2 kept, 2 to remove, 0 left · 1 removed, 1 had left');
    expect(rowOf(h, 'Tomas Berg', 'Ines Duarte').state?.text).toMatch(/^✅ Kept by default, nobody answered/);
    expect((await h.clickReview('Ines Duarte', reviewId, 'keep', { member: 'Tomas Berg' })).text).toContain('ended');
  });

  it('removes the unanswered when the review says so, and at once when it says so', async () => {
    const { h, reviewId } = await atlasUnderReview(' for 7d unanswered remove remove at once');
    await h.clickReview('Ines Duarte', reviewId, 'remove', { member: 'Rowan Pike' });
    expect((await h.state('Atlas Project')).members).not.toContain('Rowan Pike');
    await h.clickReview('Ines Duarte', reviewId, 'keep-rest');
    await h.clickReview('Tomas Berg', reviewId, 'keep-rest');
    h.clock.advance(days(7));
    expect((await h.sweep()).removed).toBe(0);
    expect((await h.state('Atlas Project')).members).toEqual(['Ines Duarte', 'Mere Tane', 'Tomas Berg']);
  });

  it('tells admins who nobody answered for, when the review says so', async () => {
    const { h } = await atlasUnderReview(' unanswered tell admins');
    h.clock.advance(days(14));
    await h.sweep();
    expect(h.sentTo('Alex Morgan')).toContain('ended with 4 members nobody answered for');
    expect((await h.state('Atlas Project')).members).toHaveLength(4);
  });

  it('answers review status with the counts, and puts every decision in the audit log and its CSV export', async () => {
    const { h, reviewId } = await atlasUnderReview();
    await h.clickReview('Ines Duarte', reviewId, 'keep', { member: 'Mere Tane' });
    const status = await h.say('Tomas Berg', 'review status Atlas Project');
    expect(status.text).toContain(`Access review ${reviewId} · Atlas Project`);
    expect(status.text).toContain('1 of 4 reviewed: 1 kept, 0 to remove, 3 left');
    expect((await h.say('Rowan Pike', 'review status Atlas Project')).text).toContain('Only the owners of Atlas Project or an admin can review its members.');
    const csv = replyText(await handleMessage(h.gate, turnOf('Ines Duarte'), 'audit Atlas Project as csv'));
    expect(csv).toMatch(/review\.decided,Ines Duarte,[^,]+,web,Atlas Project,[^,]+,Mere Tane/);
    expect(csv).toContain(`review=${reviewId}; verdict=keep`);
  });

  it('refuses a second review while one runs, and a non-owner', async () => {
    const { h } = await atlasUnderReview();
    expect((await h.say('Tomas Berg', 'review Atlas Project')).text).toMatch(/^A review of Atlas Project \(V-\w{6}\) runs until/);
    expect((await h.say('Rowan Pike', 'review Atlas Project')).text).toBe('Only the owners of Atlas Project or an admin can review its members.');
  });

  it('refuses dynamic groups (their rule decides membership), synced groups and distribution lists, with the reason', async () => {
    const h = await startReviewHarness();
    running.push(h);
    expect((await h.say('Alex Morgan', 'review Sales US')).text).toContain('Sales US fills itself from a rule, so there is nothing to review by hand: its rule decides who is in it.');
    expect((await h.say('Alex Morgan', 'review Finance Vault')).text).toContain('on-premises Active Directory');
    expect((await h.say('Alex Morgan', 'review All Staff Announcements')).text).toMatch(/Exchange|Outlook/);
    expect(person('Alex Morgan').roles).toBeDefined();
  });
});
