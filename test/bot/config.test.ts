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
  it('gives a working local bot with no variables at all', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ PORT: 3978, HOST: '127.0.0.1', loopback: true, STORE_URL: 'sqlite://./data/groupgate.sqlite', DIRECTORY: 'embedded', WEB_CHAT: 'auto' });
    expect(config.DIRECTORY_SEED).toMatch(/contoso-tenant\.json$/);
    expect(config.REQUEST_REMIND_AFTER).toBe(2 * 86_400_000);
    expect(config.REQUEST_EXPIRE_AFTER).toBe(7 * 86_400_000);
  });

  it('reports every bad variable at once, each with what it expects', () => {
    expect(problemsOf({ PORT: 'eighty', STORE_URL: 'mysql://db', REQUEST_EXPIRE_AFTER: 'a week', LOG_LEVEL: 'loud', WEB_CHAT: 'maybe' })).toEqual([
      'PORT: expected a port number',
      'STORE_URL: expected sqlite://<path> or redis://host:port',
      'WEB_CHAT: expected auto, on or off',
      'REQUEST_EXPIRE_AFTER: expected a duration like 30s, 15m, 8h, 2d or 1w, got "a week"',
      'LOG_LEVEL: expected one of fatal, error, warn, info, debug, trace, silent',
    ]);
  });

  it('checks variables that only make sense together', () => {
    expect(problemsOf({ DIRECTORY: 'graph', AZURE_TENANT_ID: 't', SLACK_SIGNING_SECRET: 's', REQUEST_REMIND_AFTER: '8d' })).toEqual([
      'AZURE_CLIENT_ID: required when DIRECTORY=graph (the app registration GroupGate signs in with)',
      'AZURE_CLIENT_SECRET: required when DIRECTORY=graph (the app registration GroupGate signs in with)',
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
});
