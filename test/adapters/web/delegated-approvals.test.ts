import { describe, expect, it } from 'vitest';
import type { BrowserEntry } from '../../../adapters/web/browser-entry.js';
import { person } from '../../support/sample-tenant.js';
import { entryText, isMessage, postJson, webChatHarness } from './web-chat-client.js';

// Issue 19, delegates: `delegate my approvals to <person> until <date>` gives the delegate the
// cards and the right to decide for the approver, recorded "by X for Y". Through the real web chat.
const rowan = person('Rowan Pike');
const ines = person('Ines Duarte');
const tomas = person('Tomas Berg');
const dana = person('Dana Lee');
const web = webChatHarness();
const said = async (as: string, text: string) => (await web.say(as, text)).body.entries!.filter((e) => e.author.kind === 'groupgate').map(entryText).join('\n');

describe('delegated approvals in the web chat', () => {
  it("sends the delegate the approver's cards, lets them decide for the approver, and records it as by one for the other", async () => {
    const running = await web.start();
    const [danaPage, tomasPage, rowanPage] = [await web.events(dana.id), await web.events(tomas.id), await web.events(rowan.id)];
    expect(await said(ines.id, 'delegate my approvals to Dana Lee until 2099-12-24')).toMatch(/A delegation lasts at most a year/);
    expect(await said(ines.id, 'delegate my approvals to Dana Lee until 2w')).toMatch(/Dana Lee gets your approval cards and may decide for you until \d{4}-\d{2}-\d{2}/);
    expect(entryText((await danaPage.waitFor(isMessage(/Ines Duarte delegated their approvals to you/))).data as BrowserEntry)).toMatch(/never on your own requests/);

    const asked = await said(rowan.id, 'join Atlas Project because I moved to the research team');
    const requestId = /R-\w+/.exec(asked)![0];
    const danasCard = (await danaPage.waitFor(isMessage(/Join request · Atlas Project/))).data as BrowserEntry;
    const tomasCard = (await tomasPage.waitFor(isMessage(/Join request · Atlas Project/))).data as BrowserEntry;

    const clicked = await postJson(running.url, '/web/api/actions', { as: dana.id, messageId: danasCard.id, verb: 'join-request.approve', data: { requestId } });
    expect(clicked.status).toBe(200);
    await running.gate.background.idle();
    expect(entryText((await rowanPage.waitFor(isMessage(/approved your request/))).data as BrowserEntry)).toMatch(/Dana Lee approved your request/);
    const tomasCopy = (await tomasPage.waitFor((e) => e.event === 'update' && (e.data as BrowserEntry).id === tomasCard.id)).data as BrowserEntry;
    expect(entryText(tomasCopy)).toMatch(/Approved by Dana Lee for Ines Duarte/);
    expect(await said(ines.id, 'audit Atlas Project')).toMatch(/approved a request[\s\S]*for Ines Duarte/);

    expect(await said(ines.id, 'stop delegating')).toMatch(/Your approvals are yours again/);
    const cardsBefore = danaPage.seen.filter(isMessage(/Join request · Atlas Project/)).length;
    await said(rowan.id, 'leave Atlas Project');
    await said(rowan.id, 'join Atlas Project because I moved to the research team');
    await running.gate.background.idle();
    await tomasPage.waitFor((e) => isMessage(/Join request · Atlas Project/)(e) && (e.data as BrowserEntry).id !== tomasCard.id);
    expect(danaPage.seen.filter(isMessage(/Join request · Atlas Project/))).toHaveLength(cardsBefore);
  }, 60_000);
});
