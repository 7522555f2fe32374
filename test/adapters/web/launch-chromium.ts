import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

/** Debian's chromium (`apt-get install -y chromium`); CI installs it. */
export const chromiumPath = '/usr/bin/chromium';

/** Why the browser tests can't run here, or undefined when they can. */
export const chromiumMissing = existsSync(chromiumPath) ? undefined : `${chromiumPath} is missing (install it with: apt-get install -y chromium)`;

/** Starts headless Chromium with a fresh profile and nothing that reaches for the network. */
export async function launchChromium(): Promise<BrowserContext> {
  const profile = mkdtempSync(join(tmpdir(), 'groupgate-chromium-'));
  return chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    viewport: { width: 1280, height: 800 },
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-quic', '--no-first-run', '--disable-component-update', '--disable-sync',
    ],
  });
}
