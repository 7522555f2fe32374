import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { chooseGraphCredential, graphCredentialChoices, isGraphCredentialChoice } from '../adapters/directory/graph/choose-graph-credential.js';
import { parseDuration } from './parse-duration.js';

const defaultSeed = fileURLToPath(new URL('../adapters/directory/embedded/contoso-tenant.json', import.meta.url));

const duration = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((text, ctx) => {
      const ms = parseDuration(text);
      if (ms === undefined) ctx.addIssue({ code: 'custom', message: `expected a duration like 30s, 15m, 8h, 2d or 1w, got "${text}"` });
      return ms ?? 0;
    });
const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const optionalText = z.string().trim().min(1).optional().catch(undefined);
const onOff = (fallback: 'auto' | 'on' | 'off') => z.enum(['auto', 'on', 'off'], { message: 'expected auto, on or off' }).default(fallback);
const positiveInt = (fallback: number) => z.coerce.number({ message: 'expected a whole number' }).int('expected a whole number').positive('expected a number above 0').default(fallback);

/** Every environment variable GroupGate reads, with its default. */
const environmentSchema = z.object({
  PORT: z.coerce.number({ message: 'expected a port number' }).int().min(0).max(65535, 'expected a port number from 0 to 65535').default(3978),
  HOST: z.string().min(1).default('127.0.0.1'),
  PUBLIC_URL: z.url({ message: 'expected the https:// address people and platforms reach GroupGate at' }).optional(),
  STORE_URL: z
    .string()
    .regex(/^(sqlite:\/\/.+|rediss?:\/\/.+)$/, 'expected sqlite://<path> or redis://host:port')
    .default('sqlite://./data/groupgate.sqlite'),
  DIRECTORY: z.enum(['embedded', 'graph'], { message: 'expected embedded or graph' }).default('embedded'),
  DIRECTORY_SEED: z.string().min(1).default(defaultSeed),
  AZURE_TENANT_ID: optionalText,
  AZURE_CLIENT_ID: optionalText,
  /** How GroupGate signs in to Graph; `auto` picks by which of the variables below is set (adapters/directory/graph/choose-graph-credential.ts). */
  GRAPH_CREDENTIAL: z.enum(graphCredentialChoices, { message: `expected ${graphCredentialChoices.join(', ')}` }).default('auto'),
  AZURE_CLIENT_SECRET: optionalText,
  /** A PEM file holding the app registration's certificate and its private key. */
  AZURE_CLIENT_CERTIFICATE_PATH: optionalText,
  AZURE_CLIENT_CERTIFICATE_PASSWORD: optionalText,
  /** The federated token workload identity writes (AKS and Container Apps set it). */
  AZURE_FEDERATED_TOKEN_FILE: optionalText,
  GRAPH_BASE_URL: z.url({ message: 'expected a URL such as https://graph.microsoft.com' }).default('https://graph.microsoft.com'),
  AZURE_AUTHORITY_HOST: z.url({ message: 'expected a URL such as https://login.microsoftonline.com' }).default('https://login.microsoftonline.com'),
  /** A PEM file of certificate authorities trusted for AZURE_AUTHORITY_HOST (a local stand-in, or an inspecting proxy). */
  AZURE_AUTHORITY_CA_FILE: optionalText,
  GRAPH_SYNC_INTERVAL: duration('5m'),
  /** The wait after a failed first Graph load before the next try; it doubles each time, up to 5 minutes. */
  DIRECTORY_LOAD_RETRY: duration('10s'),
  TEAMS: onOff('auto'),
  // A blank or padded id would turn Teams on with an app id no token can ever name: every message refused.
  MicrosoftAppId: z.string().regex(guid, "expected the Azure Bot's app id (Microsoft App ID), a GUID such as 5d3b7c1e-0f4a-4b8e-9a51-2c6d8e0f1a23, with no spaces").default(''),
  MicrosoftAppPassword: z.string().default(''),
  // SingleTenant by default: Azure has created no new multi-tenant bots since 2025-07-31.
  MicrosoftAppType: z.enum(['SingleTenant', 'UserAssignedMSI', 'MultiTenant'], { message: 'expected SingleTenant, UserAssignedMSI or MultiTenant' }).default('SingleTenant'),
  MicrosoftAppTenantId: z.string().regex(/^\S+$/, 'expected the tenant id of the Azure Bot, with no spaces').default(''),
  /** Owners Teams cannot reach get GroupGate installed for them through Graph (adapters/teams/install-for-owners.ts); needs DIRECTORY=graph. */
  TEAMS_INSTALL_FOR_OWNERS: z.enum(['on', 'off'], { message: 'expected on or off' }).default('off'),
  /** The app's id in the organisation's Teams app catalog (not the manifest id): what Graph installs. */
  TEAMS_APP_CATALOG_ID: z.string().regex(guid, "expected the app's id in your Teams app catalog, a GUID (Teams admin center → Manage apps → GroupGate → App ID)").optional(),
  SLACK_BOT_TOKEN: optionalText,
  SLACK_SIGNING_SECRET: optionalText,
  SLACK_API_URL: z.url({ message: 'expected a URL such as https://slack.com/api/' }).default('https://slack.com/api/'),
  SLACK_BOT_ID: optionalText,
  SLACK_BOT_USER_ID: optionalText,
  /** When set, a signed Slack request from another workspace or app (a distributed app's other installs) is refused. */
  SLACK_TEAM_ID: z.string().regex(/^T[A-Z0-9]{2,}$/, 'expected a Slack workspace id such as T0123ABCD').optional(),
  SLACK_APP_ID: z.string().regex(/^A[A-Z0-9]{2,}$/, 'expected a Slack app id such as A0123ABCD').optional(),
  /** Retries of a failed Slack Web API call (bounded: the SDK's default keeps trying for ~30 minutes). */
  SLACK_API_RETRIES: z.coerce.number({ message: 'expected a whole number' }).int('expected a whole number').min(0).max(5, 'expected at most 5 retries').default(2),
  WEB_CHAT: onOff('auto'),
  REQUEST_REMIND_AFTER: duration('2d'),
  REQUEST_EXPIRE_AFTER: duration('7d'),
  REQUEST_RETENTION: duration('90d'),
  MAX_PENDING_REQUESTS: positiveInt(5),
  /** Per person, across every instance: commands (typed, or a button that runs one), join requests sent to owners, rule previews. */
  RATE_LIMIT_COMMANDS_PER_MINUTE: positiveInt(60),
  RATE_LIMIT_JOIN_REQUESTS_PER_HOUR: positiveInt(10),
  RATE_LIMIT_PREVIEWS_PER_MINUTE: positiveInt(10),
  /** How long one rule preview may evaluate before it stops and says how far it got. */
  PREVIEW_TIME_BUDGET: duration('2s'),
  SWEEP_INTERVAL: duration('1m'),
  LOW_SEAT_PERCENT: z.coerce.number({ message: 'expected a percentage' }).min(0).max(100, 'expected a percentage from 0 to 100').default(5),
  LOW_SEAT_MINIMUM: z.coerce.number({ message: 'expected a number of seats' }).int().min(0).default(5),
  /**
   * Test-only, off by default: `kill-after-decision` makes the process kill itself (SIGKILL, like a
   * power cut) at its first membership write — in a decision, right after the decision is stored and
   * before the directory changes — so tests can prove another instance or a restart finishes it.
   */
  TEST_FAULT: z.enum(['none', 'kill-after-decision'], { message: 'expected none or kill-after-decision' }).default('none'),
  /** When set, /metrics asks for `Authorization: Bearer <METRICS_TOKEN>`; set it wherever the port is reachable from outside. */
  METRICS_TOKEN: optionalText,
  /**
   * V8's memory saver mode: garbage collected, and memory handed back, eagerly, at a cost in speed.
   * `auto` turns it on while the instance is quiet and off while it works (bot/govern-memory.ts): at
   * 100k users / 20k groups an instance settles at ~0.4 GB instead of 1.3 GB, and a click load keeps its
   * speed. `on` always (also keeps a first Graph load's peak at 0.7 GB, but that load and every click
   * are slower); `off` never.
   */
  MEMORY_SAVER: onOff('auto'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], { message: 'expected one of fatal, error, warn, info, debug, trace, silent' }).default('info'),
});

