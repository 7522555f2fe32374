import { TokenCredentialAuthenticationProvider } from '@microsoft/microsoft-graph-client/authProviders/azureTokenCredentials/index.js';
import { ConfigError } from '../../../bot/config.js';
import type { Logger } from '../../../domain/ports/logger.js';
import type { Store } from '../../../domain/ports/store.js';
import { chooseGraphCredential, describeGraphCredential, type GraphCredentialSettings } from './choose-graph-credential.js';
import { createGraphCredential, type GraphCredentialSecrets } from './create-graph-credential.js';
import { DirectoryCopy } from './directory-copy.js';
import { GraphDirectory } from './graph-directory.js';
import { GraphHttp } from './graph-http.js';
import type { GraphObserver } from './graph-observer.js';

/** The configuration the Graph directory reads (bot/config.ts checks it). */
export interface GraphSettings extends GraphCredentialSettings, GraphCredentialSecrets {
  readonly GRAPH_BASE_URL: string;
}

/**
 * The Graph directory, signed in as GRAPH_CREDENTIAL says (client secret, certificate, workload
 * identity or managed identity): a token for `<GRAPH_BASE_URL>/.default`, that is, the
 * application permissions granted (adapters/directory/graph/graph-permissions.ts).
 */
export async function openGraphDirectory(settings: GraphSettings, store: Store, logger: Logger, observer?: GraphObserver): Promise<GraphDirectory> {
  const plan = chooseGraphCredential(settings);
  if (!plan.ok) throw new ConfigError(plan.error.map((p) => `${p.variable}: ${p.message}`));
  const credential = await createGraphCredential(plan.value, settings);
  logger.info({ graphCredential: plan.value.kind }, `Microsoft Graph sign-in: ${describeGraphCredential(plan.value)} (GRAPH_CREDENTIAL=${settings.GRAPH_CREDENTIAL ?? 'auto'})`);
  const scope = `${new URL(settings.GRAPH_BASE_URL).origin}/.default`;
  const authProvider = new TokenCredentialAuthenticationProvider(credential, { scopes: [scope] });
  const http = new GraphHttp({ baseUrl: settings.GRAPH_BASE_URL, authProvider, logger, observer });
  return new GraphDirectory(http, new DirectoryCopy(store), logger);
}
