import { request } from 'node:http';
import type { Socket } from 'node:net';
import restify from 'restify';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../bot/config.js';
import { silentLogger } from '../../../domain/ports/logger.js';
import { mountWeb } from '../../../adapters/web/mount-web.js';
import { webChatWanted } from '../../../adapters/web/web-chat-wanted.js';
import { person } from '../../support/sample-tenant.js';
import { expectNothingChanged, snapshotState } from '../../support/state-snapshot.js';
import { tempSqliteUrl } from '../../support/temp-store-url.js';
import { printedWebChatPage } from '../../support/web-chat-pages.js';
import { postJson, webChatHarness } from './web-chat-client.js';
import { webChatFetch, webChatHeaders } from './web-chat-session.js';

const rowan = person('Rowan Pike');
const alex = person('Alex Morgan');
const web = webChatHarness();

/** A request sent with exactly these headers, as a relay or a script would send it (fetch adds its own). */
function rawRequest(url: string, headers: Record<string, string>, body?: string): Promise<{ status: number | undefined; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: body === undefined ? 'GET' : 'POST', headers }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (chunk: string) => (text += chunk)).on('end', () => resolve({ status: res.statusCode, text }));
    });
    req.on('error', reject).end(body);
  });
}

describe('when the web chat is on', () => {
  it('is on by default on loopback, off when Teams or Slack credentials are set unless WEB_CHAT=on, and WEB_CHAT=off wins', () => {
    const wanted = (env: Record<string, string>) => webChatWanted(loadConfig({ HOST: '127.0.0.1', ...env }));
    expect(wanted({})).toBe(true);
    expect(wanted({ MicrosoftAppId: '00000000-0000-0000-0000-000000000001', MicrosoftAppPassword: 'secret', MicrosoftAppTenantId: '00000000-0000-0000-0000-000000000002' })).toBe(false);
    expect(wanted({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'secret' })).toBe(false);
    expect(wanted({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'secret', WEB_CHAT: 'on' })).toBe(true);
    expect(wanted({ WEB_CHAT: 'off' })).toBe(false);
    expect(wanted({ HOST: '0.0.0.0' })).toBe(false);
  });

  it('refuses to mount with WEB_CHAT=on on a non-loopback address, saying why', async () => {
    const { gate } = await web.start({ WEB_CHAT: 'off' });
    const config = loadConfig({ HOST: '0.0.0.0', WEB_CHAT: 'on', STORE_URL: tempSqliteUrl() });
    // A server that never listens: the point is that mounting stops before any route exists.
    await expect(mountWeb({ server: restify.createServer(), gate, config, logger: silentLogger })).rejects.toThrow(
      /WEB_CHAT: the web chat lets anyone pick who they are, so it only runs when GroupGate listens on this computer alone; HOST is 0\.0\.0\.0/,
    );
  });
});

