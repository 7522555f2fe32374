import { existsSync, readFileSync } from 'node:fs';
import { validate } from 'dockerfile-utils';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { configVariableNames, loadConfig } from '../../bot/config.js';
import { webChatWanted } from '../../adapters/web/web-chat-wanted.js';
import { teamsAuthProblem } from '../../adapters/teams/create-teams-adapter.js';
import { startTestGroupGate } from '../support/start-test-groupgate.js';

// No Docker engine runs these files here: they are read as a builder and Compose would read them.
const dockerfile = readFileSync('Dockerfile', 'utf8');

interface Instruction {
  readonly keyword: string;
  readonly args: string;
  /** The stage it belongs to: its `AS` name, or the image it starts from. */
  readonly stage: string;
}

/** Dockerfile instructions, as a builder reads them: comment lines dropped, then `\` continuations joined. */
function instructions(text: string): Instruction[] {
  const lines = text.split('\n').filter((line) => !line.trimStart().startsWith('#'));
  let stage = '';
  return lines
    .join('\n')
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const [, keyword = '', args = ''] = /^(\S+)\s*(.*)$/.exec(line) ?? [];
      if (keyword.toUpperCase() === 'FROM') stage = /\sAS\s+(\S+)$/i.exec(args)?.[1] ?? args;
      return { keyword: keyword.toUpperCase(), args, stage };
    });
}

