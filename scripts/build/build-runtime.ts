import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { relative, resolve } from 'node:path';
import { copyRuntimeAssets } from './copy-runtime-assets.js';
import { buildConfigPath, repoRoot } from './runtime-build-config.js';

const require = createRequire(import.meta.url);

/** What a build made, for the line it prints. */
export interface RuntimeBuild {
  readonly outDir: string;
  readonly assets: readonly string[];
  readonly milliseconds: number;
}

/**
 * Compiles the runtime code into `outDir` (emptied first, so a deleted source leaves no stale
 * module behind) and copies its assets. Throws, after tsc has printed why, when the code does not
 * type-check: an image is never built from code the checker refuses.
 */
export function buildRuntime(outDir: string): RuntimeBuild {
  const started = performance.now();
  const target = resolve(outDir);
  refuseSourceFolder(target);
  rmSync(target, { recursive: true, force: true });
  const tsc = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', buildConfigPath, '--outDir', target], { stdio: 'inherit' });
  if (tsc.status !== 0) throw new Error(`tsc -p tsconfig.build.json failed (exit ${tsc.status ?? tsc.signal})`);
  const assets = copyRuntimeAssets(target);
  return { outDir: target, assets, milliseconds: Math.round(performance.now() - started) };
}

/** The out dir is emptied, so it must not be (or hold) sources: `--out-dir .` or `--out-dir bot` would delete them. */
function refuseSourceFolder(target: string): void {
  const holdsRepository = !relative(target, repoRoot).startsWith('..');
  const holdsTypeScript = !holdsRepository && existsSync(target) && readdirSync(target, { recursive: true }).some((name) => String(name).endsWith('.ts'));
  if (holdsRepository || holdsTypeScript) throw new Error(`refusing to build into ${target}: it holds source files, and a build empties its out dir first`);
}
