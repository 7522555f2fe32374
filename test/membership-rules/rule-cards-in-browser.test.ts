import { mkdirSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningGroupGate } from '../../bot/start-groupgate.js';
import { chromiumMissing, launchChromium } from '../adapters/web/launch-chromium.js';
import { person } from '../support/sample-tenant.js';
import { startTestGroupGate } from '../support/start-test-groupgate.js';
import { printedWebChatPage } from '../support/web-chat-pages.js';

const shots = 'test-results/membership-rules';
if (chromiumMissing) console.warn(`[skipped] rule cards in a browser: ${chromiumMissing}`);

describe.skipIf(chromiumMissing !== undefined)('rule cards in the web chat', () => {
  let running: RunningGroupGate;
  let browser: BrowserContext;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
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

  async function become(name: string): Promise<void> {
    await page.locator(`[data-person-id="${person(name).id}"]`).click();
    await expect.poll(() => page.locator('#status').textContent()).toBe(`live as ${name}`);
  }

  async function type(text: string): Promise<void> {
    await page.getByLabel('Message').fill(text);
    await page.getByLabel('Message').press('Enter');
  }

  const card = (text: RegExp) => page.locator('.entry .card').filter({ hasText: text });

  it('shows a rule that does not parse with the caret under the mistake', async () => {
    await become('Ines Duarte');
    await type('preview rule user.department -equals "Research"');
    const error = card(/Unknown operator -equals — did you mean -eq\?/);
    await error.waitFor();
    expect(await error.textContent()).toContain('\u00a0'.repeat(16) + '^^^^^^^');
    await page.screenshot({ path: `${shots}/1-rule-with-caret.png` });
  });

  it('lets an owner apply a proposed rule from the rendered card, once', async () => {
    await type('propose rule for Research New Zealand: user.department -eq "Research"');
    const proposal = card(/Rule proposal P-\w+ · Research New Zealand/);
    await proposal.waitFor();
    await expect.poll(() => proposal.textContent()).toMatch(/Would add: Ines Duarte, Lena Novak, Rowan Pike, Tomas Berg/);
    await page.screenshot({ path: `${shots}/2-proposal.png` });

    await proposal.getByRole('button', { name: 'Apply rule' }).click();
    await card(/✅ Applied by Ines Duarte/).waitFor();
    expect(await card(/✅ Applied by Ines Duarte/).getByRole('button', { name: 'Apply rule' }).count()).toBe(0);
    await page.screenshot({ path: `${shots}/3-applied.png` });

    await type('check Rowan Pike against Research New Zealand');
    await card(/Rowan Pike is in Research New Zealand/).waitFor();
    await page.screenshot({ path: `${shots}/4-explanation.png` });
    expect(pageErrors).toEqual([]);
  });
});