export type Environment = z.infer<typeof environmentSchema>;

/** The name of every variable GroupGate reads: what a deployment file may set. */
export const configVariableNames: readonly string[] = Object.keys(environmentSchema.shape);

/** GroupGate's configuration, read once from the environment at start. */
export type Config = Environment & {
  /** True when the server listens on a loopback address only. */
  readonly loopback: boolean;
};

/** Every bad variable at once, each named with what it expects. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly problems: readonly string[]) {
    super(`GroupGate's configuration has ${problems.length} problem${problems.length === 1 ? '' : 's'}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Reads and checks the environment; throws ConfigError naming every bad variable. */
export function loadConfig(env: Readonly<Record<string, string | undefined>>): Config {
  // An empty variable means "not set", as in most shells' `VAR=` lines.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = environmentSchema.safeParse(present);
  const problems = parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
  problems.push(...crossChecks(present));
  if (!parsed.success || problems.length > 0) throw new ConfigError(problems);
  return { ...parsed.data, loopback: isLoopback(parsed.data.HOST) };
}

/** Rules between variables, read from the raw text so they are reported alongside the per-variable ones. */
function crossChecks(env: Readonly<Record<string, string | undefined>>): string[] {
  const problems: string[] = [];
  if (env['DIRECTORY'] === 'graph') {
    const plan = isGraphCredentialChoice(env['GRAPH_CREDENTIAL'] ?? 'auto') ? chooseGraphCredential(env) : undefined;
    if (plan && !plan.ok) problems.push(...plan.error.map((p) => `${p.variable}: ${p.message}`));
    // The Graph token travels with every call: plain http only to a stand-in on this machine.
    const graph = parseUrl(env['GRAPH_BASE_URL'] ?? 'https://graph.microsoft.com');
    if (graph && graph.protocol !== 'https:' && !(graph.protocol === 'http:' && isLoopback(graph.hostname.replace(/^\[|\]$/g, '')))) {
      problems.push('GRAPH_BASE_URL: expected an https:// address (http:// only on a loopback address, for a local stand-in)');
    }
    const authority = parseUrl(env['AZURE_AUTHORITY_HOST'] ?? 'https://login.microsoftonline.com');
    if (authority && authority.protocol !== 'https:') problems.push('AZURE_AUTHORITY_HOST: expected an https:// address (Microsoft Entra sign-in accepts no other)');
  }
  if (env['TEAMS'] !== 'off' && env['MicrosoftAppId']) problems.push(...teamsCredentialProblems(env));
  if (env['TEAMS_INSTALL_FOR_OWNERS'] === 'on') problems.push(...installForOwnersProblems(env));
  if (Boolean(env['SLACK_BOT_TOKEN']) !== Boolean(env['SLACK_SIGNING_SECRET'])) {
    problems.push('SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET: set both to enable Slack, or neither');
  }
  if (env['TEST_FAULT'] && env['TEST_FAULT'] !== 'none' && !isLoopback(env['HOST'] ?? '127.0.0.1')) {
    problems.push('TEST_FAULT: a fault for tests; only allowed with a loopback HOST');
  }
  const remind = parseDuration(env['REQUEST_REMIND_AFTER'] ?? '2d');
  const expire = parseDuration(env['REQUEST_EXPIRE_AFTER'] ?? '7d');
  if (remind !== undefined && expire !== undefined && remind >= expire) {
    problems.push('REQUEST_REMIND_AFTER: expected a duration shorter than REQUEST_EXPIRE_AFTER');
  }
  return problems;
}

