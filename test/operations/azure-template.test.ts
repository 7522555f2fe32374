/**
 * infra/ read as text: there is no Bicep compiler where GroupGate is built or tested, so this checks
 * what an admin relies on by reading the files (`az bicep build -f infra/main.bicep` is the real
 * compile, on a machine with the Azure CLI). Each check is a function of the text, and each is also
 * run once on a copy broken on purpose, so it is known to fail when it should.
 */
import { readFileSync, readdirSync } from 'node:fs';
import type restify from 'restify';
import { describe, expect, it } from 'vitest';
import { mountProbeRoutes, type ProbeParts } from '../../adapters/http/probe-routes.js';
import { slackEventsPath } from '../../adapters/slack/create-slack-app.js';
import { ConfigError, configVariableNames, loadConfig, type Config } from '../../bot/config.js';

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');
const moduleFiles = readdirSync(new URL('../../infra/modules/', import.meta.url)).filter((f) => f.endsWith('.bicep'));
const bicepFiles = new Map([['infra/main.bicep', read('infra/main.bicep')], ...moduleFiles.map((f) => [`infra/modules/${f}`, read(`infra/modules/${f}`)] as const)]);
const main = bicepFiles.get('infra/main.bicep')!;
const bicepParams = read('infra/main.bicepparam');
const containerApp = bicepFiles.get('infra/modules/container-app.bicep')!;
const keyVault = bicepFiles.get('infra/modules/key-vault.bicep')!;
const bot = bicepFiles.get('infra/modules/bot.bicep')!;
const deployDoc = read('docs/deploy.md');

/**
 * Every type@apiVersion infra/ may deploy, with where its properties were checked. Adding a resource
 * means checking its type and version against a real spec or sample first, and saying where here.
 */
const verifiedResourceTypes: Readonly<Record<string, string>> = {
  'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31': 'Azure/bicep-types-az generated/msi/microsoft.managedidentity/2023-01-31',
  'Microsoft.KeyVault/vaults@2023-07-01': 'Azure/bicep-types-az generated/keyvault/microsoft.keyvault/2023-07-01',
  'Microsoft.KeyVault/vaults/secrets@2023-07-01': 'Azure/bicep-types-az (as above); Azure/bicep-registry-modules avm/res/cache/redis-enterprise',
  'Microsoft.Authorization/roleAssignments@2022-04-01': 'Azure/bicep-types-az generated/authorization/microsoft.authorization/2022-04-01; avm/res/app/container-app',
  'Microsoft.Cache/redisEnterprise@2025-07-01': 'Azure/bicep-types-az generated/redisenterprise/microsoft.cache/2025-07-01 (publicNetworkAccess required, highAvailability)',
  'Microsoft.Cache/redisEnterprise/databases@2025-07-01': 'Azure/bicep-types-az (as above: clusteringPolicy NoCluster, accessKeysAuthentication, listKeys)',
  'Microsoft.OperationalInsights/workspaces@2023-09-01': 'Azure/bicep-types-az generated/operationalinsights/microsoft.operationalinsights/2023-09-01',
  'Microsoft.App/managedEnvironments@2024-03-01': 'Azure/bicep-types-az generated/app/microsoft.app/2024-03-01; avm/res/app/managed-environment',
  'Microsoft.App/containerApps@2024-03-01': 'Azure/bicep-types-az (as above: Secret keyVaultUrl + identity, RegistryCredentials identity); avm/res/app/container-app',
  'Microsoft.ContainerRegistry/registries@2023-07-01': 'Azure/bicep-types-az generated/containerregistry/microsoft.containerregistry/2023-07-01',
  'Microsoft.BotService/botServices@2022-09-15': 'Azure/bicep-types-az generated/botservice/microsoft.botservice/2022-09-15; Azure/AI-in-a-Box semantic-kernel-bot-in-a-box botservice.bicep',
  'Microsoft.BotService/botServices/channels@2022-09-15': 'Azure/bicep-types-az (as above: MsTeamsChannel, isEnabled required); OfficeDev/Microsoft-Teams-Samples azurebot.bicep',
};

interface Param {
  readonly name: string;
  readonly hasDefault: boolean;
  readonly decorators: readonly string[];
}

