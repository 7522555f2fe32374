// Runs every bench/*.bench.ts in turn (each exports a default async function that prints its table).
// `npm run bench -- membership` runs only the files whose name contains "membership".
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const folder = dirname(fileURLToPath(import.meta.url));
const filter = process.argv[2] ?? '';
for (const file of readdirSync(folder).filter((name) => name.endsWith('.bench.ts') && name.includes(filter)).sort()) {
  console.log(`\n## ${file}\n`);
  try {
    const bench = (await import(pathToFileURL(join(folder, file)).href)) as { default: () => Promise<void> };
    await bench.default();
  } catch (error) {
    // One broken benchmark must not hide the others' tables; the run still fails.
    console.error(error);
    process.exitCode = 1;
  }
}
