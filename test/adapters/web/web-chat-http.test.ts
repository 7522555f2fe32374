import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { createRequire } from 'node:module';
import type { Socket } from 'node:net';
import restify from 'restify';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../bot/config.js';
import { handleMessage } from '../../../bot/handle-message.js';
import type { RunningGroupGate } from '../../../bot/start-groupgate.js';
import { message } from '../../../cards/card-view.js';
import { silentLogger } from '../../../domain/ports/logger.js';
import { mountWeb } from '../../../adapters/web/mount-web.js';
import { webChatWanted } from '../../../adapters/web/web-chat-wanted.js';
import type { BrowserEntry } from '../../../adapters/web/browser-entry.js';
import { person, sampleGroup } from '../../support/sample-tenant.js';
import { startTestGroupGate } from '../../support/start-test-groupgate.js';
import { tempSqliteUrl } from '../../support/temp-store-url.js';
import { entryText, postJson } from './web-chat-client.js';
import { openWebEvents, type WebEventsReader } from './web-events-reader.js';

const rowan = person('Rowan Pike');
const ines = person('Ines Duarte');

let running: RunningGroupGate | undefined;
const readers: WebEventsReader[] = [];
afterEach(async () => {
  readers.splice(0).forEach((reader) => reader.close());
  await running?.stop();
  running = undefined;
});

async function events(as: string): Promise<WebEventsReader> {
  const reader = await openWebEvents(running!.url, as);
  readers.push(reader);
  return reader;
}

const say = (as: string, text: string, where = 'direct') => postJson(running!.url, '/web/api/messages', { as, where, text });
const isCard = (match: RegExp) => (e: { event: string; data: unknown }) => e.event === 'message' && match.test(entryText(e.data as BrowserEntry));