const all = instructions(dockerfile);
const runtimeStage = all.at(-1)!.stage;
const inRuntime = (keyword: string) => all.filter((i) => i.stage === runtimeStage && i.keyword === keyword);
const execForm = (args: string) => JSON.parse(args) as string[];
/** `ENV A=1 B=2` as { A: '1', B: '2' }. */
const envOf = (args: string) => Object.fromEntries([...args.matchAll(/(\w+)=("[^"]*"|\S*)/g)].map(([, name, value]) => [name!, value!.replace(/^"|"$/g, '')]));
const imageEnv = Object.assign({}, ...inRuntime('ENV').map((i) => envOf(i.args))) as Record<string, string>;

/**
 * Whether .dockerignore keeps `path` (relative to the repository) out of the build context, as Docker
 * matches: from the context root, `*` within one folder, `**` across folders, a folder with all it holds.
 */
const ignorePatterns = readFileSync('.dockerignore', 'utf8').split('\n').map((line) => line.trim()).filter((line) => line && !line.startsWith('#'));
const asRegExp = (pattern: string) =>
  new RegExp(`^${pattern.split('**/').map((part) => part.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')).join('(?:.*/)?')}(?:/.*)?$`);
const ignored = (path: string) => ignorePatterns.some((pattern) => asRegExp(pattern).test(path));

describe('the Dockerfile', () => {
  it('passes dockerfile-utils validation with no errors', () => {
    expect(validate(dockerfile).filter((problem) => problem.severity === 1)).toEqual([]);
  });

  it('runs as a non-root user, under an init that passes SIGTERM on, starting the compiled dist/bot/main.js', () => {
    expect(inRuntime('USER').at(-1)?.args).toBe('node');
    expect(execForm(inRuntime('ENTRYPOINT').at(-1)!.args)).toEqual(['/usr/bin/tini', '--']);
    expect(execForm(inRuntime('CMD').at(-1)!.args)).toEqual(['node', 'dist/bot/main.js']);
    expect(readFileSync('tsconfig.build.json', 'utf8')).toMatch(/"outDir": "dist"/);
    expect(existsSync('bot/main.ts')).toBe(true);
  });

  it('checks health on a probe GroupGate really serves, at the port it listens on', async () => {
    const check = inRuntime('HEALTHCHECK').at(-1)!.args;
    const probe = /127\.0\.0\.1:' \+ \(process\.env\.PORT \|\| (\d+)\) \+ '(\/\w+)'/.exec(check);
    expect(probe?.[1]).toBe(imageEnv['PORT']);
    const running = await startTestGroupGate();
    try {
      expect((await fetch(`${running.url}${probe![2]}`)).status).toBe(200);
    } finally {
      await running.stop();
    }
  });

  it('copies from the repository only files that exist and are not ignored, and from the build stage only what it made', () => {
    const copies = all.filter((i) => i.keyword === 'COPY');
    const fromContext = copies.filter((i) => !i.args.startsWith('--from=')).flatMap((i) => i.args.split(/\s+/).slice(0, -1));
    expect(fromContext.filter((path) => !existsSync(path) || ignored(path))).toEqual([]);
    // The build stage holds what was copied in, what npm ci installed and what npm run build wrote.
    const made = ['node_modules', 'dist', ...fromContext];
    const fromBuild = copies.filter((i) => i.args.startsWith('--from=build ')).map((i) => i.args.split(/\s+/)[1]!.replace(/^\/app\//, ''));
    expect(fromBuild).toEqual(expect.arrayContaining(['dist', 'node_modules', 'package.json']));
    expect(fromBuild.filter((path) => !made.includes(path))).toEqual([]);
  });

  it('keeps dependencies, builds, data and secrets out of the build context', () => {
    const kept = ['node_modules/zod/package.json', 'dist/bot/main.js', 'data/groupgate.sqlite', '.env', '.git/HEAD', 'test-results/start-24.log', 'bot/stray.sqlite'];
    expect(kept.filter((path) => !ignored(path))).toEqual([]);
    expect(['bot/main.ts', 'package-lock.json', 'adapters/web/public/app.js'].filter(ignored)).toEqual([]);
  });

  it('sets only variables GroupGate reads, which make a valid configuration with the store on the /data volume and no web chat', () => {
    expect(Object.keys(imageEnv).filter((name) => !configVariableNames.includes(name))).toEqual([]);
    const config = loadConfig(imageEnv);
    expect(config.STORE_URL).toBe('sqlite:///data/groupgate.sqlite');
    expect(inRuntime('VOLUME').map((i) => i.args)).toEqual(['/data']);
    expect(inRuntime('RUN').some((i) => /chown node:node \/data/.test(i.args))).toBe(true);
    expect(webChatWanted(config)).toBe(false);
  });
});

interface ComposeService {
  readonly image?: string;
  readonly build?: string | { readonly context?: string };
  readonly environment?: Record<string, string> | string[];
  readonly env_file?: ReadonlyArray<string | { readonly path: string; readonly required?: boolean }>;
  readonly deploy?: { readonly replicas?: number };
  readonly depends_on?: Record<string, { readonly condition?: string }>;
  readonly healthcheck?: { readonly test?: unknown };
  readonly volumes?: string[];
}
const compose = parse(readFileSync('compose.yaml', 'utf8')) as { services: Record<string, ComposeService> };
const environmentOf = (service: ComposeService): Record<string, string> =>
  Array.isArray(service.environment) ? Object.fromEntries(service.environment.map((line) => line.split(/=(.*)/s).slice(0, 2))) : { ...service.environment };
const app = compose.services['groupgate']!;
/** The app's environment as Compose passes it: `${NAME:-default}` filled from the shell and the project's .env. */
const resolved = (shell: Record<string, string>) =>
  Object.fromEntries(Object.entries(environmentOf(app)).map(([name, value]) => [name, String(value).replace(/\$\{(\w+):-([^}]*)\}/g, (_, v: string, fallback: string) => shell[v] || fallback)]));

describe('compose.yaml', () => {
  it('sets only variables GroupGate reads, in every service', () => {
    const unknown = Object.entries(compose.services).flatMap(([name, service]) => Object.keys(environmentOf(service)).filter((key) => !configVariableNames.includes(key)).map((key) => `${name}.${key}`));
    expect(unknown).toEqual([]);
  });

  it('runs two or more replicas of the Dockerfile build, sharing Redis once Redis is healthy', () => {
    expect(app.build === '.' || (typeof app.build === 'object' && app.build.context === '.')).toBe(true);
    expect(app.deploy?.replicas).toBeGreaterThanOrEqual(2);
    expect(environmentOf(app)['STORE_URL']).toBe('redis://redis:6379');
    expect(compose.services['redis']?.healthcheck?.test).toBeDefined();
    expect(app.depends_on?.['redis']?.condition).toBe('service_healthy');
    expect(app.env_file).toEqual([{ path: '.env', required: false }]);
  });

  it('gives the replicas a valid configuration with the web chat off, whatever .env says about it', () => {
    const config = loadConfig({ ...imageEnv, WEB_CHAT: 'on', ...resolved({}) });
    expect(webChatWanted(config)).toBe(false);
  });

  it('starts as shipped, with no .env: Teams stays off until .env turns it on beside the Azure Bot settings', () => {
    const shipped = loadConfig({ ...imageEnv, ...resolved({}) });
    expect(shipped.TEAMS).toBe('off');
    const bot = { MicrosoftAppId: '00000000-0000-4000-8000-000000000001', MicrosoftAppPassword: 'secret', MicrosoftAppTenantId: '00000000-0000-4000-8000-000000000002' };
    const withTeams = loadConfig({ ...imageEnv, ...bot, ...resolved({ TEAMS: 'on' }) });
    expect(withTeams.TEAMS).toBe('on');
    expect(teamsAuthProblem(withTeams)).toBeUndefined();
  });

  it('puts one proxy in front, whose mounted config exists and sends traffic to the app service on its port', () => {
    const proxy = compose.services['proxy']!;
    expect(proxy.depends_on?.['groupgate']?.condition).toBe('service_healthy');
    const mounted = (proxy.volumes ?? []).map((volume) => volume.split(':')[0]!).filter((source) => source.startsWith('./deploy/compose/'));
    expect(mounted).toHaveLength(1);
    const proxyConfig = readFileSync(mounted[0]!, 'utf8');
    expect(proxyConfig).toContain(`server groupgate:${environmentOf(app)['PORT']}`);
    expect(proxyConfig).toMatch(/proxy_pass http:\/\/groupgate;/);
  });
});
