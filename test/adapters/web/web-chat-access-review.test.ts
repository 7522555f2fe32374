import { describe, expect, it } from 'vitest';
import type { BrowserEntry } from '../../../adapters/web/browser-entry.js';
import { runReviewSweep } from '../../../bot/access-reviews/run-review-sweep.js';
import { groupId } from '../../../domain/model/ids.js';
import { person, sampleGroup } from '../../support/sample-tenant.js';
import { entryText, isMessage, postJson, webChatHarness } from './web-chat-client.js';

// Issue 20 through the real web chat: typed messages, the click route, and the event stream each
// page reads (the story the README tells on the sample tenant).
const ines = person('Ines Duarte');
const tomas = person('Tomas Berg');
const rowan = person('Rowan Pike');
const web = webChatHarness();

describe('an access review in the web chat', () => {
  it("Ines starts it, Tomas removes Rowan and keeps the others but himself, Ines's card follows live, and Rowan is removed and told at the end", async () => {
    const running = await web.start();
    const [inesPage, tomasPage, rowanPage] = [await web.events(ines.id), await web.events(tomas.id), await web.events(rowan.id)];
    await running.gate.directory.addMember(groupId(sampleGroup('Atlas Project').id), rowan.id);
    const started = await web.say(ines.id, 'review Atlas Project');
    expect(entryText(started.body.entries!.at(-1)!)).toMatch(/^Started an access review of Atlas Project \(V-\w{6}\): 4 members/);
    await running.gate.background.idle();
    const tomasCard = (await tomasPage.waitFor(isMessage(/Access review · Atlas Project/))).data as BrowserEntry;
    const inesCard = (await inesPage.waitFor(isMessage(/Access review · Atlas Project/))).data as BrowserEntry;
    const reviewId = /"reviewId":"(V-\w{6})"/.exec(JSON.stringify(tomasCard.card))![1]!;

    const removed = await postJson(running.url, '/web/api/actions', { as: tomas.id, messageId: tomasCard.id, verb: 'access-review.remove', data: { reviewId, memberId: rowan.id, reason: 'moved to sales' } });
    expect(removed.status).toBe(200);
    const kept = await postJson(running.url, '/web/api/actions', { as: tomas.id, messageId: tomasCard.id, verb: 'access-review.keep-rest', data: { reviewId } });
    // Nobody reviews their own membership: Tomas's stays for Ines to decide.
    expect(entryText(kept.body.entries![0]!)).toContain('3 of 4 reviewed: 2 kept, 1 to remove, 1 left');
    await running.gate.background.idle();
    const inesUpdate = await inesPage.waitFor((e) => e.event === 'update' && (e.data as BrowserEntry).id === inesCard.id && entryText(e.data as BrowserEntry).includes('3 of 4 reviewed'));
    expect(entryText(inesUpdate.data as BrowserEntry)).toContain('❌ To remove by Tomas Berg');

    // Its end comes with the clock: the sweep GroupGate runs on its beat, run here on a core whose clock reads 15 days on.
    const later = new Date(Date.now() + 15 * 86_400_000);
    await runReviewSweep({ ...running.gate, clock: { now: () => later } }, 0);
    await running.gate.background.idle();
    expect(entryText((await rowanPage.waitFor(isMessage(/You were removed from Atlas Project by its access review/))).data as BrowserEntry)).toContain('moved to sales');
  });
});