describe('impersonation stays on this computer', () => {
  it('refuses every route, page included, to a peer that is not on loopback', async () => {
    const running = await web.start();
    // The key, taken before connections are made to look remote; new connections (node:http, not fetch's pool) after.
    const key = { ...(await webChatHeaders(running.url)), connection: 'close' };
    // The connection is real and local; the server is told it comes from elsewhere, as it would behind a NAT or proxy.
    running.server.server.prependListener('connection', (socket: Socket) => Object.defineProperty(socket, 'remoteAddress', { value: '203.0.113.9' }));
    for (const path of ['/', '/web/app.js', '/web/api/people', `/web/events?as=${rowan.id}`]) {
      const response = await rawRequest(`${running.url}${path}`, key);
      expect(response.status, path).toBe(403);
      expect((JSON.parse(response.text) as { message: string }).message).toMatch(/only answers requests from this computer/);
    }
    expect((await rawRequest(`${running.url}/web/api/messages`, { ...key, 'content-type': 'application/json' }, JSON.stringify({ as: rowan.id, text: 'join Atlas Project' }))).status).toBe(403);
    expect(await running.gate.store.list('join-request:')).toHaveLength(0);
  });

  it('refuses every route to a connection that arrived on an address that is not loopback, whatever HOST says', async () => {
    const running = await web.start();
    const key = { ...(await webChatHeaders(running.url)), connection: 'close' };
    // As if HOST named an address that is not this computer's loopback (a name resolving elsewhere, 0.0.0.0).
    running.server.server.prependListener('connection', (socket: Socket) => Object.defineProperty(socket, 'localAddress', { value: '192.0.2.4' }));
    for (const path of ['/', '/web/api/people', `/web/events?as=${rowan.id}`]) {
      const response = await rawRequest(`${running.url}${path}`, key);
      expect(response.status, path).toBe(403);
      expect((JSON.parse(response.text) as { message: string }).message).toMatch(/only answers requests from this computer/);
    }
  });

  it('refuses a request relayed by a proxy or tunnel on this computer, key or not', async () => {
    const { url } = await web.start();
    const headers = ['x-forwarded-for', 'forwarded', 'x-real-ip', 'true-client-ip', 'x-client-ip', 'via', 'x-original-forwarded-for', 'x-forwarded-proto', 'x-forwarded-host', 'cf-connecting-ip'];
    for (const header of headers) {
      const response = await webChatFetch(url, '/web/api/people', { headers: { [header]: header === 'via' ? '1.1 proxy' : header === 'x-forwarded-proto' ? 'https' : '198.51.100.7' } });
      expect(response.status, header).toBe(403);
      expect(((await response.json()) as { message: string }).message).toMatch(/does not answer requests relayed by a proxy or tunnel/);
    }
    expect((await webChatFetch(url, '/web/api/people')).status).toBe(200);
  });

  it('does nothing for a caller without the printed key, as behind a default nginx proxy_pass (Host rewritten, no forwarding headers)', async () => {
    const running = await web.start();
    const rowanPage = await web.events(rowan.id);
    await web.say(rowan.id, 'join Atlas Project because my secret project needs it');
    const before = await snapshotState(running.gate);
    const host = new URL(running.url).host;
    // What nginx sends on: Host 127.0.0.1:PORT, a same-origin Origin if it liked, no cookie.
    const proxied = { host, 'content-type': 'application/json', origin: `http://${host}`, connection: 'close' };
    const add = await rawRequest(`${running.url}/web/api/messages`, proxied, JSON.stringify({ as: alex.id, where: 'direct', text: 'add Mere Tane to Atlas Project' }));
    expect(add.status).toBe(403);
    expect(JSON.parse(add.text)).toEqual({ code: 'Forbidden', message: 'Open the web chat at the address GroupGate printed when it started (it carries a key that changes at every start).' });
    // Nobody else's messages can be read either, nor the page, the people or a guessed or stale key used.
    const read = await rawRequest(`${running.url}/web/events?as=${rowan.id}`, { host, connection: 'close' });
    expect(read.status).toBe(403);
    expect(read.text).not.toMatch(/secret project/);
    for (const path of ['/', '/web/app.js', '/web/api/people', '/?key=guessed']) expect((await rawRequest(`${running.url}${path}`, { host, connection: 'close' })).status, path).toBe(403);
    const other = await rawRequest(`${running.url}/web/api/people`, { host, cookie: `groupgate-web-${new URL(running.url).port}=${'A'.repeat(43)}`, connection: 'close' });
    expect(other.status).toBe(403);
    await expectNothingChanged(running.gate, before);
    expect(rowanPage.status).toBe(200);
  });

  it('hands the key to the browser that opens the printed address, in a cookie for this origin only, and leaves the address bar without it', async () => {
    const running = await web.start();
    const page = printedWebChatPage(running.url)!;
    expect(page).toMatch(new RegExp(`^${running.url}/\\?key=[\\w-]{43}$`));
    const opened = await fetch(page, { redirect: 'manual' });
    expect(opened.status).toBe(303);
    expect(opened.headers.get('location')).toBe('/');
    expect(opened.headers.get('set-cookie')).toMatch(/^groupgate-web-\d+=[\w-]{43}; Path=\/; HttpOnly; SameSite=Strict$/);
    const cookie = opened.headers.get('set-cookie')!.split(';')[0]!;
    const shown = await fetch(`${running.url}/`, { headers: { cookie } });
    expect(shown.status).toBe(200);
    expect(await shown.text()).toMatch(/<title>GroupGate · web chat<\/title>/);
    // A restart makes a new key: the old cookie no longer opens anything.
    const restarted = await web.start();
    expect((await fetch(`${restarted.url}/web/api/people`, { headers: { cookie: cookie.replace(/^[^=]+/, `groupgate-web-${new URL(restarted.url).port}`) } })).status).toBe(403);
  });

  it('refuses reads another site asks for (Origin, Sec-Fetch-Site), other localhost ports included', async () => {
    const { url } = await web.start();
    const key = await webChatHeaders(url);
    const asked: Array<Record<string, string>> = [{ 'sec-fetch-site': 'cross-site' }, { 'sec-fetch-site': 'same-site' }, { origin: 'http://attacker.example' }, { origin: 'http://127.0.0.1:1' }];
    for (const headers of asked) {
      for (const path of ['/web/api/people', `/web/events?as=${rowan.id}`, '/']) {
        const response = await fetch(`${url}${path}`, { headers: { ...key, ...headers } });
        expect(response.status, `${path} ${JSON.stringify(headers)}`).toBe(403);
      }
    }
    expect((await fetch(`${url}/web/api/people`, { headers: { ...key, 'sec-fetch-site': 'same-origin' } })).status).toBe(200);
    expect((await fetch(`${url}/`, { headers: { ...key, 'sec-fetch-site': 'none' } })).status).toBe(200);
  });

  it('refuses a page that reached it under another name (DNS rebinding) or posts from another site', async () => {
    const { url } = await web.start();
    // fetch won't set Host, so ask with node:http, as a browser that resolved attacker.example to 127.0.0.1 would.
    const rebound = await rawRequest(`${url}/web/api/people`, { host: 'attacker.example:3978', ...(await webChatHeaders(url)) });
    expect(rebound.status).toBe(403);
    // A name that merely starts like a loopback address is no loopback host (not even a host: 400 before any route).
    const lookalike = await rawRequest(`${url}/web/api/people`, { host: '[::1].evil.com', ...(await webChatHeaders(url)) });
    expect(lookalike.status).toBe(400);
    const suffixed = await rawRequest(`${url}/web/api/people`, { host: 'localhost.evil.com', ...(await webChatHeaders(url)) });
    expect(suffixed.status).toBe(403);
    const crossSite = await postJson(url, '/web/api/messages', { as: rowan.id, text: 'join Atlas Project' }, { origin: 'http://attacker.example' });
    expect(crossSite).toMatchObject({ status: 403, body: { message: 'The web chat only accepts requests from its own page.' } });
    const form = await postJson(url, '/web/api/messages', `as=${rowan.id}&text=join`, { 'content-type': 'application/x-www-form-urlencoded' });
    expect(form).toMatchObject({ status: 415, body: { message: 'Send a JSON body with Content-Type: application/json.' } });
  });
});

