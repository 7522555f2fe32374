import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ConversationReference } from 'botbuilder';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConfigError, loadConfig } from '../../../bot/config.js';
import type { RunningGroupGate } from '../../../bot/start-groupgate.js';
import { createTeamsAdapter } from '../../../adapters/teams/create-teams-adapter.js';
import { RecordingLogger } from '../directory/graph/graph-harness.js';
import { ManagedIdentityEndpointStandIn } from '../directory/graph/sign-in-stand-ins.js';
import { startTestGroupGate } from '../../support/start-test-groupgate.js';

const appId = '5d3b7c1e-0f4a-4b8e-9a51-2c6d8e0f1a23';
const tenantId = '033bf333-b2f0-5833-b1d2-e85131a5bb6b';

/** A Bot Connector stand-in that only records each call's Authorization header and answers with an id. */
async function headerRecordingConnector(): Promise<{ url: string; authorizations: Array<string | undefined>; server: Server }> {
  const authorizations: Array<string | undefined> = [];
  const server = createServer((req, res) => {
    authorizations.push(req.headers.authorization);
    req.resume().on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: `activity-${authorizations.length}` }));
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, authorizations, server };
}

let cleanups: Array<() => Promise<unknown> | void> = [];
let running: RunningGroupGate | undefined;
afterEach(async () => {
  vi.unstubAllEnvs();
  await running?.stop();
  for (const cleanup of cleanups) await cleanup();
  running = undefined;
  cleanups = [];
});

describe('the Azure Bot app type', () => {
  it('is SingleTenant by default, and the local default (no app id, loopback) still starts, unsigned', async () => {
    running = await startTestGroupGate();

    expect(running.surfaces.find((s) => s.name === 'teams')?.startupLines?.[0]).toMatch(/no authentication \(loopback only\)/);
  });

  it('shows the real type and tenant where GroupGate says it is listening', async () => {
    running = await startTestGroupGate({ MicrosoftAppId: appId, MicrosoftAppPassword: 'not-a-real-secret', MicrosoftAppTenantId: tenantId });

    expect(running.surfaces.find((s) => s.name === 'teams')?.startupLines?.[0]).toMatch(new RegExp(`\\(app ${appId}, SingleTenant in tenant ${tenantId}\\)\\.$`));
  });

  it('refuses to start as SingleTenant without a tenant id, with a ConfigError naming it rather than botbuilder\'s stack trace', async () => {
    const start = startTestGroupGate({ MicrosoftAppId: appId, MicrosoftAppPassword: 'not-a-real-secret' });

    await expect(start).rejects.toBeInstanceOf(ConfigError);
    await expect(start).rejects.toThrow(/^GroupGate's configuration has 1 problem:\n {2}- MicrosoftAppTenantId: required for MicrosoftAppType=SingleTenant \(the default\)/);
  });

  it('warns once at start about MultiTenant, which Azure no longer creates', () => {
    const logger = new RecordingLogger();
    createTeamsAdapter(loadConfig({ MicrosoftAppId: appId, MicrosoftAppPassword: 'p', MicrosoftAppType: 'MultiTenant' }), logger);
    createTeamsAdapter(loadConfig({ MicrosoftAppId: appId, MicrosoftAppPassword: 'p', MicrosoftAppTenantId: tenantId }), logger);

    expect(logger.lines.filter((l) => l.level === 'warn')).toEqual([expect.objectContaining({ message: expect.stringMatching(/MultiTenant is for Azure Bots created before 2025-07-31/) })]);
  });

  it('signs replies as the user-assigned managed identity with UserAssignedMSI: a Bot Framework token from IDENTITY_ENDPOINT, no password', async () => {
    const identity = await new ManagedIdentityEndpointStandIn().start();
    const connector = await headerRecordingConnector();
    cleanups.push(() => identity.stop(), () => new Promise((resolve) => connector.server.close(resolve)));
    vi.stubEnv('IDENTITY_ENDPOINT', identity.url);
    vi.stubEnv('IDENTITY_HEADER', identity.header);
    const adapter = createTeamsAdapter(loadConfig({ MicrosoftAppId: appId, MicrosoftAppType: 'UserAssignedMSI', MicrosoftAppTenantId: tenantId }), new RecordingLogger());
    const reference: Partial<ConversationReference> = {
      channelId: 'msteams', serviceUrl: connector.url, conversation: { id: 'a:1', isGroup: false, conversationType: 'personal', name: '' },
      bot: { id: `28:${appId}`, name: 'GroupGate' }, user: { id: '29:alex', name: 'Alex' },
    };

    await adapter.continueConversationAsync(appId, reference, async (context) => void (await context.sendActivity('hello')));

    expect(identity.requests).toEqual([{ header: identity.header, query: { 'api-version': '2019-08-01', resource: 'https://api.botframework.com', client_id: appId } }]);
    expect(connector.authorizations).toEqual([`Bearer ${[...identity.issued][0]}`]);
  });
});
