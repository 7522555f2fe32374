import { fileURLToPath } from 'node:url';
import ts from 'typescript';

/** The repository root, wherever the build is run from. */
export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/** tsconfig.build.json: the one place that says which folders are runtime code. */
export const buildConfigPath = `${repoRoot}tsconfig.build.json`;

/** The folders tsconfig.build.json compiles (its `include`), read with TypeScript's own reader because the file has comments. */
export function runtimeFolders(): readonly string[] {
  const { config, error } = ts.readConfigFile(buildConfigPath, ts.sys.readFile);
  if (error) throw new Error(`tsconfig.build.json: ${ts.flattenDiagnosticMessageText(error.messageText, '\n')}`);
  const include: unknown = (config as { include?: unknown }).include;
  if (!Array.isArray(include) || !include.every((entry) => typeof entry === 'string')) throw new Error('tsconfig.build.json: expected an "include" list of folders');
  return include;
}
