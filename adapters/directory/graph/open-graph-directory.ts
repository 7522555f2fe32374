import { readFile } from 'node:fs/promises';
import { ClientSecretCredential } from '@azure/identity';
import { TokenCredentialAuthenticationProvider } from '@microsoft/microsoft-graph-client/authProviders/azureTokenCredentials/index.js';
import type { Logger } from '../../../domain/ports/logger.js';
import type { Store } from '../../../domain/ports/store.js';
import { DirectoryCopy } from './directory-copy.js';
import { GraphDirectory } from './graph-directory.js';
import { GraphHttp } from './graph-http.js';
import type { GraphObserver } from './graph-observer.js';

/** The configuration the Graph directory reads (bot/config.ts checks it). */
export interface GraphSettings {
  readonly AZURE_TENANT_ID?: string | undefined;
  readonly AZURE_CLIENT_ID?: string | undefined;
  readonly AZURE_CLIENT_SECRET?: string | undefined;
  readonly GRAPH_BASE_URL: string;
  readonly AZURE_AUTHORITY_HOST: string;
  /** A PEM file of certificate authorities to trust for the token authority (a local stand-in, an inspecting proxy). */
  readonly AZURE_AUTHORITY_CA_FILE?: string | undefined;
}

// Authorities MSAL can validate through instance discovery; any other host (a sovereign cloud MSAL
// does not list, or a local stand-in) is trusted as configured.
const discoverableAuthorities = new Set(['login.microsoftonline.com', 'login.microsoftonline.us', 'login.chinacloudapi.cn', 'login.partner.microsoftonline.cn']);

/**
 * The Graph directory, signed in with the app registration's client secret (client credentials
 * flow): a token for `<GRAPH_BASE_URL>/.default`, that is, the application permissions granted.
 */
export async function openGraphDirectory(settings: GraphSettings, store: Store, logger: Logger, observer?: GraphObserver): Promise<GraphDirectory> {
  const { AZURE_TENANT_ID: tenant, AZURE_CLIENT_ID: client, AZURE_CLIENT_SECRET: secret } = settings;
  if (!tenant || !client || !secret) throw new Error('DIRECTORY=graph needs AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET');
  const authority = new URL(settings.AZURE_AUTHORITY_HOST);
  const ca = settings.AZURE_AUTHORITY_CA_FILE ? await readFile(settings.AZURE_AUTHORITY_CA_FILE, 'utf8') : undefined;
  const credential = new ClientSecretCredential(tenant, client, secret, {
    authorityHost: authority.origin,
    disableInstanceDiscovery: !discoverableAuthorities.has(authority.hostname),
    ...(ca ? { tlsOptions: { ca } } : {}),
  });
  const scope = `${new URL(settings.GRAPH_BASE_URL).origin}/.default`;
  const authProvider = new TokenCredentialAuthenticationProvider(credential, { scopes: [scope] });
  const http = new GraphHttp({ baseUrl: settings.GRAPH_BASE_URL, authProvider, logger, observer });
  return new GraphDirectory(http, new DirectoryCopy(store), logger);
}
