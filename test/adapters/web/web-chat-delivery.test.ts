import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { handleMessage } from '../../../bot/handle-message.js';
import { message } from '../../../cards/card-view.js';
import type { BrowserEntry } from '../../../adapters/web/browser-entry.js';
import { person, sampleGroup } from '../../support/sample-tenant.js';
import { tempSqliteUrl } from '../../support/temp-store-url.js';
import { entryText, isMessage, postJson, webChatHarness } from './web-chat-client.js';
import { webChatFetch } from './web-chat-session.js';

const rowan = person('Rowan Pike');
const ines = person('Ines Duarte');
const web = webChatHarness();

describe('the page and its API', () => {
  it('lists everyone with their role from the directory, and the rooms', async () => {
    const running = await web.start();
    const response = await webChatFetch(running.url, '/web/api/people');
    const body = (await response.json()) as { people: Array<{ name: string; role: string; kind: string }>; rooms: Array<{ name: string }> };
    const roleOf = (name: string) => body.people.find((p) => p.name === name)?.role;
    expect(roleOf('Rowan Pike')).toBe('requester');
    expect(roleOf('Ines Duarte')).toMatch(/^owner of .*Atlas Project/);
    expect(roleOf('Riley Chen')).toBe('License Administrator');
    expect(body.people[0]?.kind).toBe('admin');
    expect(body.rooms.map((r) => r.name)).toEqual(['#alerts']);
  });

  it('serves the page with a strict content policy and the card renderer from the adaptivecards package', async () => {
    const running = await web.start();
    const page = await webChatFetch(running.url, '/');
    expect(page.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
    expect(await page.text()).toMatch(/<script src="\/web\/adaptivecards.min.js"/);
    const renderer = await webChatFetch(running.url, '/web/adaptivecards.min.js');
    const shipped = readFileSync(createRequire(import.meta.url).resolve('adaptivecards/dist/adaptivecards.min.js'), 'utf8');
    expect(await renderer.text()).toBe(shipped);
  });

  it('prints its address and a try-this story that works as told', async () => {
    const running = await web.start();
    const [where, ask, approve, admins] = running.surfaces.find((s) => s.name === 'web chat')?.startupLines ?? [];
    expect(where).toContain(`${running.url}/`);

    const inesPage = await web.events(ines.id);
    expect(ask).toMatch(/As Rowan Pike \(requester\), type: /);
    expect(entryText((await web.say(rowan.id, ask!.split('type: ')[1]!)).body.entries!.at(-1)!)).toMatch(/I've asked the 2 owners of Atlas Project/);
    expect(approve).toMatch(/As Ines Duarte \(owner of Atlas Project\), click Approve/);
    await inesPage.waitFor(isMessage(/Join request · Atlas Project/));

    // Step 3, as printed: the admin subscribes #alerts, two people ask, the owner approves both, the alert lands.
    const [, admin, subscribe, room, first, second, group, owner] =
      /As (.+?) \(License Administrator\), type "(.+?)" in #(\w+); then (.+?) and (.+?) ask to join (.+?) and (.+?) approves both/.exec(admins!) ?? [];
    const adminPage = await web.events(person(admin!).id);
    await web.say(person(admin!).id, subscribe!, room);
    const ownerPage = await web.events(person(owner!).id);
    for (const name of [first!, second!]) {
      await web.say(person(name).id, `join ${group}`);
      const card = (await ownerPage.waitFor(isMessage(new RegExp(`Join request · ${group}[\\s\\S]*${name}`)))).data as BrowserEntry;
      const requestId = /R-\w+/.exec(JSON.stringify(card.card))![0];
      expect((await postJson(running.url, '/web/api/actions', { as: person(owner!).id, messageId: card.id, verb: 'join-request.approve', data: { requestId } })).status).toBe(200);
    }
    const alert = (await adminPage.waitFor(isMessage(/License shortfall · Microsoft 365 E5/))).data as BrowserEntry;
    expect(alert.where).toBe(room);
    expect(entryText(alert)).toMatch(new RegExp(`${second}`));
  });
});

describe('live delivery', () => {
  it('pushes a card the messenger sends — an ownerless group’s request reaches an admin — and keeps it for later', async () => {
    const running = await web.start();
    const jordan = person('Jordan Blake');
    const live = await web.events(jordan.id);
    await live.waitFor((e) => e.event === 'ready');

    const asked = await web.say(rowan.id, 'join Orphaned Wiki because I maintain the docs');
    expect(asked.status).toBe(200);
    expect(asked.body.entries?.map(entryText)).toEqual(['join Orphaned Wiki because I maintain the docs', expect.stringMatching(/Orphaned Wiki/)]);
    const card = await live.waitFor(isMessage(/Join request · Orphaned Wiki/));
    expect((card.data as BrowserEntry).card).toMatchObject({ type: 'AdaptiveCard', version: '1.5' });

    // Someone who opens the page later finds it waiting.
    const later = await web.events(jordan.id);
    await later.waitFor(isMessage(/Rowan Pike.*asks to join Orphaned Wiki/));
  });

  it('posts channel messages into the #alerts room, which everyone on the page sees, and answers there', async () => {
    const running = await web.start();
    const riley = person('Riley Chen');
    const page = await web.events(rowan.id);
    const alert = message([['E5 is running low: 4 of 250 seats free.']], { tone: 'warning' });
    expect(await running.gate.messenger.sendToChannel({ platform: 'web', id: 'alerts', name: '#alerts' }, alert)).toMatchObject({ platform: 'web' });
    expect(await running.gate.messenger.sendToChannel({ platform: 'web', id: 'general' }, alert)).toBeUndefined();
    const posted = await page.waitFor(isMessage(/E5 is running low/));
    expect(posted.data).toMatchObject({ where: 'alerts' });

    const typed = await web.say(riley.id, 'help', 'alerts');
    expect(typed.body.entries?.map((e) => e.where)).toEqual(['alerts', 'alerts']);
    await page.waitFor((e) => e.event === 'message' && (e.data as BrowserEntry).author.name === 'Riley Chen');
  });

  it('replaces a clicked card for the clicker and every other open page, and tells the requester', async () => {
    const running = await web.start();
    const inesPage = await web.events(ines.id);
    const rowanPage = await web.events(rowan.id);
    await web.say(rowan.id, 'join Atlas Project because I moved to the research team');
    const card = (await inesPage.waitFor(isMessage(/Join request · Atlas Project/))).data as BrowserEntry;

    const clicked = await postJson(running.url, '/web/api/actions', { as: ines.id, messageId: card.id, verb: 'join-request.approve', data: { requestId: /R-\w+/.exec(JSON.stringify(card.card))![0] } });
    expect(clicked.status).toBe(200);
    expect(entryText(clicked.body.entries![0]!)).toMatch(/✅ Approved by Ines Duarte/);
    expect(clicked.body.entries![0]!.id).toBe(card.id);
    await running.gate.background.idle();

    await inesPage.waitFor((e) => e.event === 'update' && (e.data as BrowserEntry).id === card.id);
    await rowanPage.waitFor(isMessage(/Ines Duarte approved your request — you're now a member of Atlas Project/));
    expect(await running.gate.directory.listMembers(sampleGroup('Atlas Project').id as never)).toContain(rowan.id);
  });

  it('refuses a click by someone who may not decide, and leaves the card as it was', async () => {
    const running = await web.start();
    const inesPage = await web.events(ines.id);
    await web.say(rowan.id, 'join Atlas Project');
    const card = (await inesPage.waitFor(isMessage(/Join request · Atlas Project/))).data as BrowserEntry;
    const requestId = /R-\w+/.exec(JSON.stringify(card.card))![0];
    // Sam cannot reach Ines's card, and a click in his own chat is judged by who he is, not by what the card says.
    const sam = person('Sam Carter');
    const foreign = await postJson(running.url, '/web/api/actions', { as: sam.id, messageId: card.id, verb: 'join-request.approve', data: { requestId } });
    expect(foreign.status).toBe(404);
    const help = (await web.say(sam.id, 'help')).body.entries!.at(-1)!;
    const forged = await postJson(running.url, '/web/api/actions', { as: sam.id, messageId: help.id, verb: 'join-request.approve', data: { requestId } });
    expect(forged.status).toBe(200);
    expect(forged.body.entries?.map(entryText)).toEqual([expect.stringMatching(/owner/)]);
    expect((await running.gate.store.get<{ status: string }>(`join-request:${requestId}`))?.status).toBe('pending');
  });

  it('keeps conversations across a restart and delivers approvals that waited for the owner to open the page', async () => {
    const storeUrl = tempSqliteUrl();
    const unreachable = await web.start({ STORE_URL: storeUrl, TEAMS: 'off', WEB_CHAT: 'off' });
    // With no chat surface on, nobody can be reached: the request waits.
    await handleMessage(unreachable.gate, { actor: rowan, platform: 'web' }, 'join Atlas Project');
    await unreachable.gate.background.idle();

    await web.start({ STORE_URL: storeUrl, TEAMS: 'off' });
    await web.say(rowan.id, 'my requests');

    await web.start({ STORE_URL: storeUrl, TEAMS: 'off' });
    const rowanPage = await web.events(rowan.id);
    await rowanPage.waitFor((e) => e.event === 'message' && (e.data as BrowserEntry).text === 'my requests');
    const inesPage = await web.events(ines.id);
    await inesPage.waitFor(isMessage(/Join request · Atlas Project/));
  });
});
