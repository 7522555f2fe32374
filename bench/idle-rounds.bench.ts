// Issue 16, "idle is idle": the real bot (in this process, SQLite store in a temp folder) on an embedded tenant
// of 10k and 100k users, left alone; every background job runs each SWEEP_INTERVAL (2 s here). Prints the CPU
// this process used per round of all jobs, and what that is as a share of one core at one round per 30 s.
import { cpus } from 'node:os';
import { loadConfig } from '../bot/config.js';
import { startGroupGate } from '../bot/start-groupgate.js';
import { silentLogger } from '../domain/ports/logger.js';
import { tempSqliteUrl } from '../test/support/temp-store-url.js';
import { writeEmbeddedTenant } from './embedded-tenant-file.js';

const intervalMs = 2_000;
const rounds = 8;
const sizes = (process.env['IDLE_SIZES'] ?? '10000,100000').split(',').map(Number);

export default async function idleRounds(): Promise<void> {
  console.log(`${cpus().length} cores; SWEEP_INTERVAL ${intervalMs} ms; ${rounds} idle rounds measured after two warm-up rounds\n`);
  console.log('| users | groups | start (s) | CPU per idle round (ms) | share of a core at one round / 30 s |');
  console.log('|---:|---:|---:|---:|---:|');
  for (const users of sizes) {
    const tenant = writeEmbeddedTenant(users);
    const started = performance.now();
    const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', STORE_URL: tempSqliteUrl(), WEB_CHAT: 'off', LOG_LEVEL: 'silent', DIRECTORY_SEED: tenant.path, SWEEP_INTERVAL: `${intervalMs / 1000}s` });
    const running = await startGroupGate(config, { logger: silentLogger });
    await running.loaded;
    const startS = (performance.now() - started) / 1000;
    await new Promise((resolve) => setTimeout(resolve, intervalMs * 2));
    const before = process.cpuUsage();
    await new Promise((resolve) => setTimeout(resolve, intervalMs * rounds));
    const used = process.cpuUsage(before);
    const perRoundMs = (used.user + used.system) / 1000 / rounds;
    await running.stop();
    console.log(`| ${users.toLocaleString('en')} | ${tenant.groupCount.toLocaleString('en')} | ${startS.toFixed(1)} | ${perRoundMs.toFixed(1)} | ${((perRoundMs / 30_000) * 100).toFixed(2)} % |`);
  }
}
