import { existsSync, readFileSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import dotenv from 'dotenv';
import { TenantFileError } from '../adapters/directory/embedded/load-tenant-file.js';
import { heldLogLines } from '../adapters/logging/held-log-lines.js';
import { createPinoLogger } from '../adapters/logging/pino-logger.js';
import { configuredSecrets } from '../adapters/logging/scrub-secrets.js';
import { StoreUnavailableError } from '../domain/ports/store.js';
import { ConfigError, loadConfig } from './config.js';
import { governMemory } from './govern-memory.js';
import { startGroupGate } from './start-groupgate.js';

/** The composition root: read configuration once, start everything, stop cleanly on SIGTERM/SIGINT. */
async function main(): Promise<void> {
  // A .env file fills in what the real environment leaves unset.
  const fromFile = existsSync('.env') ? dotenv.parse(readFileSync('.env')) : {};
  const config = loadConfig({ ...fromFile, ...process.env });
  // Set at run time it works as the node flag does (measured), so npm start, the compiled build and
  // the container need no flag of their own.
  if (config.MEMORY_SAVER === 'on') setFlagsFromString('--memory-saver-mode');
  // auto: on while the instance is quiet, off while it works (bot/govern-memory.ts).
  if (config.MEMORY_SAVER === 'auto') governMemory();
  // Log lines wait until the banner below is out, so they don't read as part of it.
  const logLines = heldLogLines();
  const running = await startGroupGate(config, { logger: createPinoLogger(config.LOG_LEVEL, logLines, configuredSecrets(config)) }).catch((error: unknown) => {
    logLines.release();
    throw error;
  });
  console.log(`GroupGate is listening on ${running.url} (probes: ${running.url}/livez and /readyz, metrics: /metrics)`);
  for (const surface of running.surfaces) for (const line of surface.startupLines ?? []) console.log(line);
  if (running.surfaces.length === 0) console.log('No chat surface is on: set Teams or Slack credentials, or WEB_CHAT=on.');
  // A Graph directory loads after the server listens; its failures are logged, and retried, as they happen — held at most a few seconds.
  const holdAtMost = setTimeout(() => logLines.release(), 5_000);
  running.loaded.then(() => console.log('GroupGate is ready.'), () => undefined).finally(() => {
    clearTimeout(holdAtMost);
    logLines.release();
  });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logLines.release();
    console.log(`${signal}: finishing in-flight work, then stopping.`);
    const deadline = setTimeout(() => process.exit(1), 15_000);
    deadline.unref();
    await running.stop();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((error: unknown) => {
  // Configuration and tenant-file problems are for people: print them without a stack trace.
  if (error instanceof ConfigError || error instanceof TenantFileError || error instanceof StoreUnavailableError) console.error(error.message);
  else console.error('GroupGate could not start:', error);
  process.exit(1);
});