/** What the Azure Bot's app type needs; botbuilder would say it with a stack trace, or not until the first reply. */
function teamsCredentialProblems(env: Readonly<Record<string, string | undefined>>): string[] {
  const type = env['MicrosoftAppType'] ?? 'SingleTenant';
  const problems: string[] = [];
  if ((type === 'SingleTenant' || type === 'UserAssignedMSI') && !env['MicrosoftAppTenantId']) {
    problems.push(`MicrosoftAppTenantId: required for MicrosoftAppType=${type}${env['MicrosoftAppType'] ? '' : ' (the default)'}: the id of the tenant your Azure Bot's app registration or identity lives in`);
  }
  if ((type === 'SingleTenant' || type === 'MultiTenant') && !env['MicrosoftAppPassword']) {
    problems.push(`MicrosoftAppPassword: required for MicrosoftAppType=${type} (the client secret of the Azure Bot's app registration; with a managed identity, set MicrosoftAppType=UserAssignedMSI)`);
  }
  if (type === 'UserAssignedMSI' && env['MicrosoftAppPassword']) problems.push('MicrosoftAppPassword: must not be set for MicrosoftAppType=UserAssignedMSI (the managed identity has no password)');
  // botbuilder signs in as the identity through DefaultAzureCredential, whose first choice (its
  // EnvironmentCredential) takes these with AZURE_TENANT_ID and AZURE_CLIENT_ID: it would sign in to
  // Bot Framework as the Graph app registration instead.
  const environmentCredential = Boolean(env['AZURE_TENANT_ID'] && env['AZURE_CLIENT_ID']);
  for (const name of ['AZURE_CLIENT_SECRET', 'AZURE_CLIENT_CERTIFICATE_PATH'] as const) {
    if (type === 'UserAssignedMSI' && environmentCredential && env[name]) problems.push(`${name}: cannot be set with MicrosoftAppType=UserAssignedMSI: botbuilder would sign in to Bot Framework with it instead of the managed identity; sign in to Graph with the same identity (GRAPH_CREDENTIAL=managed-identity)`);
  }
  return problems;
}

/** Installing GroupGate for owners is a Graph call about the Teams app: it needs both, and the app's catalog id. */
function installForOwnersProblems(env: Readonly<Record<string, string | undefined>>): string[] {
  const problems: string[] = [];
  if (env['DIRECTORY'] !== 'graph') problems.push('TEAMS_INSTALL_FOR_OWNERS: needs DIRECTORY=graph (GroupGate installs the Teams app for owners through Microsoft Graph)');
  if (env['TEAMS'] === 'off') problems.push('TEAMS_INSTALL_FOR_OWNERS: cannot be on with TEAMS=off');
  if (!env['TEAMS_APP_CATALOG_ID']) problems.push("TEAMS_APP_CATALOG_ID: required with TEAMS_INSTALL_FOR_OWNERS=on: the app's id in your Teams app catalog (Teams admin center → Manage apps → GroupGate → App ID)");
  return problems;
}

const parseUrl = (text: string) => (URL.canParse(text) ? new URL(text) : undefined);

/** 127.0.0.0/8, ::1 and localhost. */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}
