import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const domain = join(root, 'domain');
/** Pure libraries the domain may use: a linear-time regex engine for -match rules. */
const allowedPackages = new Set(['re2js']);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/** Every module specifier a file imports or re-exports, statically or dynamically. */
function importsOf(source: string): string[] {
  const specifiers: string[] = [];
  for (const match of source.matchAll(/(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|import\s+['"]([^'"]+)['"]|require\(\s*['"]([^'"]+)['"]\s*\)/g)) {
    specifiers.push(match[1] ?? match[2] ?? match[3] ?? match[4]!);
  }
  return specifiers;
}

/** Why an import breaks the dependency rule, or undefined when it is fine. */
function outwardImport(file: string, specifier: string): string | undefined {
  if (specifier.startsWith('.')) {
    const target = resolve(dirname(file), specifier);
    return relative(domain, target).startsWith('..') ? `reaches outside domain/ (${relative(root, target)})` : undefined;
  }
  const name = specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]!;
  return allowedPackages.has(name) ? undefined : `imports the package "${specifier}"`;
}

describe('the dependency rule', () => {
  it('keeps domain/ free of platform SDKs, storage, HTTP and every outer layer', () => {
    const violations = sourceFiles(domain).flatMap((file) =>
      importsOf(readFileSync(file, 'utf8')).flatMap((specifier) => {
        const why = outwardImport(file, specifier);
        return why ? [`${relative(root, file)}: ${why}`] : [];
      }),
    );
    expect(violations).toEqual([]);
  });

  it.each([
    ['botbuilder', 'imports the package "botbuilder"'],
    ['@slack/bolt', 'imports the package "@slack/bolt"'],
    ['keyv', 'imports the package "keyv"'],
    ['restify', 'imports the package "restify"'],
    ['node:http', 'imports the package "node:http"'],
    ['../../bot/turn.js', 'reaches outside domain/ (bot/turn.js)'],
    ['../../adapters/store/keyv-store.js', 'reaches outside domain/ (adapters/store/keyv-store.js)'],
    ['../../cards/card-view.js', 'reaches outside domain/ (cards/card-view.js)'],
  ])('would catch an import of %s', (specifier, why) => {
    expect(outwardImport(join(domain, 'join-requests', 'example.ts'), specifier)).toBe(why);
  });

  it('finds imports in every form a file can write them', () => {
    const source = `import a from 'x1';\nimport type { B } from "x2";\nexport { c } from './x3.js';\nimport 'x4';\nconst d = await import('x5');\nimport {\n  e,\n} from 'x6';`;
    expect(importsOf(source)).toEqual(['x1', 'x2', './x3.js', 'x4', 'x5', 'x6']);
  });
});
