import { describe, expect, it } from 'vitest';
import { requestsOf } from '../../../domain/join-requests/join-request-index.js';
import { person, sampleGroup } from '../../support/sample-tenant.js';
import { chromiumMissing, webChatInBrowser } from './launch-chromium.js';

if (chromiumMissing) console.warn(`[skipped] web chat Ask to join test: ${chromiumMissing}`);

// Issue 18: the groups list's Ask to join could not carry a reason. The rendered card opens an input in place.
describe.skipIf(chromiumMissing !== undefined)('Ask to join in the web chat, in a browser', () => {
  const web = webChatInBrowser();

  it('asks why in place, and the request its owners get carries the reason typed there', async () => {
    const page = web.page();
    await page.locator(`[data-person-id="${person('Rowan Pike').id}"]`).click();
    await expect.poll(() => page.locator('#status').textContent()).toBe('live as Rowan Pike');
    await page.getByLabel('Message').fill('groups atlas');
    await page.getByLabel('Message').press('Enter');
    const list = page.locator('.entry .card').filter({ hasText: /Groups matching "atlas"/ });
    await list.getByRole('button', { name: 'Ask to join' }).click();
    await list.getByPlaceholder(/Why do you want to join/).fill('I moved to the research team');
    await list.getByRole('button', { name: 'Send request' }).click();
    await page.locator('.entry .card').filter({ hasText: /I've asked the 2 owners of Atlas Project/ }).waitFor();
    expect(await requestsOf(web.running().gate.store, person('Rowan Pike').id)).toEqual([
      expect.objectContaining({ groupId: sampleGroup('Atlas Project').id, reason: 'I moved to the research team', status: 'pending' }),
    ]);
    expect(web.pageErrors).toEqual([]);
  });
});
