import { parseArgs } from 'node:util';
import { buildRuntime } from './build-runtime.js';

/**
 * `npm run build [-- --out-dir <dir>]`: compiles what `node dist/bot/main.js` runs. Another out dir
 * lets a test build next to a dist/ that a running process may be using.
 */
const { values } = parseArgs({ options: { 'out-dir': { type: 'string', default: 'dist' } } });
try {
  const build = buildRuntime(values['out-dir']);
  console.log(`Built ${build.outDir} in ${(build.milliseconds / 1000).toFixed(1)} s (${build.assets.length} asset files copied).`);
} catch (error) {
  console.error((error as Error).message);
  process.exitCode = 1;
}
