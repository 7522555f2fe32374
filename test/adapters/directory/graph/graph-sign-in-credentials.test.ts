import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ConfigError } from '../../../../bot/config.js';
import type { RunningGroupGate } from '../../../../bot/start-groupgate.js';
import { startTestGroupGate } from '../../../support/start-test-groupgate.js';
import { groupOf, openRig, RecordingLogger, type GraphRig } from './graph-harness.js';
import { GraphStandIn } from './graph-stand-in.js';
import { AssertionAuthorityStandIn, ManagedIdentityEndpointStandIn } from './sign-in-stand-ins.js';
import { StandInTenant } from './stand-in-tenant.js';

let folder: string;
/** A throwaway self-signed certificate with its key in one PEM, as Entra takes it; and a copy with the key encrypted. */
let pemPath: string;
let encryptedPemPath: string;
const password = 'throwaway-pass-9';

beforeAll(() => {
  folder = mkdtempSync(join(tmpdir(), 'groupgate-cert-'));
  const key = join(folder, 'key.pem');
  const cert = join(folder, 'cert.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-subj', '/CN=groupgate-graph-test', '-days', '1'], { stdio: 'ignore' });
  execFileSync('openssl', ['pkcs8', '-topk8', '-in', key, '-out', join(folder, 'key-encrypted.pem'), '-passout', `pass:${password}`], { stdio: 'ignore' });
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(folder, 'other-key.pem'), '-out', join(folder, 'other-cert.pem'), '-subj', '/CN=another-app', '-days', '1'], { stdio: 'ignore' });
  pemPath = join(folder, 'graph.pem');
  encryptedPemPath = join(folder, 'graph-encrypted.pem');
  writeFileSync(pemPath, readFileSync(cert, 'utf8') + readFileSync(key, 'utf8'));
  writeFileSync(encryptedPemPath, readFileSync(cert, 'utf8') + readFileSync(join(folder, 'key-encrypted.pem'), 'utf8'));
});
afterAll(() => rmSync(folder, { recursive: true, force: true }));

let rig: GraphRig | undefined;
let stops: Array<() => Promise<void>> = [];
afterEach(async () => {
  vi.unstubAllEnvs();
  await rig?.close();
  for (const stop of stops.reverse()) await stop();
  rig = undefined;
  stops = [];
});

async function assertionAuthority(): Promise<AssertionAuthorityStandIn> {
  const authority = await new AssertionAuthorityStandIn().start();
  stops.push(() => authority.stop());
  return authority;
}

const assertionEnv = (authority: AssertionAuthorityStandIn, more: Record<string, string>) => ({
  AZURE_CLIENT_SECRET: '', AZURE_TENANT_ID: authority.tenantId, AZURE_CLIENT_ID: authority.clientId, AZURE_AUTHORITY_HOST: authority.url, ...more,
});

/** Graph was called, and every call carried the one token the sign-in stand-in issued. */
const everyCallSignedWithIssuedToken = (r: GraphRig, prefix: string) => {
  const tokens = new Set(r.stand.requests.map((q) => q.headers.authorization));
  expect(r.stand.requests.length).toBeGreaterThan(0);
  expect([...tokens]).toEqual([expect.stringMatching(new RegExp(`^Bearer ${prefix}-`))]);
};

