import { describe, expect, it } from 'vitest';
import type { BrowserEntry } from '../../../adapters/web/browser-entry.js';
import type { JoinRequest } from '../../../domain/join-requests/join-request.js';
import { keys } from '../../../domain/join-requests/join-request-records.js';
import { person, sampleGroup } from '../../support/sample-tenant.js';
import { entryText, isMessage, postJson, webChatHarness } from './web-chat-client.js';

// Issue 19, on behalf: a manager asks for a direct report (`join <group> for <person> because …`).
// The request is the person's: they are told, with a button to withdraw it; the approvers' cards say
// who asked; neither the person nor the manager may approve it; someone else's manager is refused.
const dana = person('Dana Lee'); // Ada Ito's manager
const ada = person('Ada Ito');
const ines = person('Ines Duarte');
const rowan = person('Rowan Pike');
const web = webChatHarness();
const said = async (as: string, text: string) => (await web.say(as, text)).body.entries!.filter((e) => e.author.kind === 'groupgate').map(entryText).join('\n');

describe('asking to join on behalf of a direct report in the web chat', () => {
  it("files the person's request, tells them with Withdraw, shows the asker on the cards, and lets neither approve it", async () => {
    const running = await web.start();
    const [adaPage, inesPage, danaPage] = [await web.events(ada.id), await web.events(ines.id), await web.events(dana.id)];
    expect(await said(ines.id, 'add owner Dana Lee to Atlas Project')).toMatch(/Dana Lee/);

    expect(await said(rowan.id, 'join Atlas Project for Ada Ito because she joins the research team')).toMatch(/Only Ada Ito's manager \(Dana Lee\) or an admin can ask for Ada Ito to join a group/);

    const asked = await said(dana.id, 'join Atlas Project for Ada Ito because she joins the research team');
    expect(asked).toMatch(/I've asked the 2 owners of Atlas Project \(Ines Duarte and Tomas Berg\)\. I'll let Ada Ito know as soon as one of them decides/);
    const requestId = /R-\w+/.exec(asked)![0];
    const stored = await running.gate.store.get<JoinRequest>(keys.request(requestId as never));
    expect(stored).toMatchObject({ requesterId: ada.id, askedBy: dana.id, status: 'pending' });

    const told = (await adaPage.waitFor(isMessage(/Dana Lee asked for you to join Atlas Project/))).data as BrowserEntry;
    expect(entryText(told)).toMatch(/she joins the research team[\s\S]*withdraw it/);
    expect(JSON.stringify(told.card)).toMatch(/Withdraw request/);
    const inesCard = (await inesPage.waitFor(isMessage(/Join request · Atlas Project/))).data as BrowserEntry;
    expect(entryText(inesCard)).toMatch(/Ada Ito.* asks to join Atlas Project\.Asked by Dana Lee for Ada Ito\./);

    // Dana owns the group now, yet gets no card for the request she asked for, cannot approve it, and pending leaves it out.
    await running.gate.background.idle();
    expect(danaPage.seen.filter(isMessage(/Join request · Atlas Project/))).toEqual([]);
    const approved = await postJson(running.url, '/web/api/actions', { as: dana.id, messageId: inesCard.id, verb: 'join-request.approve', data: { requestId } });
    expect(JSON.stringify(approved.body)).toMatch(/You can't decide a request you asked for someone else/);
    expect(await said(dana.id, 'pending')).not.toMatch(new RegExp(requestId));
    expect((await running.gate.store.get<JoinRequest>(keys.request(requestId as never)))?.status).toBe('pending');

    expect(await said(ines.id, 'audit Atlas Project')).toMatch(/Dana Lee asked to join · Ada Ito[\s\S]*for Ada Ito/);

    // Ada withdraws it with the button she was sent.
    const withdrawn = await postJson(running.url, '/web/api/actions', { as: ada.id, messageId: told.id, verb: 'join-request.cancel', data: { requestId } });
    expect(withdrawn.status).toBe(200);
    await running.gate.background.idle();
    expect((await running.gate.store.get<JoinRequest>(keys.request(requestId as never)))?.status).toBe('cancelled');
  }, 60_000);

  it('reads a length after the person, and adds them to an open group at once', async () => {
    const running = await web.start();
    const adaPage = await web.events(ada.id);
    expect(await said(dana.id, 'join Lunch Club for Ada Ito for 8h because team lunch')).toMatch(/Done — Ada Ito is now a member of Lunch Club until .+\. I've told them/);
    expect(entryText((await adaPage.waitFor(isMessage(/Dana Lee added you to Lunch Club/))).data as BrowserEntry)).toMatch(/team lunch/);
    expect(await running.gate.directory.isMember(sampleGroup('Lunch Club').id, ada.id)).toBe(true);
    expect(await running.gate.directory.isMember(sampleGroup('Lunch Club').id, dana.id)).toBe(false);
  }, 60_000);
});
