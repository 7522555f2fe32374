import { describe, expect, it } from 'vitest';
import { chooseGraphCredential, describeGraphCredential, type GraphCredentialSettings } from '../../../../adapters/directory/graph/choose-graph-credential.js';

const ids = { AZURE_TENANT_ID: 'tenant-1', AZURE_CLIENT_ID: 'client-1' };
const secret = { AZURE_CLIENT_SECRET: 'a-secret' };
const certificate = { AZURE_CLIENT_CERTIFICATE_PATH: '/run/graph.pem' };
const tokenFile = { AZURE_FEDERATED_TOKEN_FILE: '/var/run/secrets/azure/tokens/azure-identity-token' };

const plan = (settings: GraphCredentialSettings) => {
  const chosen = chooseGraphCredential(settings);
  if (!chosen.ok) throw new Error(`expected a plan, got ${JSON.stringify(chosen.error)}`);
  return chosen.value;
};
const problems = (settings: GraphCredentialSettings) => {
  const chosen = chooseGraphCredential(settings);
  return chosen.ok ? [] : chosen.error.map((p) => `${p.variable}: ${p.message}`);
};

describe('choosing how GroupGate signs in to Graph', () => {
  it.each([
    ['a client secret, when one is set', { ...ids, ...secret, ...certificate, ...tokenFile }, { kind: 'secret', tenantId: 'tenant-1', clientId: 'client-1' }],
    ['a certificate, when its path is set and no secret', { ...ids, ...certificate, ...tokenFile }, { kind: 'certificate', tenantId: 'tenant-1', clientId: 'client-1', certificatePath: '/run/graph.pem', withPassword: false }],
    ['a password-protected certificate', { ...ids, ...certificate, AZURE_CLIENT_CERTIFICATE_PASSWORD: 'pw' }, { kind: 'certificate', certificatePath: '/run/graph.pem', withPassword: true }],
    ['workload identity, when only the federated token file is set', { ...ids, ...tokenFile }, { kind: 'workload-identity', tenantId: 'tenant-1', clientId: 'client-1', tokenFilePath: tokenFile.AZURE_FEDERATED_TOKEN_FILE }],
    ['a user-assigned managed identity, when nothing else is set', { ...ids }, { kind: 'managed-identity', clientId: 'client-1' }],
    ['the system-assigned managed identity, when not even a client id is set', {}, { kind: 'managed-identity' }],
    ['auto, when GRAPH_CREDENTIAL is blank', { GRAPH_CREDENTIAL: ' ', ...ids, ...secret }, { kind: 'secret' }],
  ])('with GRAPH_CREDENTIAL=auto picks %s', (_, settings, expected) => {
    expect(plan(settings)).toEqual(expect.objectContaining(expected));
  });

  it.each([
    ['secret', { ...ids, ...secret, ...certificate }, 'secret'],
    ['certificate', { ...ids, ...secret, ...certificate }, 'certificate'],
    ['workload-identity', { ...ids, ...secret, ...tokenFile }, 'workload-identity'],
    ['managed-identity', { ...ids, ...secret, ...tokenFile }, 'managed-identity'],
  ] as const)('takes GRAPH_CREDENTIAL=%s as asked, whatever else is set', (choice, settings, kind) => {
    expect(plan({ GRAPH_CREDENTIAL: choice, ...settings }).kind).toBe(kind);
  });

  it('never puts the secret or the certificate password in the plan or its description', () => {
    for (const settings of [{ ...ids, ...secret }, { ...ids, ...certificate, AZURE_CLIENT_CERTIFICATE_PASSWORD: 'pw-value' }]) {
      const chosen = plan(settings);
      expect(JSON.stringify(chosen) + describeGraphCredential(chosen)).not.toMatch(/a-secret|pw-value/);
    }
  });

  it.each([
    ['secret', { GRAPH_CREDENTIAL: 'secret' }, [
      'AZURE_TENANT_ID: required for signing in to Graph with a client secret (GRAPH_CREDENTIAL=secret)',
      'AZURE_CLIENT_ID: required for signing in to Graph with a client secret (GRAPH_CREDENTIAL=secret)',
      'AZURE_CLIENT_SECRET: required for signing in to Graph with a client secret (GRAPH_CREDENTIAL=secret)',
    ]],
    ['certificate', { GRAPH_CREDENTIAL: 'certificate', ...ids }, ['AZURE_CLIENT_CERTIFICATE_PATH: required for signing in to Graph with a certificate (GRAPH_CREDENTIAL=certificate)']],
    ['workload-identity', { GRAPH_CREDENTIAL: 'workload-identity', AZURE_CLIENT_ID: 'c' }, [
      'AZURE_TENANT_ID: required for signing in to Graph with workload identity (GRAPH_CREDENTIAL=workload-identity)',
      'AZURE_FEDERATED_TOKEN_FILE: required for signing in to Graph with workload identity (GRAPH_CREDENTIAL=workload-identity)',
    ]],
    ['auto with a secret but no ids', { ...secret }, [
      'AZURE_TENANT_ID: required for signing in to Graph with a client secret (GRAPH_CREDENTIAL=auto chose it because AZURE_CLIENT_SECRET is set)',
      'AZURE_CLIENT_ID: required for signing in to Graph with a client secret (GRAPH_CREDENTIAL=auto chose it because AZURE_CLIENT_SECRET is set)',
    ]],
    ['auto with a token file but no tenant', { AZURE_CLIENT_ID: 'c', ...tokenFile }, [
      'AZURE_TENANT_ID: required for signing in to Graph with workload identity (GRAPH_CREDENTIAL=auto chose it because AZURE_FEDERATED_TOKEN_FILE is set)',
    ]],
    ['a certificate password without a certificate', { ...ids, ...secret, AZURE_CLIENT_CERTIFICATE_PASSWORD: 'pw' }, [
      'AZURE_CLIENT_CERTIFICATE_PASSWORD: set, but GroupGate is signing in to Graph with a client secret: set AZURE_CLIENT_CERTIFICATE_PATH too, or remove it',
    ]],
    ['a certificate password with a managed identity', { AZURE_CLIENT_CERTIFICATE_PASSWORD: 'pw' }, [
      'AZURE_CLIENT_CERTIFICATE_PASSWORD: set, but GroupGate is signing in to Graph with a managed identity: set AZURE_CLIENT_CERTIFICATE_PATH too, or remove it',
    ]],
    ['an unknown choice', { GRAPH_CREDENTIAL: 'msi' }, ['GRAPH_CREDENTIAL: expected auto, secret, certificate, workload-identity, managed-identity']],
  ])('lists every variable missing for %s', (_, settings, expected) => {
    expect(problems(settings)).toEqual(expected);
  });

  it.each([
    [{ kind: 'secret', tenantId: 't', clientId: 'c' }, 'client secret of app c in tenant t'],
    [{ kind: 'certificate', tenantId: 't', clientId: 'c', certificatePath: '/p.pem', withPassword: true }, 'certificate /p.pem (password-protected key) of app c in tenant t'],
    [{ kind: 'workload-identity', tenantId: 't', clientId: 'c', tokenFilePath: '/token' }, 'workload identity (federated token /token) of app c in tenant t'],
    [{ kind: 'managed-identity', clientId: 'c' }, 'user-assigned managed identity c'],
    [{ kind: 'managed-identity' }, 'system-assigned managed identity'],
  ] as const)('describes %o for the start-up log as "%s"', (chosen, text) => {
    expect(describeGraphCredential(chosen)).toBe(text);
  });
});
