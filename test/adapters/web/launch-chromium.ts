import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import type { RunningGroupGate } from '../../../bot/start-groupgate.js';
import { startTestGroupGate } from '../../support/start-test-groupgate.js';
import { printedWebChatPage } from '../../support/web-chat-pages.js';

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

/**
 * For a browser test file: a GroupGate with the web chat on, and one page of it open in headless
 * Chromium, for all its tests (started before them, stopped after). Errors the page throws are
 * collected in `pageErrors`.
 */
export function webChatInBrowser(): { readonly running: () => RunningGroupGate; readonly page: () => Page; readonly pageErrors: string[] } {
  let running: RunningGroupGate | undefined;
  let browser: BrowserContext | undefined;
  let page: Page | undefined;
  const pageErrors: string[] = [];
  beforeAll(async () => {
    running = await startTestGroupGate({ WEB_CHAT: 'on' });
    browser = await launchChromium();
    page = await browser.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(printedWebChatPage(running.url)!);
  });
  afterAll(async () => {
    await browser?.close();
    await running?.stop();
  });
  return { running: () => running!, page: () => page!, pageErrors };
}
