import { createHmac, generateKeyPairSync, sign } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, GroupGateProcess } from '../store/groupgate-process.js';
import { tempSqliteUrl } from '../../support/temp-store-url.js';
import { ConnectorStandIn } from './connector-stand-in.js';
import { personalMessage, teamsPerson } from './teams-activities.js';

const appId = '5d3b7c1e-0f4a-4b8e-9a51-2c6d8e0f1a23';
const tenantId = '033bf333-b2f0-5833-b1d2-e85131a5bb6b';
const password = 'not-a-real-secret';
const alex = teamsPerson('Alex Morgan');

const b64 = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
const now = Math.floor(Date.now() / 1000);
const claims = (iss: string, extra: Record<string, unknown> = {}) => ({ iss, aud: appId, serviceurl: 'http://127.0.0.1:1/', nbf: now - 60, exp: now + 3600, ...extra });
const unsigned = (header: object, payload: object) => `${b64(header)}.${b64(payload)}.`;
const hs256 = (payload: object, secret: string) => {
  const head = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64(payload)}`;
  return `${head}.${createHmac('sha256', secret).update(head).digest('base64url')}`;
};
const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const rs256 = (payload: object, kid: string) => {
  const head = `${b64({ alg: 'RS256', typ: 'JWT', kid })}.${b64(payload)}`;
  return `${head}.${sign('sha256', Buffer.from(head), privateKey).toString('base64url')}`;
};

/** Authorization headers an attacker tries: garbage, unsigned, self-signed, for other issuers, expired, other schemes. */
const forged: Record<string, string> = {
  'not a JWT': 'Bearer not.a.jwt',
  'empty bearer': 'Bearer ',
  'bearer with no space': 'Bearer',
  'three words': 'Bearer a b',
  'basic scheme': `Basic ${Buffer.from(`${appId}:${password}`).toString('base64')}`,
  'alg none, Bot Framework issuer': `Bearer ${unsigned({ alg: 'none', typ: 'JWT' }, claims('https://api.botframework.com'))}`,
  'HS256 with the app password': `Bearer ${hs256(claims('https://api.botframework.com'), password)}`,
  'RS256 with our own key and kid': `Bearer ${rs256(claims('https://api.botframework.com'), 'forged-kid')}`,
  'RS256, tenant issuer': `Bearer ${rs256(claims(`https://sts.windows.net/${tenantId}/`), 'forged-kid')}`,
  'RS256, v2 tenant issuer': `Bearer ${rs256(claims(`https://login.microsoftonline.com/${tenantId}/v2.0`), 'forged-kid')}`,
  'RS256, emulator issuer': `Bearer ${rs256(claims('https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/'), 'forged-kid')}`,
  'expired': `Bearer ${rs256(claims('https://api.botframework.com', { exp: now - 3600, nbf: now - 7200 }), 'forged-kid')}`,
  'unknown issuer': `Bearer ${rs256(claims('https://attacker.example/'), 'kid')}`,
  'header that is not JSON': `Bearer ${b64('{not json')}.${b64(claims('https://api.botframework.com'))}.x`,
  'payload that is an array': `Bearer ${b64({ alg: 'RS256' })}.${b64([1, 2])}.x`,
  'very long': `Bearer ${'A'.repeat(8_000)}.${'B'.repeat(8_000)}.C`,
};

let bot: GroupGateProcess;
let connector: ConnectorStandIn;
beforeAll(async () => {
  connector = await new ConnectorStandIn().start();
  bot = await GroupGateProcess.start('teams with an app id', { MicrosoftAppId: appId, MicrosoftAppPassword: password, MicrosoftAppTenantId: tenantId, STORE_URL: tempSqliteUrl(), WEB_CHAT: 'off' });
  // What start-up prints for people (the endpoint, "ready") comes before the requests are sent, not among them.
  await eventually('GroupGate to say it is ready', () => bot.lines.includes('GroupGate is ready.'));
}, 60_000);
afterAll(async () => {
  await bot?.stop();
  await connector?.stop();
});

async function post(authorization: string, body: unknown): Promise<{ status: number; type: string | null; text: string }> {
  const response = await fetch(`${bot.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json', authorization }, body: JSON.stringify(body) });
  return { status: response.status, type: response.headers.get('content-type'), text: await response.text() };
}

describe('forged Bot Framework tokens', () => {
  it('are each answered 401 in plain words, logged in one JSON line each, with nothing printed outside the log and nothing done', async () => {
    const printedBefore = bot.lines.length;
    for (const [name, authorization] of Object.entries(forged)) {
      const answer = await post(authorization, personalMessage(connector.url, alex, 'add Mere Tane to Atlas Project'));
      expect({ name, status: answer.status, type: answer.type, text: answer.text }).toEqual({ name, status: 401, type: 'text/plain; charset=utf-8', text: 'Unauthorized: a valid Bot Framework token is required.' });
    }
    // Let anything botbuilder prints late arrive.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const printed = bot.lines.slice(printedBefore);
    expect(printed.filter((line) => !line.startsWith('{'))).toEqual([]);
    const refused = bot.logs().filter((line) => String(line.msg).startsWith('Teams request refused'));
    expect(refused).toHaveLength(Object.keys(forged).length);
    expect(refused.every((line) => line['err'] === undefined && !JSON.stringify(line).includes('    at '))).toBe(true);
    expect(JSON.stringify(refused)).not.toContain(password);
    expect(bot.logs().filter((line) => line.msg === 'turn' || line.msg === 'membership changed')).toEqual([]);
    expect(connector.calls).toEqual([]);
  });

  it('are refused before the body is looked at: a forged token with a body that is no activity still gets 401, not 400', async () => {
    for (const body of [{}, [], 'text', { type: 42 }]) {
      expect((await post(forged['HS256 with the app password']!, body)).status, JSON.stringify(body)).toBe(401);
    }
    expect((await post('', {})).status).toBe(401);
  });
});

describe('a blank MicrosoftAppId', () => {
  it('stops the start with a message naming it, and no stack trace', async () => {
    const start = GroupGateProcess.start('teams with a blank app id', { MicrosoftAppId: ' ', MicrosoftAppPassword: password, MicrosoftAppTenantId: tenantId, STORE_URL: tempSqliteUrl(), WEB_CHAT: 'off' });
    const failure = await start.then(async (started) => (await started.stop(), 'it started'), (error: unknown) => String(error));
    expect(failure).toMatch(/MicrosoftAppId: expected the Azure Bot's app id \(Microsoft App ID\), a GUID/);
    expect(failure).not.toMatch(/\n\s+at /);
  });
});
