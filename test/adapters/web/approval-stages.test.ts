import { describe, expect, it } from 'vitest';
import type { BrowserEntry } from '../../../adapters/web/browser-entry.js';
import type { JoinRequest } from '../../../domain/join-requests/join-request.js';
import { keys } from '../../../domain/join-requests/join-request-records.js';
import { person } from '../../support/sample-tenant.js';
import { entryText, isMessage, postJson, webChatHarness } from './web-chat-client.js';

// Issue 19, approver side: stages (the requester's manager, then the owners), a quorum of two, the
// count shown live on every approver's card, and a note sent with Approve. Through the real web
// chat: typed commands, the click route, and each person's event stream.
const rowan = person('Rowan Pike'); // his manager is Ines Duarte
const ines = person('Ines Duarte');
const tomas = person('Tomas Berg');
const web = webChatHarness();

const actionsOf = (entry: BrowserEntry) => [...JSON.stringify(entry.card).matchAll(/"verb":"([\w.-]+)"/g)].map((m) => m[1]);
const updateOf = (id: string, match: RegExp) => (e: { event: string; data: unknown }) => e.event === 'update' && (e.data as BrowserEntry).id === id && match.test(entryText(e.data as BrowserEntry));
const click = (url: string, as: string, card: BrowserEntry, requestId: string, verb: string, note?: string) =>
  postJson(url, '/web/api/actions', { as, messageId: card.id, verb, data: { requestId, ...(note ? { note } : {}) } });

describe('approval stages and quorum in the web chat', () => {
  it("sends a request to the manager first, then to the owners, who need two approvals, showing the count live and the notes to the requester", async () => {
    const running = await web.start();
    const [inesPage, rowanPage, tomasPage] = [await web.events(ines.id), await web.events(rowan.id), await web.events(tomas.id)];
    const set = await web.say(ines.id, 'policy Atlas Project stages: manager, 2 of owners');
    expect(entryText(set.body.entries!.at(-1)!)).toMatch(/now go to stage 1, the requester's manager; then stage 2, 2 of the owners/);
    expect(entryText((await web.say(tomas.id, 'policy Atlas Project')).body.entries!.at(-1)!)).toMatch(/approved by stage 1, the requester's manager; then stage 2, 2 of the owners/);

    const asked = await web.say(rowan.id, 'join Atlas Project because I moved to the research team');
    const requestId = /R-\w+/.exec(entryText(asked.body.entries!.at(-1)!))![0];
    await running.gate.background.idle();
    // Stage 1: only Ines, as Rowan's manager, gets a card; Tomas gets none yet.
    const stage1 = (await inesPage.waitFor(isMessage(/Join request · Atlas Project/))).data as BrowserEntry;
    expect(entryText(stage1)).toMatch(/Stage 1 of 2 · 0 of 1 approval/);
    expect(tomasPage.seen.filter(isMessage(/Join request/))).toEqual([]);
    expect(entryText((await web.say(tomas.id, 'pending')).body.entries!.at(-1)!)).not.toMatch(new RegExp(requestId));

    expect((await click(running.url, ines.id, stage1, requestId, 'join-request.approve', 'Welcome to the team')).status).toBe(200);
    await running.gate.background.idle();
    expect(entryText((await rowanPage.waitFor(isMessage(/Stage 1 of your request/))).data as BrowserEntry)).toMatch(/approved by Ines Duarte\.[\s\S]*now at stage 2 of 2, with Ines Duarte, Tomas Berg[\s\S]*Ines Duarte's note: Welcome to the team/);
    expect(entryText((await web.say(rowan.id, 'my requests')).body.entries!.at(-1)!)).toMatch(/waiting .* — at stage 2 of 2, 0 of 2 approvals/);
    const stage1Closed = (await inesPage.waitFor(updateOf(stage1.id, /Stage 1 approved by Ines Duarte/))).data as BrowserEntry;
    expect(actionsOf(stage1Closed)).toEqual([]);

    // Stage 2: both owners get a card; the first approval is counted on both copies.
    const tomasCard = (await tomasPage.waitFor(isMessage(/Join request · Atlas Project/))).data as BrowserEntry;
    const inesCard = (await inesPage.waitFor((e) => isMessage(/Stage 2 of 2/)(e) && (e.data as BrowserEntry).id !== stage1.id)).data as BrowserEntry;
    expect(entryText(tomasCard)).toMatch(/Stage 2 of 2 · 0 of 2 approvals/);
    await click(running.url, tomas.id, tomasCard, requestId, 'join-request.approve');
    await running.gate.background.idle();
    expect(actionsOf((await inesPage.waitFor(updateOf(inesCard.id, /1 of 2 approvals: Tomas Berg/))).data as BrowserEntry)).toEqual(expect.arrayContaining(['join-request.approve']));
    const again = await click(running.url, tomas.id, tomasCard, requestId, 'join-request.approve');
    expect(JSON.stringify(again.body)).toMatch(/already counted/);

    await click(running.url, ines.id, inesCard, requestId, 'join-request.approve');
    await running.gate.background.idle();
    expect(entryText((await rowanPage.waitFor(isMessage(/approved your request/))).data as BrowserEntry)).toMatch(/you're now a member of Atlas Project/);
    expect(entryText((await tomasPage.waitFor(updateOf(tomasCard.id, /Approved by Ines Duarte/))).data as BrowserEntry)).not.toMatch(/Approve"/);
    const stored = await running.gate.store.get<JoinRequest>(keys.request(requestId as never));
    expect(stored).toMatchObject({ status: 'approved', decidedBy: ines.id, approvals: [{ stage: 0, by: ines.id, note: 'Welcome to the team' }, { stage: 1, by: tomas.id }, { stage: 1, by: ines.id }] });
    const audit = await web.say(ines.id, `audit Atlas Project`);
    const auditText = audit.body.entries!.filter((e) => e.author.kind === 'groupgate').map(entryText).join('\n');
    expect(auditText).toMatch(/approved a request[\s\S]*approved, counted towards a quorum[\s\S]*approved a stage/);
  }, 60_000);

  it('sends the note typed on the card with Approve, and the requester reads it', async () => {
    const running = await web.start();
    const [inesPage, rowanPage] = [await web.events(ines.id), await web.events(rowan.id)];
    const asked = await web.say(rowan.id, 'join Atlas Project because I moved to the research team');
    const requestId = /R-\w+/.exec(entryText(asked.body.entries!.at(-1)!))![0];
    const card = (await inesPage.waitFor(isMessage(/Join request · Atlas Project/))).data as BrowserEntry;
    expect(JSON.stringify(card.card)).toMatch(/Optional note for the requester"/);
    await click(running.url, ines.id, card, requestId, 'join-request.approve', 'See you at Monday stand-up');
    await running.gate.background.idle();
    expect(entryText((await rowanPage.waitFor(isMessage(/approved your request/))).data as BrowserEntry)).toMatch(/Ines Duarte's note: See you at Monday stand-up/);
  });
});
