import { createPrivateKey } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { ClientCertificateCredential, ClientSecretCredential, ManagedIdentityCredential, WorkloadIdentityCredential, type TokenCredential } from '@azure/identity';
import { ConfigError } from '../../../bot/config.js';
import type { GraphCredentialPlan } from './choose-graph-credential.js';

/** The settings the credential reads besides the plan: the secrets, and where the token authority is. */
export interface GraphCredentialSecrets {
  readonly AZURE_CLIENT_SECRET?: string | undefined;
  readonly AZURE_CLIENT_CERTIFICATE_PASSWORD?: string | undefined;
  readonly AZURE_AUTHORITY_HOST: string;
  /** A PEM file of certificate authorities to trust for the token authority (a local stand-in, an inspecting proxy). */
  readonly AZURE_AUTHORITY_CA_FILE?: string | undefined;
}

// Authorities MSAL can validate through instance discovery; any other host (a sovereign cloud MSAL
// does not list, or a local stand-in) is trusted as configured.
const discoverableAuthorities = new Set(['login.microsoftonline.com', 'login.microsoftonline.us', 'login.chinacloudapi.cn', 'login.partner.microsoftonline.cn']);

/**
 * The @azure/identity credential for a plan. Files it will read on every token request (the
 * certificate, the federated token) are read once here too, so a wrong path or password stops
 * GroupGate at start with a ConfigError instead of failing each sync round.
 */
export async function createGraphCredential(plan: GraphCredentialPlan, settings: GraphCredentialSecrets): Promise<TokenCredential> {
  // Managed identity asks a local endpoint of the platform (IMDS, or IDENTITY_ENDPOINT on App
  // Service and Container Apps), not the authority: authority host and CA file do not apply.
  if (plan.kind === 'managed-identity') return new ManagedIdentityCredential(plan.clientId ? { clientId: plan.clientId } : {});
  const authority = await authorityOptions(settings);
  switch (plan.kind) {
    case 'secret':
      return new ClientSecretCredential(plan.tenantId, plan.clientId, settings.AZURE_CLIENT_SECRET ?? '', authority);
    case 'certificate': {
      const password = plan.withPassword ? settings.AZURE_CLIENT_CERTIFICATE_PASSWORD : undefined;
      await checkCertificate(plan.certificatePath, password);
      // By path, not contents: the credential reads the file again on each token, so a renewed certificate counts without a restart.
      return new ClientCertificateCredential(plan.tenantId, plan.clientId, { certificatePath: plan.certificatePath, ...(password ? { certificatePassword: password } : {}) }, authority);
    }
    case 'workload-identity':
      await readOrRefuse('AZURE_FEDERATED_TOKEN_FILE', plan.tokenFilePath);
      return new WorkloadIdentityCredential({ tenantId: plan.tenantId, clientId: plan.clientId, tokenFilePath: plan.tokenFilePath, ...authority });
  }
}

async function authorityOptions(settings: GraphCredentialSecrets) {
  const authority = new URL(settings.AZURE_AUTHORITY_HOST);
  const ca = settings.AZURE_AUTHORITY_CA_FILE ? await readFile(settings.AZURE_AUTHORITY_CA_FILE, 'utf8') : undefined;
  return {
    authorityHost: authority.origin,
    disableInstanceDiscovery: !discoverableAuthorities.has(authority.hostname),
    ...(ca ? { tlsOptions: { ca } } : {}),
  };
}

async function readOrRefuse(variable: string, path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    throw new ConfigError([`${variable}: cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`]);
  }
}

/** The PEM must hold the certificate and its private key, and the password (if any) must open the key. */
async function checkCertificate(path: string, password: string | undefined): Promise<void> {
  const pem = await readOrRefuse('AZURE_CLIENT_CERTIFICATE_PATH', path);
  const problems: string[] = [];
  if (!pem.includes('-----BEGIN CERTIFICATE-----')) problems.push(`AZURE_CLIENT_CERTIFICATE_PATH: ${path} holds no certificate (expected a PEM file with the certificate and its private key)`);
  if (!/-----BEGIN (?:[A-Z]+ )?PRIVATE KEY-----/.test(pem)) problems.push(`AZURE_CLIENT_CERTIFICATE_PATH: ${path} holds no private key (expected a PEM file with the certificate and its private key)`);
  else {
    try {
      createPrivateKey({ key: pem, format: 'pem', ...(password ? { passphrase: password } : {}) });
    } catch {
      // The password itself never goes into the message.
      problems.push(password
        ? `AZURE_CLIENT_CERTIFICATE_PASSWORD: does not open the private key in ${path}`
        : `AZURE_CLIENT_CERTIFICATE_PATH: the private key in ${path} cannot be read (if it is encrypted, set AZURE_CLIENT_CERTIFICATE_PASSWORD)`);
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);
}