describe('bad input', () => {
  it('is answered with a 4xx that says what is wrong', async () => {
    const { url } = await web.start();
    const badJson = await postJson(url, '/web/api/messages', '{"as": "x", text: }');
    expect(badJson.status).toBe(400);
    expect(badJson.body.message).toMatch(/^Invalid JSON/);
    expect(await postJson(url, '/web/api/messages', { as: rowan.id })).toMatchObject({ status: 400, body: { message: 'text: expected the text you typed' } });
    const extra = await postJson(url, '/web/api/messages', { as: rowan.id, text: 'help', admin: true });
    expect(extra.status).toBe(400);
    expect(extra.body.message).toMatch(/admin/);
    expect(await web.say('no-such-person', 'help')).toMatchObject({ status: 404, body: { message: expect.stringMatching(/There is no one with id "no-such-person"/) } });
    expect(await web.say(rowan.id, 'help', 'general')).toMatchObject({ status: 404, body: { message: 'There is no room "general"; the rooms are alerts.' } });
    expect((await postJson(url, '/web/api/messages', { as: rowan.id, text: 'x'.repeat(70_000) })).status).toBe(413);
    const noCard = await postJson(url, '/web/api/actions', { as: rowan.id, messageId: '0000000099', verb: 'join-request.approve', data: { requestId: 'R-AAAA' } });
    expect(noCard).toMatchObject({ status: 404, body: { message: 'There is no card 0000000099 in this conversation.' } });
    const noStream = await webChatFetch(url, `/web/events?as=${encodeURIComponent('<script>')}`);
    expect(noStream.status).toBe(400);
  });
});
