import { loadConfig } from '../../bot/config.js';
import { startGroupGate, type RunningGroupGate, type StartOptions } from '../../bot/start-groupgate.js';
import { silentLogger } from '../../domain/ports/logger.js';
import { tempSqliteUrl } from './temp-store-url.js';
import { rememberPrinted } from './web-chat-pages.js';

/**
 * Starts a real GroupGate (real restify on a free loopback port, real SQLite store in a temp
 * folder, the sample tenant) with extra environment variables; stop it with `running.stop()`.
 * Resolves once its directory is loaded (`loaded`); a first load that fails stops it and rejects
 * (GroupGate itself would stay up and retry: test/operations/probes.test.ts), unless `waitForLoad` is false.
 */
export async function startTestGroupGate(env: Record<string, string> = {}, options: StartOptions & { readonly waitForLoad?: boolean } = {}): Promise<RunningGroupGate> {
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', STORE_URL: tempSqliteUrl(), WEB_CHAT: 'off', LOG_LEVEL: 'silent', ...env });
  const running = await startGroupGate(config, { logger: silentLogger, ...options });
  rememberPrinted(running.url, () => running.surfaces.flatMap((surface) => surface.startupLines ?? []));
  if (options.waitForLoad === false) return running;
  await running.loaded.catch(async (error: unknown) => {
    await running.stop();
    throw error;
  });
  return running;
}
