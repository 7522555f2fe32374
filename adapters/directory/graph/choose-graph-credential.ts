import { err, ok, type Result } from '../../../domain/result.js';

/** The ways GroupGate can sign in to Microsoft Graph. */
export const graphCredentialKinds = ['secret', 'certificate', 'workload-identity', 'managed-identity'] as const;
export type GraphCredentialKind = (typeof graphCredentialKinds)[number];

/** GRAPH_CREDENTIAL: one kind, or `auto` to pick by what is set. */
export const graphCredentialChoices = ['auto', ...graphCredentialKinds] as const;
export type GraphCredentialChoice = (typeof graphCredentialChoices)[number];
export const isGraphCredentialChoice = (text: string): text is GraphCredentialChoice => (graphCredentialChoices as readonly string[]).includes(text);

/** The variables the choice reads, as text (unset or empty both mean "not set"). */
export interface GraphCredentialSettings {
  readonly GRAPH_CREDENTIAL?: string | undefined;
  readonly AZURE_TENANT_ID?: string | undefined;
  readonly AZURE_CLIENT_ID?: string | undefined;
  readonly AZURE_CLIENT_SECRET?: string | undefined;
  readonly AZURE_CLIENT_CERTIFICATE_PATH?: string | undefined;
  readonly AZURE_CLIENT_CERTIFICATE_PASSWORD?: string | undefined;
  readonly AZURE_FEDERATED_TOKEN_FILE?: string | undefined;
}

/**
 * How GroupGate will sign in, with no secret in it: safe to log whole. The secret and the
 * certificate password stay in the settings, read only when the credential is built.
 */
export type GraphCredentialPlan =
  | { readonly kind: 'secret'; readonly tenantId: string; readonly clientId: string }
  | { readonly kind: 'certificate'; readonly tenantId: string; readonly clientId: string; readonly certificatePath: string; readonly withPassword: boolean }
  | { readonly kind: 'workload-identity'; readonly tenantId: string; readonly clientId: string; readonly tokenFilePath: string }
  /** No clientId: the system-assigned identity. */
  | { readonly kind: 'managed-identity'; readonly clientId?: string };

/** A variable the chosen sign-in needs and does not have, in bot/config.ts's `NAME: message` shape. */
export interface GraphCredentialProblem {
  readonly variable: keyof GraphCredentialSettings;
  readonly message: string;
}

const set = (value: string | undefined) => (value?.trim() ? value.trim() : undefined);

/** What `auto` picks: the first of secret, certificate, federated token file that is set; else managed identity. */
function autoKind(settings: GraphCredentialSettings): GraphCredentialKind {
  if (set(settings.AZURE_CLIENT_SECRET)) return 'secret';
  if (set(settings.AZURE_CLIENT_CERTIFICATE_PATH)) return 'certificate';
  if (set(settings.AZURE_FEDERATED_TOKEN_FILE)) return 'workload-identity';
  return 'managed-identity';
}

const purpose: Record<GraphCredentialKind, string> = {
  secret: 'signing in to Graph with a client secret',
  certificate: 'signing in to Graph with a certificate',
  'workload-identity': 'signing in to Graph with workload identity',
  'managed-identity': 'signing in to Graph with a managed identity',
};

/** The variables each kind needs besides the tenant and client ids. */
const ownVariable = { secret: 'AZURE_CLIENT_SECRET', certificate: 'AZURE_CLIENT_CERTIFICATE_PATH', 'workload-identity': 'AZURE_FEDERATED_TOKEN_FILE' } as const;

/**
 * Decides how GroupGate signs in to Microsoft Graph from GRAPH_CREDENTIAL and the AZURE_*
 * variables, or lists every variable that is missing for the sign-in asked for.
 */
export function chooseGraphCredential(settings: GraphCredentialSettings): Result<GraphCredentialPlan, readonly GraphCredentialProblem[]> {
  const choice = set(settings.GRAPH_CREDENTIAL) ?? 'auto';
  if (!isGraphCredentialChoice(choice)) return err([{ variable: 'GRAPH_CREDENTIAL', message: `expected ${graphCredentialChoices.join(', ')}` }]);
  const kind = choice === 'auto' ? autoKind(settings) : choice;
  const problems: GraphCredentialProblem[] = [];
  if (set(settings.AZURE_CLIENT_CERTIFICATE_PASSWORD) && kind !== 'certificate') {
    problems.push({ variable: 'AZURE_CLIENT_CERTIFICATE_PASSWORD', message: `set, but GroupGate is ${purpose[kind]}: set AZURE_CLIENT_CERTIFICATE_PATH too, or remove it` });
  }
  if (kind === 'managed-identity') {
    const clientId = set(settings.AZURE_CLIENT_ID);
    return problems.length > 0 ? err(problems) : ok(clientId ? { kind, clientId } : { kind });
  }
  const because = choice === 'auto' ? `GRAPH_CREDENTIAL=auto chose it because ${ownVariable[kind]} is set` : `GRAPH_CREDENTIAL=${kind}`;
  const need = (variable: keyof GraphCredentialSettings) => {
    const value = set(settings[variable]);
    if (!value) problems.push({ variable, message: `required for ${purpose[kind]} (${because})` });
    return value ?? '';
  };
  const tenantId = need('AZURE_TENANT_ID');
  const clientId = need('AZURE_CLIENT_ID');
  const own = need(ownVariable[kind]);
  if (problems.length > 0) return err(problems);
  switch (kind) {
    case 'secret':
      return ok({ kind, tenantId, clientId });
    case 'certificate':
      return ok({ kind, tenantId, clientId, certificatePath: own, withPassword: Boolean(set(settings.AZURE_CLIENT_CERTIFICATE_PASSWORD)) });
    case 'workload-identity':
      return ok({ kind, tenantId, clientId, tokenFilePath: own });
  }
}

/** One line for the start-up log: the kind and the ids, never a secret. */
export function describeGraphCredential(plan: GraphCredentialPlan): string {
  switch (plan.kind) {
    case 'secret':
      return `client secret of app ${plan.clientId} in tenant ${plan.tenantId}`;
    case 'certificate':
      return `certificate ${plan.certificatePath}${plan.withPassword ? ' (password-protected key)' : ''} of app ${plan.clientId} in tenant ${plan.tenantId}`;
    case 'workload-identity':
      return `workload identity (federated token ${plan.tokenFilePath}) of app ${plan.clientId} in tenant ${plan.tenantId}`;
    case 'managed-identity':
      return plan.clientId ? `user-assigned managed identity ${plan.clientId}` : 'system-assigned managed identity';
  }
}
