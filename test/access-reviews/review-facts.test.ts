import { afterEach, describe, expect, it } from 'vitest';
import { groupId, userId } from '../../domain/model/ids.js';
import { person, sampleGroup } from '../support/sample-tenant.js';
import { replyText } from '../support/reply-text.js';
import { changeIdOf } from '../owner-tools/owner-harness.js';
import { startReviewHarness, type ReviewHarness } from './review-harness.js';

const running: ReviewHarness[] = [];
afterEach(async () => {
  for (const h of running.splice(0)) await h.running.stop();
});

const rowOf = (h: ReviewHarness, viewer: string, member: string) => h.cardOf(viewer).rows.find((r) => r.name === member)!;

describe("the facts on a reviewer's card", () => {
  it("for a licensing group: the SKU's seats and who waits, the seat a removal frees, who is waiting, and guest accounts", async () => {
    const h = await startReviewHarness();
    running.push(h);
    // Licensed Analysts assigns Microsoft 365 E5 (9 seats, 3 held directly): two more members take the last seat and wait for one.
    for (const name of ['Ada Ito', 'Lena Novak']) {
      await h.click('Dana Lee', changeIdOf((await h.say('Dana Lee', `add ${name} to Licensed Analysts`)).cards), 'confirm');
    }
    await h.gate.licensing.process();
    await h.say('Dana Lee', 'review Licensed Analysts');
    await h.gate.background.idle();
    const card = h.cardOf('Dana Lee');
    const intro = replyText([{ kind: 'message', lines: card.intro }]);
    expect(intro).toContain('E5: 0 of 9 seats free, 1 person waiting for one.');
    const waiting = ['Ada Ito', 'Lena Novak'].filter((name) => rowOf(h, 'Dana Lee', name).flags.includes('Waiting for a seat (E5)'));
    expect(waiting).toHaveLength(1);
    const seated = ['Ada Ito', 'Lena Novak'].find((name) => !waiting.includes(name))!;
    expect(rowOf(h, 'Dana Lee', seated).facts).toContain('removing frees a seat (E5)');
    expect(rowOf(h, 'Dana Lee', 'Ben Ortiz').facts).toContain('removing frees a seat (E5)');
    expect(rowOf(h, 'Dana Lee', 'Lena Novak').flags).toContain('Guest account');
    expect(rowOf(h, 'Dana Lee', 'Ben Ortiz').flags).toEqual([]);
  });

  it("flags members outside the group's suggested rule, found once when the review starts", async () => {
    const h = await startReviewHarness();
    running.push(h);
    // Atlas Project is all Research, but for Kai Moreno of Sales.
    const atlas = groupId(sampleGroup('Atlas Project').id);
    for (const name of ['Rowan Pike', 'Liam Walker', 'Kai Moreno']) await h.gate.directory.addMember(atlas, userId(person(name).id));
    await h.say('Ines Duarte', 'review Atlas Project');
    await h.gate.background.idle();
    const intro = replyText([{ kind: 'message', lines: h.cardOf('Ines Duarte').intro }]);
    expect(intro).toMatch(/Suggested rule: .*Research.* \(1 of 6 members fall outside it\)\./);
    expect(rowOf(h, 'Ines Duarte', 'Kai Moreno').flags).toContain("Outside the group's suggested rule");
    expect(rowOf(h, 'Ines Duarte', 'Rowan Pike').flags).toEqual([]);
  });
});
