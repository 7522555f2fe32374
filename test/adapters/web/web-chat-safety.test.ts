import { request } from 'node:http';
import type { Socket } from 'node:net';
import restify from 'restify';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../bot/config.js';
import { silentLogger } from '../../../domain/ports/logger.js';
import { mountWeb } from '../../../adapters/web/mount-web.js';
import { webChatWanted } from '../../../adapters/web/web-chat-wanted.js';
import { person } from '../../support/sample-tenant.js';
import { tempSqliteUrl } from '../../support/temp-store-url.js';
import { postJson, webChatHarness } from './web-chat-client.js';

const rowan = person('Rowan Pike');
const web = webChatHarness();

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
    // The connection is real and local; the server is told it comes from elsewhere, as it would behind a NAT or proxy.
    running.server.server.prependListener('connection', (socket: Socket) => Object.defineProperty(socket, 'remoteAddress', { value: '203.0.113.9' }));
    for (const path of ['/', '/web/app.js', '/web/api/people', `/web/events?as=${rowan.id}`]) {
      const response = await fetch(`${running.url}${path}`);
      expect(response.status, path).toBe(403);
      expect(((await response.json()) as { message: string }).message).toMatch(/only answers requests from this computer/);
    }
    expect((await web.say(rowan.id, 'join Atlas Project')).status).toBe(403);
    expect(await running.gate.store.list('join-request:')).toHaveLength(0);
  });

  it('refuses a request relayed by a proxy or tunnel on this computer', async () => {
    const { url } = await web.start();
    for (const header of ['x-forwarded-for', 'forwarded', 'x-real-ip']) {
      const response = await fetch(`${url}/web/api/people`, { headers: { [header]: '198.51.100.7' } });
      expect(response.status, header).toBe(403);
      expect(((await response.json()) as { message: string }).message).toMatch(/does not answer requests relayed by a proxy or tunnel/);
    }
    expect((await fetch(`${url}/web/api/people`)).status).toBe(200);
  });

  it('refuses a page that reached it under another name (DNS rebinding) or posts from another site', async () => {
    const { url } = await web.start();
    // fetch won't set Host, so ask with node:http, as a browser that resolved attacker.example to 127.0.0.1 would.
    const rebound = await new Promise<number | undefined>((resolve, reject) =>
      request(`${url}/web/api/people`, { headers: { host: 'attacker.example:3978' } }, (res) => resolve(res.resume().statusCode)).on('error', reject).end(),
    );
    expect(rebound).toBe(403);
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
    const noStream = await fetch(`${url}/web/events?as=${encodeURIComponent('<script>')}`);
    expect(noStream.status).toBe(400);
  });
});
