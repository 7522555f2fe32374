import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../bot/config.js';

const problemsOf = (env: Record<string, string>) => {
  try {
    loadConfig(env);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
};

describe('configuration', () => {
  it('refuses a blank, padded or malformed MicrosoftAppId, which would turn Teams on with an id no token names', () => {
    const appIdProblem = "MicrosoftAppId: expected the Azure Bot's app id (Microsoft App ID), a GUID such as 5d3b7c1e-0f4a-4b8e-9a51-2c6d8e0f1a23, with no spaces";
    for (const MicrosoftAppId of [' ', '  ', ' 5d3b7c1e-0f4a-4b8e-9a51-2c6d8e0f1a23', 'my-bot']) {
      expect(problemsOf({ MicrosoftAppId, MicrosoftAppPassword: 'p', MicrosoftAppTenantId: '033bf333-b2f0-5833-b1d2-e85131a5bb6b' }), JSON.stringify(MicrosoftAppId)).toContain(appIdProblem);
    }
    expect(problemsOf({ MicrosoftAppId: '5d3b7c1e-0f4a-4b8e-9a51-2c6d8e0f1a23', MicrosoftAppPassword: 'p', MicrosoftAppTenantId: ' ' })).toContain('MicrosoftAppTenantId: expected the tenant id of the Azure Bot, with no spaces');
    expect(problemsOf({ SLACK_TEAM_ID: 'contoso', SLACK_APP_ID: 'A0GROUPGATE' })).toEqual(['SLACK_TEAM_ID: expected a Slack workspace id such as T0123ABCD']);
  });

  it('gives a working local bot with no variables at all', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ PORT: 3978, HOST: '127.0.0.1', loopback: true, STORE_URL: 'sqlite://./data/groupgate.sqlite', DIRECTORY: 'embedded', WEB_CHAT: 'auto', MEMORY_SAVER: 'auto' });
    expect(config.DIRECTORY_SEED).toMatch(/contoso-tenant\.json$/);
    expect(config.REQUEST_REMIND_AFTER).toBe(2 * 86_400_000);
    expect(config.REQUEST_EXPIRE_AFTER).toBe(7 * 86_400_000);
  });

  it('reports every bad variable at once, each with what it expects', () => {
    expect(problemsOf({ PORT: 'eighty', STORE_URL: 'mysql://db', REQUEST_EXPIRE_AFTER: 'a week', LOG_LEVEL: 'loud', WEB_CHAT: 'maybe', MEMORY_SAVER: 'yes' })).toEqual([
      'PORT: expected a port number',
      'STORE_URL: expected sqlite://<path> or redis://host:port',
      'WEB_CHAT: expected auto, on or off',
      'REQUEST_EXPIRE_AFTER: expected a duration like 30s, 15m, 8h, 2d or 1w, got "a week"',
      'MEMORY_SAVER: expected auto, on or off',
      'LOG_LEVEL: expected one of fatal, error, warn, info, debug, trace, silent',
    ]);
  });

  it('checks variables that only make sense together', () => {
    expect(problemsOf({ DIRECTORY: 'graph', GRAPH_CREDENTIAL: 'secret', AZURE_TENANT_ID: 't', SLACK_SIGNING_SECRET: 's', REQUEST_REMIND_AFTER: '8d' })).toEqual([
      'AZURE_CLIENT_ID: required for signing in to Graph with a client secret (GRAPH_CREDENTIAL=secret)',
      'AZURE_CLIENT_SECRET: required for signing in to Graph with a client secret (GRAPH_CREDENTIAL=secret)',
      'SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET: set both to enable Slack, or neither',
      'REQUEST_REMIND_AFTER: expected a duration shorter than REQUEST_EXPIRE_AFTER',
    ]);
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ PORT: '', HOST: '' }).PORT).toBe(3978);
  });

  it('knows a loopback address from one other machines can reach', () => {
    expect(loadConfig({ HOST: '127.0.0.2' }).loopback).toBe(true);
    expect(loadConfig({ HOST: '::1' }).loopback).toBe(true);
    expect(loadConfig({ HOST: '0.0.0.0' }).loopback).toBe(false);
  });

  it('keeps the test-only crash fault off unless asked, and on a loopback address only', () => {
    expect(loadConfig({}).TEST_FAULT).toBe('none');
    expect(loadConfig({ TEST_FAULT: 'kill-after-decision' }).TEST_FAULT).toBe('kill-after-decision');
    expect(() => loadConfig({ TEST_FAULT: 'kill-after-decision', HOST: '0.0.0.0', MicrosoftAppId: 'x' })).toThrow('TEST_FAULT: a fault for tests; only allowed with a loopback HOST');
    expect(() => loadConfig({ TEST_FAULT: 'explode' })).toThrow('TEST_FAULT: expected none or kill-after-decision');
  });

  it('names the problem count in its message', () => {
    expect(() => loadConfig({ PORT: '70000' })).toThrow("GroupGate's configuration has 1 problem:\n  - PORT: expected a port number from 0 to 65535");
  });

  it('signs in to Graph by what is set, and with nothing set by the managed identity', () => {
    expect(loadConfig({ DIRECTORY: 'graph' }).GRAPH_CREDENTIAL).toBe('auto');
    expect(problemsOf({ DIRECTORY: 'graph' })).toEqual([]);
    expect(problemsOf({ DIRECTORY: 'graph', AZURE_CLIENT_CERTIFICATE_PATH: '/run/secrets/graph.pem' })).toEqual([
      'AZURE_TENANT_ID: required for signing in to Graph with a certificate (GRAPH_CREDENTIAL=auto chose it because AZURE_CLIENT_CERTIFICATE_PATH is set)',
      'AZURE_CLIENT_ID: required for signing in to Graph with a certificate (GRAPH_CREDENTIAL=auto chose it because AZURE_CLIENT_CERTIFICATE_PATH is set)',
    ]);
    expect(problemsOf({ DIRECTORY: 'graph', GRAPH_CREDENTIAL: 'msi' })).toEqual(['GRAPH_CREDENTIAL: expected auto, secret, certificate, workload-identity, managed-identity']);
  });

  it('makes a Teams bot SingleTenant unless told otherwise, and names what its app type needs', () => {
    expect(loadConfig({}).MicrosoftAppType).toBe('SingleTenant');
    const bot = { MicrosoftAppId: '5d3b7c1e-0f4a-4b8e-9a51-2c6d8e0f1a23' };
    expect(problemsOf(bot)).toEqual([
      "MicrosoftAppTenantId: required for MicrosoftAppType=SingleTenant (the default): the id of the tenant your Azure Bot's app registration or identity lives in",
      "MicrosoftAppPassword: required for MicrosoftAppType=SingleTenant (the client secret of the Azure Bot's app registration; with a managed identity, set MicrosoftAppType=UserAssignedMSI)",
    ]);
    expect(problemsOf({ ...bot, MicrosoftAppType: 'MultiTenant', MicrosoftAppPassword: 'p' })).toEqual([]);
    expect(problemsOf({ ...bot, MicrosoftAppType: 'UserAssignedMSI', MicrosoftAppTenantId: 't' })).toEqual([]);
    expect(problemsOf({ ...bot, MicrosoftAppType: 'UserAssignedMSI', MicrosoftAppTenantId: 't', MicrosoftAppPassword: 'p' })).toEqual([
      'MicrosoftAppPassword: must not be set for MicrosoftAppType=UserAssignedMSI (the managed identity has no password)',
    ]);
    expect(problemsOf({ ...bot, MicrosoftAppType: 'UserAssignedMSI', MicrosoftAppTenantId: 't', AZURE_CLIENT_SECRET: 's' })).toEqual([]);
    expect(problemsOf({ ...bot, MicrosoftAppType: 'UserAssignedMSI', MicrosoftAppTenantId: 't', AZURE_TENANT_ID: 't', AZURE_CLIENT_ID: 'c', AZURE_CLIENT_SECRET: 's' })).toEqual([
      expect.stringMatching(/^AZURE_CLIENT_SECRET: cannot be set with MicrosoftAppType=UserAssignedMSI: botbuilder would sign in to Bot Framework with it/),
    ]);
    expect(problemsOf({ ...bot, TEAMS: 'off' })).toEqual([]);
    expect(problemsOf({ MicrosoftAppType: 'UserAssignedMsi' })).toEqual(['MicrosoftAppType: expected SingleTenant, UserAssignedMSI or MultiTenant']);
  });

  it('installs GroupGate in Teams for owners only when asked, on Graph, with Teams on and the app\'s catalog id', () => {
    expect(loadConfig({}).TEAMS_INSTALL_FOR_OWNERS).toBe('off');
    const graph = { DIRECTORY: 'graph', AZURE_TENANT_ID: 't', AZURE_CLIENT_ID: 'c', AZURE_CLIENT_SECRET: 's' };
    const catalogId = '8a4f0c2d-5b6e-4f7a-9c1d-2e3f4a5b6c7d';
    expect(loadConfig({ ...graph, TEAMS_INSTALL_FOR_OWNERS: 'on', TEAMS_APP_CATALOG_ID: catalogId })).toMatchObject({ TEAMS_INSTALL_FOR_OWNERS: 'on', TEAMS_APP_CATALOG_ID: catalogId });
    expect(problemsOf({ TEAMS_INSTALL_FOR_OWNERS: 'on', TEAMS: 'off' })).toEqual([
      'TEAMS_INSTALL_FOR_OWNERS: needs DIRECTORY=graph (GroupGate installs the Teams app for owners through Microsoft Graph)',
      'TEAMS_INSTALL_FOR_OWNERS: cannot be on with TEAMS=off',
      "TEAMS_APP_CATALOG_ID: required with TEAMS_INSTALL_FOR_OWNERS=on: the app's id in your Teams app catalog (Teams admin center → Manage apps → GroupGate → App ID)",
    ]);
    expect(problemsOf({ ...graph, TEAMS_INSTALL_FOR_OWNERS: 'yes', TEAMS_APP_CATALOG_ID: 'groupgate' })).toEqual([
      'TEAMS_INSTALL_FOR_OWNERS: expected on or off',
      "TEAMS_APP_CATALOG_ID: expected the app's id in your Teams app catalog, a GUID (Teams admin center → Manage apps → GroupGate → App ID)",
    ]);
  });
});
