/**
 * The README and docs/ read as a reader follows them: every relative link lands on a file of the
 * repository (and a heading, when it names one, by GitHub's slug rules), the README stays a short
 * front door with the two commands on its first screen, and .env.example and docs/configuration.md
 * list exactly the variables bot/config.ts reads. Each check is a function of the text, and each is
 * also run on a copy broken on purpose, so it is known to fail when it should.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import dotenv from 'dotenv';
import { describe, expect, it } from 'vitest';
import { configVariableNames, loadConfig } from '../../bot/config.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const read = (path: string) => readFileSync(join(root, path), 'utf8');
const docFiles = ['README.md', 'SECURITY.md', ...readdirSync(join(root, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];

/** Markdown outside fenced code blocks, with inline code spans blanked (links in code are not links). */
function proseLines(markdown: string): string[] {
  let fence: string | undefined;
  return markdown.split('\n').map((line) => {
    const marker = /^\s*(`{3,}|~{3,})/.exec(line)?.[1];
    if (marker && (fence === undefined || marker.startsWith(fence))) {
      fence = fence === undefined ? marker : undefined;
      return '';
    }
    return fence === undefined ? line.replace(/(`+)[^`]*?\1/g, (span) => ' '.repeat(span.length)) : '';
  });
}

/** Every link target: inline links and images, reference definitions, HTML href/src. */
function linkTargets(markdown: string): string[] {
  const text = proseLines(markdown).join('\n');
  const inline = [...text.matchAll(/!?\[[^\]]*\]\(\s*(<[^>]*>|[^)\s]*)(?:\s+["'(][^)]*)?\)/g)].map((m) => m[1]!.replace(/^<|>$/g, ''));
  const references = [...text.matchAll(/^ {0,3}\[[^\]]+\]:\s*(<[^>]*>|\S+)/gm)].map((m) => m[1]!.replace(/^<|>$/g, ''));
  const html = [...text.matchAll(/<(?:a|img)\b[^>]*?\s(?:href|src)="([^"]*)"/gi)].map((m) => m[1]!);
  return [...inline, ...references, ...html];
}

/** GitHub's anchor for each heading (github-slugger): markup dropped, lower case, punctuation out, spaces to hyphens, repeats numbered. */
function headingAnchors(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const anchors = new Set<string>();
  let fence: string | undefined;
  for (const line of markdown.split('\n')) {
    const marker = /^\s*(`{3,}|~{3,})/.exec(line)?.[1];
    if (marker && (fence === undefined || marker.startsWith(fence))) fence = fence === undefined ? marker : undefined;
    const heading = fence === undefined ? /^ {0,3}#{1,6}\s+(.*?)(?:\s+#+)?\s*$/.exec(line)?.[1] : undefined;
    if (heading === undefined) continue;
    const text = heading
      .replace(/!\[[^\]]*\]\([^)]*\)/g, '')
      .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
      .replace(/<[^>]+>/g, '')
      .replace(/`/g, '')
      .replace(/\*+/g, '')
      .replace(/(^|\s)_+|_+(?=\s|$)/g, '$1');
    const base = text.toLowerCase().replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '').replace(/ /g, '-');
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    anchors.add(count === 0 ? base : `${base}-${count}`);
  }
  return anchors;
}

/** What is wrong with each relative link of `file` (a path from the repository root); external URLs are not followed. */
function linkProblems(file: string, markdown: string, readTarget: (path: string) => string | undefined): string[] {
  return linkTargets(markdown).flatMap((target) => {
    if (/^[a-z][a-z0-9+.-]*:/i.test(target)) return /^file:/i.test(target) ? [`${file}: ${target} links outside the repository`] : [];
    if (target.startsWith('/')) return [`${file}: ${target} is an absolute path; link relative to the file`];
    const [pathPart = '', anchor] = target.split('#', 2);
    const path = decodeURIComponent(pathPart);
    const resolved = path === '' ? join(root, file) : resolve(root, dirname(file), path);
    const inside = relative(root, resolved);
    if (inside.startsWith('..') || isAbsolute(inside)) return [`${file}: ${target} links outside the repository`];
    const text = readTarget(inside);
    if (text === undefined) return [`${file}: ${target} points at a missing file`];
    if (anchor && inside.endsWith('.md') && !headingAnchors(text).has(anchor)) return [`${file}: ${target} names a heading ${inside} does not have`];
    return [];
  });
}

/** A repository file's text ('' for a folder), or undefined when it is not there. */
const readFromRepository = (path: string) => {
  const full = join(root, path);
  if (!existsSync(full)) return undefined;
  return statSync(full).isDirectory() ? '' : readFileSync(full, 'utf8');
};

/** The names `.env.example` sets or shows commented out (`NAME=value` or `# NAME=value`). */
function envExampleNames(text: string): string[] {
  return text.split('\n').flatMap((line) => /^\s*(?:#\s*)?([A-Za-z_][A-Za-z0-9_]*)=/.exec(line)?.[1] ?? []);
}

/** Variables in `.env.example` with no comment line above them (or above the run of variables they sit in). */
function uncommentedVariables(text: string): string[] {
  const lines = text.split('\n');
  return lines.flatMap((line, index) => {
    const name = /^\s*(?:#\s*)?([A-Za-z_][A-Za-z0-9_]*)=/.exec(line)?.[1];
    if (!name) return [];
    let above = index - 1;
    while (above >= 0 && /^\s*(?:#\s*)?[A-Za-z_][A-Za-z0-9_]*=/.test(lines[above]!)) above -= 1;
    return above >= 0 && /^\s*#\s*\S/.test(lines[above]!) ? [] : [name];
  });
}

/** The variables a page does not name in code (`NAME`). */
function unnamedVariables(page: string, names: readonly string[]): string[] {
  return names.filter((name) => !page.includes(`\`${name}\``));
}

const readme = read('README.md');
const envExample = read('.env.example');

describe('README.md, SECURITY.md and docs/', () => {
  it('link only to files of the repository that exist, and to headings those files have', () => {
    expect(docFiles.flatMap((file) => linkProblems(file, read(file), readFromRepository))).toEqual([]);
  });

  it('keep the README under 10 KB', () => {
    expect(Buffer.byteLength(readme, 'utf8')).toBeLessThanOrEqual(10 * 1024);
  });

  it("keep both commands on the README's first screen (its first 25 lines)", () => {
    const firstScreen = readme.split('\n').slice(0, 25).join('\n');
    expect(firstScreen).toContain('npm ci && npm start');
    expect(firstScreen).toContain('npm ci && npm test');
  });
});

describe("the README's Agents Playground part", () => {
  it('says every playground user shares one personal chat, and that PORT is the bot\'s port while --port N is the playground\'s', () => {
    const teams = readme.slice(readme.indexOf('## Install in Teams'), readme.indexOf('## Install in Slack'));
    expect(teams).toMatch(/Every playground user shares one personal chat/);
    expect(teams).toMatch(/`PORT` is the bot's port/);
    expect(teams).toContain('`npm run playground -- --port N` picks the playground\'s');
    // What the README says of PORT holds: the playground script points at the bot's PORT.
    const scripts = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts;
    expect(scripts['playground']).toContain('http://127.0.0.1:${PORT:-3978}/api/messages');
  });
});

describe('the link checker', () => {
  const files: Record<string, string> = { 'docs/a.md': '# Getting started\n## Getting started\n## `STORE_URL` and Redis: the *how*\n' };
  const problems = (markdown: string) => linkProblems('docs/b.md', markdown, (path) => files[path]);

  it('finds a missing file, a missing heading and a link outside the repository', () => {
    expect(problems('[x](missing.md)')).toEqual(['docs/b.md: missing.md points at a missing file']);
    expect(problems('[x](a.md#nowhere)')).toEqual(['docs/b.md: a.md#nowhere names a heading docs/a.md does not have']);
    expect(problems('[x](../../shared/design.md)')).toEqual(['docs/b.md: ../../shared/design.md links outside the repository']);
    expect(problems('![x](/work/shared/design.md)')).toHaveLength(1);
    expect(problems('[x]: file:///etc/passwd')).toHaveLength(1);
  });

  it("takes GitHub's anchors, repeats numbered, and skips code and web addresses", () => {
    expect(problems('[x](a.md#getting-started) [y](a.md#getting-started-1) [z](a.md#store_url-and-redis-the-how)')).toEqual([]);
    expect(problems('`[x](missing.md)`\n```\n[y](missing.md)\n```\n[z](https://example.com/missing.md)')).toEqual([]);
  });
});

describe('.env.example', () => {
  it('names every variable bot/config.ts reads, and no other', () => {
    const names = envExampleNames(envExample);
    expect([...names].sort()).toEqual([...configVariableNames].sort());
  });

  it('says what each variable is, in a comment above it', () => {
    expect(uncommentedVariables(envExample)).toEqual([]);
    expect(uncommentedVariables('# Port.\n# PORT=3978\nHOST=127.0.0.1\n')).toEqual([]);
    expect(uncommentedVariables('# PORT=3978\n\n# HOST=127.0.0.1\n')).toEqual(['PORT', 'HOST']);
  });

  it('changes nothing when copied to .env', () => {
    expect(loadConfig(dotenv.parse(envExample))).toEqual(loadConfig({}));
  });

  it('would be caught missing a variable or naming one GroupGate does not read', () => {
    const broken = envExample.replace(/^# PORT=.*$/m, '# PORTS=3978');
    expect([...envExampleNames(broken)].sort()).not.toEqual([...configVariableNames].sort());
  });
});

describe('docs/configuration.md', () => {
  it('names every variable bot/config.ts reads', () => {
    expect(unnamedVariables(read('docs/configuration.md'), configVariableNames)).toEqual([]);
    expect(unnamedVariables('| `PORT` |', ['PORT', 'HOST'])).toEqual(['HOST']);
  });
});
