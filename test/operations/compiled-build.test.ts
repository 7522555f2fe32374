import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempSqliteUrl } from '../support/temp-store-url.js';

// The container's layout, in a temporary folder: dist/, package.json and node_modules side by side.
// The build goes there, not to dist/, which a running `npm start` may be using.
const root = mkdtempSync(join(tmpdir(), 'groupgate-build-'));
const dist = join(root, 'dist');
let built = { status: -1 as number | null, output: '' };

beforeAll(() => {
  const started = performance.now();
  const build = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/build/build.ts', '--out-dir', dist], { encoding: 'utf8' });
  built = { status: build.status, output: build.stdout + build.stderr };
  console.log(`npm run build into a temporary folder took ${((performance.now() - started) / 1000).toFixed(1)} s`);
  copyFileSync('package.json', join(root, 'package.json'));
  symlinkSync(join(process.cwd(), 'node_modules'), join(root, 'node_modules'), 'dir');
}, 180_000);
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** `node dist/bot/main.js` from the built folder, with only the environment given: no tsx loader, no NODE_OPTIONS, no .env of the checkout. */
function startBuilt(env: Record<string, string>) {
  const child = spawn(process.execPath, [join(dist, 'bot', 'main.js')], {
    cwd: root,
    env: { PATH: process.env['PATH'] ?? '', HOME: root, PORT: '0', HOST: '127.0.0.1', STORE_URL: tempSqliteUrl(), LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const listening = waitFor(() => /GroupGate is listening on (http:\/\/\S+)/.exec(output)?.[1], () => `it did not start:\n${output}`);
  return { child, exited, listening, output: () => output };
}

async function waitFor<T>(found: () => T | undefined | Promise<T | undefined>, failure: () => string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await found();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(failure());
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const compiledFiles = () => readdirSync(dist, { recursive: true, encoding: 'utf8' });

describe('the compiled build (npm run build)', () => {
  it('compiles the runtime code into plain JavaScript that never loads tsx, and copies its assets', () => {
    expect(built.status, built.output).toBe(0);
    expect(built.output).toMatch(/Built .* in \d+\.\d s/);
    const files = compiledFiles();
    expect(files).toContain(join('bot', 'main.js'));
    expect(files.filter((name) => name.endsWith('.ts'))).toEqual([]);
    expect(files).toEqual(expect.arrayContaining([join('adapters', 'web', 'public', 'index.html'), join('adapters', 'directory', 'embedded', 'contoso-tenant.json')]));
    const loadsTsx = files.filter((name) => name.endsWith('.js') && /(from|import\()\s*['"]tsx/.test(readFileSync(join(dist, name), 'utf8')));
    expect(loadsTsx).toEqual([]);
  });

  it('refuses to build into a folder of sources, which it would have emptied', () => {
    const refused = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/build/build.ts', '--out-dir', 'bot'], { encoding: 'utf8' });
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('refusing to build into');
    expect(readdirSync('bot')).toContain('main.ts');
  });
});

describe('node dist/bot/main.js, without tsx', () => {
  it('answers its probes, serves the web chat page and its scripts, and stops cleanly on SIGTERM', async () => {
    const started = performance.now();
    const app = startBuilt({ WEB_CHAT: 'on' });
    try {
      const url = await app.listening;
      console.log(`node dist/bot/main.js listened after ${Math.round(performance.now() - started)} ms`);
      expect((await fetch(`${url}/livez`)).status).toBe(200);
      await waitFor(async () => ((await fetch(`${url}/readyz`)).status === 200 ? true : undefined), () => `/readyz never answered 200:\n${app.output()}`);
      console.log(`node dist/bot/main.js was ready after ${Math.round(performance.now() - started)} ms`);

      // Opened as a person does: the printed address, whose key the page keeps in a cookie.
      const printed = /^Web chat: (http:\/\/\S+)/m.exec(app.output())?.[1];
      expect(printed, app.output()).toMatch(new RegExp(`^${url}/\\?key=`));
      const opened = await fetch(printed!, { redirect: 'manual' });
      const headers = { cookie: opened.headers.get('set-cookie')!.split(';')[0]! };
      const page = await fetch(`${url}/`, { headers });
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toMatch(/^text\/html/);
      // The page's scripts, and the modules they import in turn (app.js imports ./cards.js and ./people.js).
      const scripts = [...(await page.text()).matchAll(/<script[^>]*\ssrc="([^"]+)"/g)].map((match) => match[1]!);
      expect(scripts).toEqual(expect.arrayContaining(['/web/app.js', '/web/adaptivecards.min.js']));
      for (const script of scripts) {
        const answer = await fetch(`${url}${script}`, { headers });
        expect({ script, status: answer.status, type: answer.headers.get('content-type') }).toEqual({ script, status: 200, type: expect.stringMatching(/^text\/javascript/) });
        const imports = [...(await answer.text()).matchAll(/^import .* from '\.\/([\w-]+\.js)';$/gm)].map((match) => `/web/${match[1]!}`);
        scripts.push(...imports.filter((path) => !scripts.includes(path)));
      }
      expect(scripts).toEqual(expect.arrayContaining(['/web/cards.js', '/web/people.js']));
    } finally {
      app.child.kill('SIGTERM');
    }
    expect(await app.exited).toBe(0);
    expect(app.output()).toContain('SIGTERM: finishing in-flight work, then stopping.');
    // Node 22 and 24 print none of the warnings older dependencies caused (DEP0111, process.binding).
    expect(app.output()).not.toMatch(/DeprecationWarning|ExperimentalWarning|\(node:\d+\)/);
  }, 60_000);
});
