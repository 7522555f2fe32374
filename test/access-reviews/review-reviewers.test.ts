import { afterEach, describe, expect, it } from 'vitest';
import { parseReviewCommand } from '../../bot/access-reviews/parse-review-options.js';
import { days } from '../support/manual-clock.js';
import { reviewIdIn, startReviewHarness, type ReviewHarness } from './review-harness.js';

const running: ReviewHarness[] = [];
afterEach(async () => {
  for (const h of running.splice(0)) await h.running.stop();
});

async function harness() {
  const h = await startReviewHarness();
  running.push(h);
  return h;
}

const namesOn = (h: ReviewHarness, viewer: string) => h.cardOf(viewer).rows.map((r) => r.name).sort();

describe('who reviews, chosen per review', () => {
  it("by managers: each member's card goes to their manager, members without one to the owners, and only the reviewer of a member may decide", async () => {
    const h = await harness();
    // Data Science Lab: Dana Lee (manager Priya Raman), Ines Duarte (no manager), Ada Ito (manager Dana), Lena Novak (a guest, no manager); owners Dana and Ines.
    const started = await h.say('Dana Lee', 'review Data Science Lab by managers');
    await h.gate.background.idle();
    const reviewId = reviewIdIn(started.text);
    expect(namesOn(h, 'Priya Raman')).toEqual(['Dana Lee']);
    expect(namesOn(h, 'Dana Lee')).toEqual(['Ada Ito', 'Ines Duarte', 'Lena Novak']);
    expect(namesOn(h, 'Ines Duarte')).toEqual(['Lena Novak']);

    expect((await h.clickReview('Ines Duarte', reviewId, 'keep', { member: 'Ada Ito' })).text).toContain("You are not this member's reviewer in this review of Data Science Lab.");
    expect((await h.clickReview('Dana Lee', reviewId, 'remove', { member: 'Dana Lee' })).text).toContain("You can't review your own membership of Data Science Lab");
    expect((await h.clickReview('Priya Raman', reviewId, 'keep', { member: 'Dana Lee' })).text).toContain('1 of 4 reviewed: 1 kept');
    // Keep all the rest keeps only what is the clicker's to review: Ines keeps Lena, not Ada or herself.
    expect((await h.clickReview('Ines Duarte', reviewId, 'keep-rest')).text).toContain('2 of 4 reviewed: 2 kept, 0 to remove, 2 left');
    const decided = (await h.gate.audit.query({ where: (e) => e.action === 'review.decided' })).entries.map((e) => [e.actorId, e.subjectId]);
    expect(decided).toHaveLength(2);
  });

  it('by named people: they review everyone but themselves, whose membership goes to the owners; an owner not named may not decide', async () => {
    const h = await harness();
    const started = await h.say('Ines Duarte', 'review Atlas Project by Dana Lee and Ines Duarte for 7d');
    await h.gate.background.idle();
    const reviewId = reviewIdIn(started.text);
    expect(started.text).toContain('Dana Lee and Ines Duarte got the card');
    expect(namesOn(h, 'Dana Lee')).toEqual(['Ines Duarte', 'Mere Tane', 'Tomas Berg']);
    expect(namesOn(h, 'Ines Duarte')).toEqual(['Mere Tane', 'Tomas Berg']);
    expect((await h.clickReview('Tomas Berg', reviewId, 'remove', { member: 'Mere Tane' })).text).toContain("You are not this member's reviewer");
    expect((await h.clickReview('Ines Duarte', reviewId, 'keep', { member: 'Ines Duarte' })).text).toContain("You can't review your own membership");
    expect((await h.clickReview('Dana Lee', reviewId, 'keep', { member: 'Ines Duarte' })).text).toContain('1 of 3 reviewed: 1 kept');
    expect(h.cardOf('Ines Duarte').summary.text).toBe('1 of 3 reviewed: 1 kept, 0 to remove, 2 left');
  });

  it("by the owners: a sole owner's own membership goes to the admins", async () => {
    const h = await harness();
    await h.say('Kai Moreno', 'review Lunch Club');
    await h.gate.background.idle();
    expect(namesOn(h, 'Kai Moreno')).toEqual(['Emma Martin', 'Sam Carter']);
    expect(namesOn(h, 'Alex Morgan')).toEqual(['Kai Moreno']);
  });

  it('by members: each member is asked "Do you still need Atlas Project?" with Keep me and Remove me, and only they may answer for themselves', async () => {
    const h = await harness();
    const started = await h.say('Ines Duarte', 'review Atlas Project by members');
    await h.gate.background.idle();
    const reviewId = reviewIdIn(started.text);
    expect(started.text).toContain('Each member was asked "Do you still need it?"');
    const mere = h.cardOf('Mere Tane');
    expect(mere.title).toBe('Do you still need Atlas Project?');
    expect(mere.rows.map((r) => r.name)).toEqual(['Mere Tane']);
    expect(mere.rows[0]!.buttons.map((b) => b.title)).toEqual(['Keep me', 'Remove me']);
    expect(mere.buttons).toEqual([]);
    expect(h.cardOf('Tomas Berg').rows.map((r) => r.name)).toEqual(['Tomas Berg']);

    expect((await h.clickReview('Ines Duarte', reviewId, 'remove', { member: 'Mere Tane' })).text).toContain("You are not this member's reviewer");
    const answered = await h.clickReview('Mere Tane', reviewId, 'remove', { member: 'Mere Tane' });
    expect(answered.text).toMatch(/❌ To remove: they no longer need it/);
    await h.clickReview('Tomas Berg', reviewId, 'keep', { member: 'Tomas Berg' });
    expect((await h.say('Ines Duarte', 'review status Atlas Project')).text).toContain('2 of 3 reviewed: 1 kept, 1 to remove, 1 left');
    const audited = (await h.gate.audit.query({ where: (e) => e.action === 'review.decided' })).entries;
    expect(audited.map((e) => e.details)).toEqual([expect.objectContaining({ selfAttested: true }), expect.objectContaining({ selfAttested: true })]);

    h.clock.advance(days(14));
    await h.sweep();
    expect((await h.state('Atlas Project')).members).toEqual(['Ines Duarte', 'Tomas Berg']);
    expect(h.sentTo('Mere Tane')).toContain('You were removed from Atlas Project by its access review, as you answered that you no longer need it.');
  });
});

describe('reading review <group> by …', () => {
  it('reads owners, managers, members and named people, with the other options in any order', () => {
    expect(parseReviewCommand('review Atlas Project by managers for 7d')).toMatchObject({ group: 'Atlas Project', by: { kind: 'managers' }, options: { days: 7 } });
    expect(parseReviewCommand('review Atlas Project for 7d by members')).toMatchObject({ group: 'Atlas Project', by: { kind: 'members' } });
    expect(parseReviewCommand('review Atlas Project by Dana Lee, Priya Raman and Ines Duarte every 90d for 7d')).toMatchObject({
      group: 'Atlas Project', by: { kind: 'people', names: ['Dana Lee', 'Priya Raman', 'Ines Duarte'] }, options: { days: 7, everyDays: 90 },
    });
    expect(parseReviewCommand('review Atlas Project')).not.toHaveProperty('by');
    expect(parseReviewCommand('review all licensing groups every 365d by managers')).toMatchObject({ kind: 'allLicensing', by: { kind: 'managers' } });
  });
});