/** Each `param` line with the decorator lines right above it. */
function paramsOf(text: string): Param[] {
  const lines = text.split('\n');
  const params: Param[] = [];
  lines.forEach((line, i) => {
    const match = /^param (\w+) \S+( = .+)?$/.exec(line.trimEnd());
    if (!match) return;
    const decorators: string[] = [];
    for (let j = i - 1; j >= 0 && /^@|^\s+'|^\s*\]\)/.test(lines[j]!); j--) decorators.push(lines[j]!);
    params.push({ name: match[1]!, hasDefault: match[2] !== undefined, decorators });
  });
  return params;
}

const undescribedParams = (text: string) => paramsOf(text).filter((p) => !p.decorators.some((d) => d.startsWith('@description('))).map((p) => p.name);
const paramsGiven = (bicepparam: string) => [...bicepparam.matchAll(/^param (\w+) =/gm)].map((m) => m[1]!);

/** `resource` lines whose type@version is missing or not in the verified list. */
const unverifiedResources = (text: string) =>
  text
    .split('\n')
    .filter((line) => line.startsWith('resource '))
    .filter((line) => !(/^resource \w+ '([^']+)'/.exec(line)?.[1]! in verifiedResourceTypes));

/** A named `var X = concat(...)` block of the container app, up to its closing line. */
function block(text: string, name: string): string {
  const start = text.indexOf(`var ${name} = `);
  const end = text.indexOf('\n)\n', start);
  if (start < 0 || end < 0) throw new Error(`no var ${name} block`);
  return text.slice(start, end);
}

interface EnvironmentEntry {
  readonly name: string;
  readonly value?: string;
  readonly secretRef?: string;
}

/** The container's environment entries: a `name:` line followed by its `value:` or `secretRef:` line. */
const environmentOf = (text: string): EnvironmentEntry[] =>
  [...block(text, 'environmentVariables').matchAll(/name: '(\w+)'\n\s+(value|secretRef): (.+)/g)].map(([, name, kind, rest]) =>
    kind === 'value' ? { name: name!, value: rest!.trim() } : { name: name!, secretRef: /^'([^']+)'$/.exec(rest!.trim())?.[1] ?? rest! },
  );

/** What loadConfig makes of an environment: the configuration, or every problem it names. */
function loadOutcome(env: Record<string, string>): { readonly config?: Config; readonly problems: readonly string[] } {
  try {
    return { config: loadConfig(env), problems: [] };
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return { problems: error.problems };
  }
}

const unknownVariables = (text: string) => environmentOf(text).map((e) => e.name).filter((name) => !configVariableNames.includes(name));

/** What an expression in the template stands for at run time, for loading the environment as GroupGate would. */
const sampleValues: Readonly<Record<string, string>> = {
  'string(port)': '3978',
  "'https://${fqdn}'": 'https://groupgate-app.example.azurecontainerapps.io',
  'tenant().tenantId': '11111111-1111-4111-8111-111111111111',
  identityClientId: '22222222-2222-4222-8222-222222222222',
  teamsAppCatalogId: '33333333-3333-4333-8333-333333333333',
};
const sampleSecrets: Readonly<Record<string, string>> = { 'store-url': 'rediss://:key@groupgate.example.redis.azure.net:10000' };

/** The container's environment as it reaches the process, with Slack's secrets included. */
function renderedEnvironment(text: string): Record<string, string> {
  return Object.fromEntries(
    environmentOf(text).map((e) => {
      if (e.secretRef !== undefined) return [e.name, sampleSecrets[e.secretRef] ?? `sample-${e.secretRef}`];
      const literal = /^'([^'$]*)'$/.exec(e.value!);
      const value = literal ? literal[1] : sampleValues[e.value!];
      if (value === undefined) throw new Error(`${e.name}: no sample for the expression ${e.value}`);
      return [e.name, value];
    }),
  );
}