describe('signing in to Microsoft Graph without a client secret', () => {
  it('with a certificate: sends a client_assertion JWT signed by its key, with its thumbprint, and Graph gets the token issued for it', async () => {
    const authority = await assertionAuthority();
    authority.certificate = new X509Certificate(readFileSync(pemPath));
    rig = await openRig(undefined, assertionEnv(authority, { AZURE_CLIENT_CERTIFICATE_PATH: pemPath }));
    authority.issued = rig.stand.authority.issued;
    await rig.directory.sync();
    await rig.directory.listOwners(groupOf('Atlas Project'));

    expect(authority.tokenRequests).toHaveLength(1);
    expect(authority.tokenRequests[0]).toMatchObject({ grant_type: 'client_credentials', client_id: authority.clientId, scope: `${rig.stand.url}/.default` });
    expect(authority.tokenRequests[0]).not.toHaveProperty('client_secret');
    everyCallSignedWithIssuedToken(rig, 'assertion-token');
    expect(rig.logger.lines.find((l) => l.message.startsWith('Microsoft Graph sign-in:'))?.message).toBe(`Microsoft Graph sign-in: certificate ${pemPath} of app ${authority.clientId} in tenant ${authority.tenantId} (GRAPH_CREDENTIAL=auto)`);
  });

  it('with a password-protected certificate key, opened by AZURE_CLIENT_CERTIFICATE_PASSWORD', async () => {
    const authority = await assertionAuthority();
    authority.certificate = new X509Certificate(readFileSync(encryptedPemPath));
    rig = await openRig(undefined, assertionEnv(authority, { AZURE_CLIENT_CERTIFICATE_PATH: encryptedPemPath, AZURE_CLIENT_CERTIFICATE_PASSWORD: password }));
    authority.issued = rig.stand.authority.issued;
    await rig.directory.sync();

    everyCallSignedWithIssuedToken(rig, 'assertion-token');
  });

  it('refuses at start a certificate file it cannot use, naming the variable and never the password', async () => {
    const authority = await assertionAuthority();
    const open = (more: Record<string, string>) => openRig(undefined, assertionEnv(authority, more)).then((r) => (rig = r));

    await expect(open({ AZURE_CLIENT_CERTIFICATE_PATH: join(folder, 'missing.pem') })).rejects.toThrow(/AZURE_CLIENT_CERTIFICATE_PATH: cannot read .*missing\.pem \(ENOENT\)/);
    await expect(open({ AZURE_CLIENT_CERTIFICATE_PATH: join(folder, 'cert.pem') })).rejects.toThrow(/holds no private key/);
    await expect(open({ AZURE_CLIENT_CERTIFICATE_PATH: encryptedPemPath })).rejects.toThrow(/if it is encrypted, set AZURE_CLIENT_CERTIFICATE_PASSWORD/);
    const wrong = open({ AZURE_CLIENT_CERTIFICATE_PATH: encryptedPemPath, AZURE_CLIENT_CERTIFICATE_PASSWORD: 'not-the-password-7' });
    await expect(wrong).rejects.toBeInstanceOf(ConfigError);
    await expect(wrong).rejects.toThrow(/^(?!.*not-the-password-7).*AZURE_CLIENT_CERTIFICATE_PASSWORD: does not open the private key/s);
  });

  it('reports a certificate Entra does not know as a sign-in error naming Entra\'s reason', async () => {
    const authority = await assertionAuthority();
    // Entra holds another certificate for the app than the one GroupGate signs with.
    authority.certificate = new X509Certificate(readFileSync(join(folder, 'other-cert.pem')));
    rig = await openRig(undefined, assertionEnv(authority, { AZURE_CLIENT_CERTIFICATE_PATH: pemPath }));

    await expect(rig.directory.sync()).rejects.toMatchObject({ reason: 'unauthorized', message: expect.stringMatching(/AADSTS700027.*does not verify/) });
  });

  it('with workload identity: sends the federated token file\'s contents as the client assertion', async () => {
    const authority = await assertionAuthority();
    authority.federatedToken = 'eyJhbGciOiJSUzI1NiJ9.federated-by-the-cluster.sig';
    const tokenFile = join(folder, 'azure-identity-token');
    writeFileSync(tokenFile, authority.federatedToken);
    rig = await openRig(undefined, assertionEnv(authority, { AZURE_FEDERATED_TOKEN_FILE: tokenFile }));
    authority.issued = rig.stand.authority.issued;
    await rig.directory.sync();

    expect(authority.tokenRequests[0]).toMatchObject({ client_assertion: authority.federatedToken, client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer' });
    everyCallSignedWithIssuedToken(rig, 'assertion-token');
    expect(rig.logger.lines.some((l) => l.message.includes(`workload identity (federated token ${tokenFile})`))).toBe(true);
  });

  it('with a user-assigned managed identity: asks IDENTITY_ENDPOINT with IDENTITY_HEADER for a Graph token, not the authority', async () => {
    const endpoint = await new ManagedIdentityEndpointStandIn().start();
    stops.push(() => endpoint.stop());
    vi.stubEnv('IDENTITY_ENDPOINT', endpoint.url);
    vi.stubEnv('IDENTITY_HEADER', endpoint.header);
    const identity = '9e1d5c2a-3b4f-4a6e-8d7c-1f2e3d4c5b6a';
    rig = await openRig(undefined, { AZURE_CLIENT_SECRET: '', GRAPH_CREDENTIAL: 'managed-identity', AZURE_CLIENT_ID: identity });
    endpoint.issued = rig.stand.authority.issued;
    await rig.directory.sync();

    expect(endpoint.requests).toHaveLength(1);
    expect(endpoint.requests[0]).toEqual({ header: endpoint.header, query: { 'api-version': '2019-08-01', resource: rig.stand.url, client_id: identity } });
    expect(rig.stand.authority.tokenRequests).toEqual([]);
    everyCallSignedWithIssuedToken(rig, 'identity-token');
    expect(rig.logger.lines.some((l) => l.message === `Microsoft Graph sign-in: user-assigned managed identity ${identity} (GRAPH_CREDENTIAL=managed-identity)`)).toBe(true);
  });

  it('keeps the certificate password out of the start-up log and the /readyz reason when Entra refuses the certificate', async () => {
    const stand = await new GraphStandIn(StandInTenant.sample()).start();
    const authority = await assertionAuthority();
    stops.push(() => stand.stop());
    authority.certificate = new X509Certificate(readFileSync(join(folder, 'other-cert.pem')));
    const logger = new RecordingLogger();
    const env = { ...stand.env(), ...assertionEnv(authority, { GRAPH_CREDENTIAL: 'certificate', AZURE_CLIENT_CERTIFICATE_PATH: encryptedPemPath, AZURE_CLIENT_CERTIFICATE_PASSWORD: password }) };
    const running: RunningGroupGate = await startTestGroupGate(env, { logger, waitForLoad: false });
    stops.push(() => running.stop());
    running.loaded.catch(() => undefined);

    const readiness = async () => (await fetch(`${running.url}/readyz`)).json() as Promise<{ reasons?: string[] }>;
    await expect.poll(async () => (await readiness()).reasons?.join(' ') ?? '', { timeout: 10_000 }).toMatch(/AADSTS700027/);
    expect(JSON.stringify(await readiness())).not.toContain(password);
    expect(logger.lines.find((l) => l.message.startsWith('Microsoft Graph sign-in:'))?.message).toBe(`Microsoft Graph sign-in: certificate ${encryptedPemPath} (password-protected key) of app ${authority.clientId} in tenant ${authority.tenantId} (GRAPH_CREDENTIAL=certificate)`);
    expect(JSON.stringify(logger.lines)).not.toContain(password);
  });
});
