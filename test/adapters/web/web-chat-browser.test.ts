import { mkdirSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningGroupGate } from '../../../bot/start-groupgate.js';
import { person, sampleGroup } from '../../support/sample-tenant.js';
import { startTestGroupGate } from '../../support/start-test-groupgate.js';
import { chromiumMissing, launchChromium } from './launch-chromium.js';
import { printedWebChatPage } from '../../support/web-chat-pages.js';

const shots = 'test-results/web-chat';
if (chromiumMissing) console.warn(`[skipped] web chat browser test: ${chromiumMissing}`);

describe.skipIf(chromiumMissing !== undefined)('the web chat in a browser', () => {
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
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(message.text());
    });
    await page.goto(printedWebChatPage(running.url)!);
  });

  afterAll(async () => {
    await browser?.close();
    await running?.stop();
  });

  /** Finds a person on the left by typing their name (the picker starts with a first page only), picks them and waits until their live feed is up. */
  async function become(name: string): Promise<void> {
    await page.getByLabel('Filter people').fill(name);
    await page.locator(`[data-person-id="${person(name).id}"]`).click();
    await page.getByLabel('Filter people').fill('');
    await expect.poll(() => page.locator('#status').textContent()).toBe(`live as ${name}`);
  }

  async function type(text: string): Promise<void> {
    await page.getByLabel('Message').fill(text);
    await page.getByLabel('Message').press('Enter');
  }

  const card = (text: RegExp) => page.locator('.entry .card').filter({ hasText: text });

  it('walks the join story: Rowan asks, Ines approves on the rendered card, Rowan sees the approval', async () => {
    await become('Rowan Pike');
    await expect.poll(() => page.locator('[data-person-id].chosen .person-role').textContent()).toBe('requester');
    await type('join Atlas Project because I moved to the research team');
    await card(/I've asked the 2 owners of Atlas Project/).waitFor();
    await page.screenshot({ path: `${shots}/1-requester-asks.png` });

    await become('Ines Duarte');
    const approval = card(/Join request · Atlas Project/);
    await approval.waitFor();
    await expect.poll(() => approval.textContent()).toMatch(/Rowan Pike.*asks to join Atlas Project\..*"I moved to the research team"/);
    await page.screenshot({ path: `${shots}/2-owner-sees-approval-card.png` });

    await approval.getByRole('button', { name: 'Approve', exact: true }).click();
    await card(/✅ Approved by Ines Duarte/).waitFor();
    expect(await approval.getByRole('button', { name: 'Approve', exact: true }).count()).toBe(0);
    await page.screenshot({ path: `${shots}/3-owner-approved.png` });
    await running.gate.background.idle();

    await become('Rowan Pike');
    await card(/Ines Duarte approved your request — you're now a member of Atlas Project/).waitFor();
    await page.screenshot({ path: `${shots}/4-requester-sees-approval.png` });
    expect(await running.gate.directory.listMembers(sampleGroup('Atlas Project').id as never)).toContain(person('Rowan Pike').id);
    expect(pageErrors).toEqual([]);
  });

  it('sends the note typed on the card with Deny, as Teams would', async () => {
    await become('Sam Carter');
    await type('join Atlas Project');
    await card(/I've asked the 2 owners of Atlas Project/).waitFor();

    await become('Tomas Berg');
    const approval = card(/Sam Carter.*asks to join Atlas Project/);
    await approval.getByPlaceholder(/Optional note/).fill('Please use Atlas Readers instead');
    await approval.getByRole('button', { name: 'Deny', exact: true }).click();
    await card(/❌ Denied by Tomas Berg.*Please use Atlas Readers instead/).waitFor();
    await running.gate.background.idle();

    await become('Sam Carter');
    await card(/Tomas Berg declined your request to join Atlas Project.*Please use Atlas Readers instead/).waitFor();
    await page.screenshot({ path: `${shots}/5-requester-sees-denial-with-note.png` });
    expect(pageErrors).toEqual([]);
  });

  /** How far the page, or any element on it, reaches past the right edge of the window (0: nothing does). */
  const overflow = () =>
    page.evaluate(() => {
      const reach = Math.max(document.documentElement.scrollWidth, ...Array.from(document.querySelectorAll('body *')).map((e) => e.getBoundingClientRect().right));
      return Math.max(0, Math.ceil(reach) - window.innerWidth);
    });

  for (const [width, requester] of [[400, 'Grace Kim'], [360, 'Omar Haddad']] as const) {
    it(`stays usable ${width} px wide: nothing sticks out sideways, Rowan Pike shows without scrolling, the input and cards fit`, async () => {
      await page.setViewportSize({ width, height: 760 });
      await page.goto(printedWebChatPage(running.url)!);
      const rowan = page.locator(`[data-person-id="${person('Rowan Pike').id}"]`);
      await rowan.waitFor();
      await expect.poll(() => page.locator('#welcome').textContent()).toMatch(/Licensed Analysts.*one E5 seat/s);
      expect(await overflow()).toBe(0);
      // Rowan, the first story's requester, is in view in the picker without scrolling it.
      const [list, him] = [await page.locator('#people-list').boundingBox(), await rowan.boundingBox()];
      expect(him!.y + him!.height).toBeLessThanOrEqual(Math.min(list!.y + list!.height, 760));
      // The welcome panel scrolls to its end (the license story) within the window.
      const last = page.locator('#welcome li').last();
      await last.scrollIntoViewIfNeeded();
      const end = await last.boundingBox();
      expect(end!.y + end!.height).toBeLessThanOrEqual(760);
      await page.screenshot({ path: `${shots}/6-narrow-${width}-welcome.png` });

      // The picker starts with a first page (admins and the stories' people); others are found by typing their name.
      expect(await page.locator(`[data-person-id="${person(requester).id}"]`).count()).toBe(0);
      await become(requester);
      await type('join Atlas Project because I moved to the research team');
      await card(/I've asked the 2 owners of Atlas Project/).waitFor();
      await become('Ines Duarte');
      await card(new RegExp(`${requester}.*asks to join Atlas Project`)).waitFor();
      expect(await overflow()).toBe(0);
      const input = await page.getByLabel('Message').boundingBox();
      expect(input!.width).toBeGreaterThanOrEqual(width / 2);
      expect(input!.y + input!.height).toBeLessThanOrEqual(760);
      await page.screenshot({ path: `${shots}/7-narrow-${width}-owner.png` });
      await type('help');
      await card(/pending/).last().waitFor();
      expect(await overflow()).toBe(0);
      await page.screenshot({ path: `${shots}/8-narrow-${width}-help.png` });
      expect(pageErrors).toEqual([]);
    });
  }
});