/** Secret names the container's environment refers to and its `secrets` block does not declare with keyVaultUrl and identity. */
function undeclaredSecrets(text: string): string[] {
  const declared = new Set([...block(text, 'secrets').matchAll(/name: '([^']+)'\n\s+keyVaultUrl: \w+\n\s+identity: identityId/g)].map((m) => m[1]));
  return environmentOf(text).flatMap((e) => (e.secretRef !== undefined && !declared.has(e.secretRef) ? [e.secretRef] : []));
}

const probesOf = (text: string) => [...text.matchAll(/type: '(Liveness|Readiness|Startup)'\n\s+httpGet: \{\n\s+path: '([^']+)'/g)].map(([, type, path]) => ({ type: type!, path: path! }));

/** The probe routes GroupGate mounts, answered with a store and a directory that are both down. */
async function probeAnswersWhileDown(): Promise<Map<string, number>> {
  const handlers = new Map<string, (req: unknown, res: unknown) => Promise<void>>();
  const server = { get: (path: string, handler: (req: unknown, res: unknown) => Promise<void>) => handlers.set(path, handler) };
  const down = { store: { ping: async () => false }, directory: { ready: async () => false } } as unknown as ProbeParts;
  mountProbeRoutes(server as unknown as restify.Server, down);
  const answers = new Map<string, number>();
  for (const [path, handler] of handlers) {
    let status = 200;
    await handler({ headers: {} }, { status: (code: number) => (status = code), json: () => undefined, header: () => undefined });
    answers.set(path, status);
  }
  return answers;
}

/** A run of base64 is random-looking when it mixes digits, capitals and small letters (a path like Foo365/bar/Baz does not, enough). */
const randomLooking = (run: string) => (run.match(/\d/g)?.length ?? 0) >= 3 && (run.match(/[A-Z]/g)?.length ?? 0) >= 4 && (run.match(/[a-z]/g)?.length ?? 0) >= 4;

/** Text that looks like a credential: Slack tokens, a long random-looking run of base64, or a long hex string. */
const secretLookingLiterals = (text: string) => [
  ...[...text.matchAll(/xox[abposr]-[\w-]+|xapp-[\w-]+|\b[0-9a-f]{32,}\b/g)].map((m) => m[0]),
  ...[...text.matchAll(/[A-Za-z0-9+/]{32,}={0,2}/g)].map((m) => m[0]).filter(randomLooking),
];

/** Parameters a name marks as a secret (token, secret, password, key) that are not @secure(). */
const insecureSecretParams = (text: string) => paramsOf(text).filter((p) => /(token|secret|password|key)$/i.test(p.name) && !p.decorators.includes('@secure()')).map((p) => p.name);

/** The first column of the table under "## Parameters" in docs/deploy.md. */
function documentedParams(doc: string): string[] {
  const section = doc.split(/^## /m).find((s) => s.startsWith('Parameters'));
  if (!section) return [];
  return [...section.matchAll(/^\| `(\w+)` \|/gm)].map((m) => m[1]!);
}

const withLine = (text: string, find: string, replace: string) => {
  if (!text.includes(find)) throw new Error(`the broken copy needs "${find}" in the text`);
  return text.replace(find, replace);
};

describe('infra/main.bicep, checked as text (no Bicep compiler here)', () => {
  it('describes every parameter of every file', () => {
    for (const [path, text] of bicepFiles) expect(undescribedParams(text), path).toEqual([]);
    expect(undescribedParams(withLine(main, "@description('Tags put on every resource.')\n", ''))).toEqual(['tags']);
  });

  it('declares every parameter main.bicepparam sets, and main.bicepparam gives every one without a default', () => {
    const declared = paramsOf(main);
    const given = paramsGiven(bicepParams);
    expect(given.filter((name) => !declared.some((p) => p.name === name))).toEqual([]);
    expect(declared.filter((p) => !p.hasDefault && !given.includes(p.name)).map((p) => p.name)).toEqual([]);
    expect(paramsGiven(withLine(bicepParams, 'param minReplicas =', 'param minReplica ='))).toContain('minReplica');
    expect(paramsOf(withLine(main, "param botSku string = 'F0'", 'param botSku string')).find((p) => p.name === 'botSku')?.hasDefault).toBe(false);
  });

  it('deploys only resource types and API versions checked against a real spec or sample', () => {
    for (const [path, text] of bicepFiles) expect(unverifiedResources(text), path).toEqual([]);
    expect(unverifiedResources(withLine(bot, 'botServices@2022-09-15', 'botServices@2023-09-15-preview'))).toHaveLength(1);
    expect(unverifiedResources("resource x 'Microsoft.Web/sites' = {")).toHaveLength(1);
  });

  it('gives the container only variables bot/config.ts reads', () => {
    expect(environmentOf(containerApp).length).toBeGreaterThan(10);
    expect(unknownVariables(containerApp)).toEqual([]);
    expect(unknownVariables(withLine(containerApp, "name: 'WEB_CHAT'", "name: 'WEBCHAT'"))).toContain('WEBCHAT');
  });

  it('gives the container an environment GroupGate starts with: Graph through the managed identity, Teams as that identity, no web chat', () => {
    const env = renderedEnvironment(containerApp);
    expect(loadOutcome(env).problems).toEqual([]);
    expect(env).toMatchObject({ DIRECTORY: 'graph', GRAPH_CREDENTIAL: 'managed-identity', MicrosoftAppType: 'UserAssignedMSI', WEB_CHAT: 'off', HOST: '0.0.0.0', PORT: '3978' });
    expect(env['MicrosoftAppId']).toBe(env['AZURE_CLIENT_ID']);
    expect(env['MicrosoftAppTenantId']).toBe(env['AZURE_TENANT_ID']);
    expect(env).not.toHaveProperty('AZURE_CLIENT_SECRET');
    // With teamsAppCatalogId set, GroupGate installs itself in Teams for owners, as that identity.
    expect(env).toMatchObject({ TEAMS_INSTALL_FOR_OWNERS: 'on', TEAMS_APP_CATALOG_ID: sampleValues['teamsAppCatalogId'] });
    expect(loadOutcome(renderedEnvironment(withLine(containerApp, "value: 'UserAssignedMSI'", "value: 'UserAssignedMsi'"))).problems).toContainEqual(expect.stringMatching(/^MicrosoftAppType:/));
  });

  it('reads every secret the container uses from Key Vault with the bot identity, Slack\'s among them', () => {
    expect(environmentOf(containerApp).filter((e) => e.secretRef !== undefined).map((e) => e.name)).toEqual(['STORE_URL', 'METRICS_TOKEN', 'SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET']);
    expect(undeclaredSecrets(containerApp)).toEqual([]);
    expect(undeclaredSecrets(withLine(containerApp, "secretRef: 'metrics-token'", "secretRef: 'metrics'"))).toEqual(['metrics']);
  });

  it('probes routes GroupGate serves: liveness one that answers while Redis is down, readiness one that does not', async () => {
    const answers = await probeAnswersWhileDown();
    const probes = probesOf(containerApp);
    expect(probes.map((p) => p.type).sort()).toEqual(['Liveness', 'Readiness']);
    for (const probe of probes) expect([...answers.keys()], probe.path).toContain(probe.path);
    expect(answers.get(probes.find((p) => p.type === 'Liveness')!.path)).toBe(200);
    expect(answers.get(probes.find((p) => p.type === 'Readiness')!.path)).toBe(503);
    const broken = probesOf(withLine(containerApp, "path: '/readyz'", "path: '/ready'"));
    expect([...answers.keys()]).not.toContain(broken.find((p) => p.type === 'Readiness')!.path);
  });

  it('registers the bot as the user-assigned managed identity, at the route Teams is mounted on', () => {
    expect(bot).toMatch(/msaAppType: 'UserAssignedMSI'/);
    expect(bot).toMatch(/msaAppId: identityClientId/);
    expect(bot).toMatch(/msaAppMSIResourceId: identityId/);
    expect(bot).toMatch(/channelName: 'MsTeamsChannel'/);
    expect(main).toMatch(/endpoint: 'https:\/\/\$\{app\.outputs\.fqdn\}\/api\/messages'/);
    expect(read('adapters/teams/mount-teams.ts')).toContain("server.post('/api/messages'");
  });

  it('keeps the vault on RBAC, soft delete and purge protection, and lets the bot identity read it', () => {
    expect(keyVault).toMatch(/enableRbacAuthorization: true/);
    expect(keyVault).toMatch(/enableSoftDelete: true/);
    expect(keyVault).toMatch(/enablePurgeProtection: true/);
    expect(keyVault).toMatch(/secretsUserRole = '4633458b-17de-408a-b874-0445c86b69e6'/);
    expect(keyVault).toMatch(/principalId: readerPrincipalId/);
    expect(keyVault).not.toMatch(/accessPolicies/);
  });

  it('holds no secret-looking literal, and marks every secret parameter @secure()', () => {
    for (const [path, text] of [...bicepFiles, ['infra/main.bicepparam', bicepParams] as const]) {
      expect(secretLookingLiterals(text), path).toEqual([]);
      expect(insecureSecretParams(text), path).toEqual([]);
    }
    expect(secretLookingLiterals("param slackBotToken = 'xoxb-1234-5678-abcd'")).toHaveLength(1);
    expect(secretLookingLiterals("value: 'c2VjcmV0LXZhbHVlLXRoYXQtaXMtbG9uZy1lbm91Z2gtdG8tbWF0dGVy'")).toHaveLength(1);
    expect(secretLookingLiterals("param metricsToken = '4f9c2e7a1b3d5f60718293a4b5c6d7e8f9a0b1c2'")).toHaveLength(1);
    expect(insecureSecretParams(withLine(main, "@secure()\nparam metricsToken string", 'param metricsToken string'))).toEqual(['metricsToken']);
  });

  it('outputs what the admin needs next: the bot endpoint, the app address, the identity and the vault', () => {
    const outputs = [...main.matchAll(/^output (\w+) /gm)].map((m) => m[1]);
    expect(outputs).toEqual(['botEndpoint', 'containerAppFqdn', 'identityClientId', 'identityPrincipalId', 'keyVaultName']);
  });

  it('documents exactly the parameters of main.bicep in docs/deploy.md, and the Slack route GroupGate mounts', () => {
    expect(documentedParams(deployDoc).sort()).toEqual(paramsOf(main).map((p) => p.name).sort());
    expect(documentedParams(deployDoc.replace('| `botSku` |', '| `botSKU` |'))).toContain('botSKU');
    expect(deployDoc).toContain(`https://<fqdn>${slackEventsPath}`);
  });
});