describe('when the web chat is on', () => {
  it('is on by default on loopback, off when Teams or Slack credentials are set unless WEB_CHAT=on, and WEB_CHAT=off wins', () => {
    const wanted = (env: Record<string, string>) => webChatWanted(loadConfig({ HOST: '127.0.0.1', ...env }));
    expect(wanted({})).toBe(true);
    expect(wanted({ MicrosoftAppId: '00000000-0000-0000-0000-000000000001' })).toBe(false);
    expect(wanted({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'secret' })).toBe(false);
    expect(wanted({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'secret', WEB_CHAT: 'on' })).toBe(true);
    expect(wanted({ WEB_CHAT: 'off' })).toBe(false);
    expect(wanted({ HOST: '0.0.0.0' })).toBe(false);
  });

  it('refuses to mount with WEB_CHAT=on on a non-loopback address, saying why', async () => {
    running = await startTestGroupGate();
    const config = loadConfig({ HOST: '0.0.0.0', WEB_CHAT: 'on', STORE_URL: tempSqliteUrl() });
    // A server that never listens: the point is that mounting stops before any route exists.
    const server = restify.createServer();
    await expect(mountWeb({ server, gate: running.gate, config, logger: silentLogger })).rejects.toThrow(
      /WEB_CHAT: the web chat lets anyone pick who they are, so it only runs when GroupGate listens on this computer alone; HOST is 0\.0\.0\.0/,
    );
  });
  it('prints its address and a try-this story that works as told', async () => {
    running = await startTestGroupGate({ WEB_CHAT: 'on' });
    const [where, ask, approve, admins] = running.surfaces.find((s) => s.name === 'web chat')?.startupLines ?? [];
    expect(where).toContain(`${running.url}/`);

    const inesPage = await events(ines.id);
    expect(ask).toMatch(/As Rowan Pike \(requester\), type: /);
    expect(entryText((await say(rowan.id, ask!.split('type: ')[1]!)).body.entries!.at(-1)!)).toMatch(/I've asked the 2 owners of Atlas Project/);
    expect(approve).toMatch(/As Ines Duarte \(owner of Atlas Project\), click Approve/);
    await inesPage.waitFor(isCard(/Join request · Atlas Project/));

    const [, admin, command] = /As (.+?) \(Groups Administrator\).*"(.+?)"/.exec(admins!) ?? [];
    const adminPage = await events(person(admin!).id);
    await say(person('Sam Carter').id, command!);
    await adminPage.waitFor(isCard(/Join request · Orphaned Wiki/));
  });
});

describe('impersonation stays on this computer', () => {
  it('refuses every route, page included, to a peer that is not on loopback', async () => {
    running = await startTestGroupGate({ WEB_CHAT: 'on' });
    // The connection is real and local; the server is told it comes from elsewhere, as it would behind a NAT or proxy.
    running.server.server.prependListener('connection', (socket: Socket) => Object.defineProperty(socket, 'remoteAddress', { value: '203.0.113.9' }));
    for (const path of ['/', '/web/app.js', '/web/api/people', `/web/events?as=${rowan.id}`]) {
      const response = await fetch(`${running.url}${path}`);
      expect(response.status, path).toBe(403);
      expect(((await response.json()) as { message: string }).message).toMatch(/only answers requests from this computer/);
    }
    const typed = await say(rowan.id, 'join Atlas Project');
    expect(typed.status).toBe(403);
    expect(await running.gate.store.list('join-request:')).toHaveLength(0);
  });

  it('refuses a page that reached it under another name (DNS rebinding) or posts from another site', async () => {
    running = await startTestGroupGate({ WEB_CHAT: 'on' });
    // fetch won't set Host, so ask with node:http, as a browser that resolved attacker.example to 127.0.0.1 would.
    const rebound = await new Promise<number | undefined>((resolve, reject) =>
      request(`${running!.url}/web/api/people`, { headers: { host: 'attacker.example:3978' } }, (res) => resolve(res.resume().statusCode)).on('error', reject).end(),
    );
    expect(rebound).toBe(403);
    const crossSite = await postJson(running.url, '/web/api/messages', { as: rowan.id, text: 'join Atlas Project' }, { origin: 'http://attacker.example' });
    expect(crossSite).toMatchObject({ status: 403, body: { message: 'The web chat only accepts requests from its own page.' } });
    const form = await postJson(running.url, '/web/api/messages', `as=${rowan.id}&text=join`, { 'content-type': 'application/x-www-form-urlencoded' });
    expect(form).toMatchObject({ status: 415, body: { message: 'Send a JSON body with Content-Type: application/json.' } });
  });
});

describe('the JSON API', () => {
  it('answers bad input with a 4xx that says what is wrong', async () => {
    running = await startTestGroupGate({ WEB_CHAT: 'on' });
    const badJson = await postJson(running.url, '/web/api/messages', '{"as": "x", text: }');
    expect(badJson.status).toBe(400);
    expect(badJson.body.message).toMatch(/^Invalid JSON/);
    const missing = await postJson(running.url, '/web/api/messages', { as: rowan.id });
    expect(missing).toMatchObject({ status: 400, body: { message: 'text: expected the text you typed' } });
    const extra = await postJson(running.url, '/web/api/messages', { as: rowan.id, text: 'help', admin: true });
    expect(extra.status).toBe(400);
    expect(extra.body.message).toMatch(/admin/);
    const nobody = await say('no-such-person', 'help');
    expect(nobody).toMatchObject({ status: 404, body: { message: expect.stringMatching(/There is no one with id "no-such-person"/) } });
    const room = await say(rowan.id, 'help', 'general');
    expect(room).toMatchObject({ status: 404, body: { message: 'There is no room "general"; the rooms are alerts.' } });
    const huge = await postJson(running.url, '/web/api/messages', { as: rowan.id, text: 'x'.repeat(70_000) });
    expect(huge.status).toBe(413);
    const noCard = await postJson(running.url, '/web/api/actions', { as: ines.id, messageId: '0000000099', verb: 'join-request.approve', data: { requestId: 'R-AAAA' } });
    expect(noCard).toMatchObject({ status: 404, body: { message: 'There is no card 0000000099 in this conversation.' } });
  });

  it('lists everyone with their role from the directory, and the rooms', async () => {
    running = await startTestGroupGate({ WEB_CHAT: 'on' });
    const response = await fetch(`${running.url}/web/api/people`);
    const body = (await response.json()) as { people: Array<{ name: string; role: string; kind: string }>; rooms: Array<{ name: string }> };
    const roleOf = (name: string) => body.people.find((p) => p.name === name)?.role;
    expect(roleOf('Rowan Pike')).toBe('requester');
    expect(roleOf('Ines Duarte')).toMatch(/^owner of .*Atlas Project/);
    expect(roleOf('Riley Chen')).toBe('License Administrator');
    expect(body.people[0]?.kind).toBe('admin');
    expect(body.rooms.map((r) => r.name)).toEqual(['#alerts']);
  });

  it('serves the page with a strict content policy and the card renderer from the adaptivecards package', async () => {
    running = await startTestGroupGate({ WEB_CHAT: 'on' });
    const page = await fetch(`${running.url}/`);
    expect(page.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
    expect(await page.text()).toMatch(/<script src="\/web\/adaptivecards.min.js"/);
    const renderer = await fetch(`${running.url}/web/adaptivecards.min.js`);
    const shipped = readFileSync(createRequire(import.meta.url).resolve('adaptivecards/dist/adaptivecards.min.js'), 'utf8');
    expect(await renderer.text()).toBe(shipped);
  });
});

describe('live delivery', () => {
  it('pushes a card the messenger sends — an ownerless group’s request reaches an admin — and keeps it for later', async () => {
    running = await startTestGroupGate({ WEB_CHAT: 'on' });
    const jordan = person('Jordan Blake');
    const live = await events(jordan.id);
    await live.waitFor((e) => e.event === 'ready');

    const asked = await say(rowan.id, 'join Orphaned Wiki because I maintain the docs');
    expect(asked.status).toBe(200);
    expect(asked.body.entries?.map(entryText)).toEqual(['join Orphaned Wiki because I maintain the docs', expect.stringMatching(/Orphaned Wiki/)]);
    const card = await live.waitFor(isCard(/Join request · Orphaned Wiki/));
    expect((card.data as BrowserEntry).card).toMatchObject({ type: 'AdaptiveCard', version: '1.5' });

    // Someone who opens the page later finds it waiting.
    const later = await events(jordan.id);
    await later.waitFor(isCard(/Rowan Pike.*asks to join Orphaned Wiki/));
  });

  it('posts channel messages into the #alerts room, which everyone on the page sees, and answers there', async () => {
    running = await startTestGroupGate({ WEB_CHAT: 'on' });
    const riley = person('Riley Chen');
    const page = await events(rowan.id);
    const alert = message([['E5 is running low: 4 of 250 seats free.']], { tone: 'warning' });
    expect(await running.gate.messenger.sendToChannel({ platform: 'web', id: 'alerts', name: '#alerts' }, alert)).toMatchObject({ platform: 'web' });
    expect(await running.gate.messenger.sendToChannel({ platform: 'web', id: 'general' }, alert)).toBeUndefined();
    const posted = await page.waitFor(isCard(/E5 is running low/));
    expect(posted.data).toMatchObject({ where: 'alerts' });

    const typed = await say(riley.id, 'help', 'alerts');
    expect(typed.body.entries?.map((e) => e.where)).toEqual(['alerts', 'alerts']);
    await page.waitFor((e) => e.event === 'message' && (e.data as BrowserEntry).author.name === 'Riley Chen');
  });

  it('replaces a clicked card for the clicker and every other open page, and tells the requester', async () => {
    running = await startTestGroupGate({ WEB_CHAT: 'on' });
    const inesPage = await events(ines.id);
    const rowanPage = await events(rowan.id);
    await say(rowan.id, 'join Atlas Project because I moved to the research team');
    const card = (await inesPage.waitFor(isCard(/Join request · Atlas Project/))).data as BrowserEntry;

    const clicked = await postJson(running.url, '/web/api/actions', { as: ines.id, messageId: card.id, verb: 'join-request.approve', data: { requestId: /R-\w+/.exec(JSON.stringify(card.card))![0] } });
    expect(clicked.status).toBe(200);
    expect(entryText(clicked.body.entries![0]!)).toMatch(/✅ Approved by Ines Duarte/);
    expect(clicked.body.entries![0]!.id).toBe(card.id);
    await running.gate.background.idle();

    await inesPage.waitFor((e) => e.event === 'update' && (e.data as BrowserEntry).id === card.id);
    await rowanPage.waitFor(isCard(/Ines Duarte approved your request — you're now a member of Atlas Project/));
    expect(await running.gate.directory.listMembers(sampleGroup('Atlas Project').id as never)).toContain(rowan.id);
  });

  it('refuses a click by someone who may not decide, and leaves the card as it was', async () => {
    running = await startTestGroupGate({ WEB_CHAT: 'on' });
    const inesPage = await events(ines.id);
    await say(rowan.id, 'join Atlas Project');
    const card = (await inesPage.waitFor(isCard(/Join request · Atlas Project/))).data as BrowserEntry;
    const requestId = /R-\w+/.exec(JSON.stringify(card.card))![0];
    // Sam cannot reach Ines's card, and a click in his own chat is judged by who he is, not by what the card says.
    const sam = person('Sam Carter');
    const foreign = await postJson(running.url, '/web/api/actions', { as: sam.id, messageId: card.id, verb: 'join-request.approve', data: { requestId } });
    expect(foreign.status).toBe(404);
    const help = (await say(sam.id, 'help')).body.entries!.at(-1)!;
    const forged = await postJson(running.url, '/web/api/actions', { as: sam.id, messageId: help.id, verb: 'join-request.approve', data: { requestId } });
    expect(forged.status).toBe(200);
    expect(forged.body.entries?.map(entryText)).toEqual([expect.stringMatching(/owner/)]);
    expect((await running.gate.store.get<{ status: string }>(`join-request:${requestId}`))?.status).toBe('pending');
  });

  it('keeps conversations across a restart and delivers approvals that waited for the owner to open the page', async () => {
    const storeUrl = tempSqliteUrl();
    running = await startTestGroupGate({ STORE_URL: storeUrl, TEAMS: 'off', WEB_CHAT: 'off' });
    // With no chat surface on, nobody can be reached: the request waits.
    await handleMessage(running.gate, { actor: rowan, platform: 'web' }, 'join Atlas Project');
    await running.gate.background.idle();
    await running.stop();

    running = await startTestGroupGate({ STORE_URL: storeUrl, TEAMS: 'off', WEB_CHAT: 'on' });
    await say(rowan.id, 'my requests');
    await running.stop();

    running = await startTestGroupGate({ STORE_URL: storeUrl, TEAMS: 'off', WEB_CHAT: 'on' });
    const rowanPage = await events(rowan.id);
    await rowanPage.waitFor((e) => e.event === 'message' && (e.data as BrowserEntry).text === 'my requests');
    const inesPage = await events(ines.id);
    await inesPage.waitFor(isCard(/Join request · Atlas Project/));
  });
});
