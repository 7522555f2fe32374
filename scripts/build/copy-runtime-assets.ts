import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { repoRoot, runtimeFolders } from './runtime-build-config.js';

// TypeScript is compiled, not copied; notes for people are not read at run time.
const notCopied = /\.(ts|md)$/;

/**
 * Copies every other file in the runtime folders to the same place under `outDir`: the code finds
 * its assets next to itself (`new URL('./public/', import.meta.url)`, the embedded tenant file), so
 * a file in the same folder of dist/ is found the same way, and a new asset needs no list kept here.
 * Returns the copied paths, relative to the repository.
 */
export function copyRuntimeAssets(outDir: string): string[] {
  const copied: string[] = [];
  for (const folder of runtimeFolders()) {
    for (const path of filesUnder(join(repoRoot, folder))) {
      if (notCopied.test(path)) continue;
      const inRepo = relative(repoRoot, path);
      mkdirSync(dirname(join(outDir, inRepo)), { recursive: true });
      copyFileSync(path, join(outDir, inRepo));
      copied.push(inRepo);
    }
  }
  return copied;
}

function filesUnder(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return filesUnder(path);
    return entry.isFile() ? [path] : [];
  });
}
