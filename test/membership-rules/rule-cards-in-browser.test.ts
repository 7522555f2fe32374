import { mkdirSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { chromiumMissing, webChatInBrowser } from '../adapters/web/launch-chromium.js';
import { person } from '../support/sample-tenant.js';

const shots = 'test-results/membership-rules';
if (chromiumMissing) console.warn(`[skipped] rule cards in a browser: ${chromiumMissing}`);

describe.skipIf(chromiumMissing !== undefined)('rule cards in the web chat', () => {
  const web = webChatInBrowser();
  const { pageErrors } = web;
  beforeAll(() => mkdirSync(shots, { recursive: true }));

  async function become(name: string): Promise<void> {
    await web.page().locator(`[data-person-id="${person(name).id}"]`).click();
    await expect.poll(() => web.page().locator('#status').textContent()).toBe(`live as ${name}`);
  }

  async function type(text: string): Promise<void> {
    await web.page().getByLabel('Message').fill(text);
    await web.page().getByLabel('Message').press('Enter');
  }

  const card = (text: RegExp) => web.page().locator('.entry .card').filter({ hasText: text });

  it('shows a rule that does not parse with the caret under the mistake', async () => {
    await become('Ines Duarte');
    await type('preview rule user.department -equals "Research"');
    const error = card(/Unknown operator -equals — did you mean -eq\?/);
    await error.waitFor();
    expect(await error.textContent()).toContain('\u00a0'.repeat(16) + '^^^^^^^');
    await web.page().screenshot({ path: `${shots}/1-rule-with-caret.png` });
  });

  it('lets an owner apply a proposed rule from the rendered card, once', async () => {
    await type('propose rule for Research New Zealand: user.department -eq "Research"');
    const proposal = card(/Rule proposal P-\w+ · Research New Zealand/);
    await proposal.waitFor();
    await expect.poll(() => proposal.textContent()).toMatch(/Would add: Ines Duarte, Lena Novak, Rowan Pike, Tomas Berg/);
    await web.page().screenshot({ path: `${shots}/2-proposal.png` });

    await proposal.getByRole('button', { name: 'Apply rule' }).click();
    await card(/✅ Applied by Ines Duarte/).waitFor();
    expect(await card(/✅ Applied by Ines Duarte/).getByRole('button', { name: 'Apply rule' }).count()).toBe(0);
    await web.page().screenshot({ path: `${shots}/3-applied.png` });

    await type('check Rowan Pike against Research New Zealand');
    await card(/Rowan Pike is in Research New Zealand/).waitFor();
    await web.page().screenshot({ path: `${shots}/4-explanation.png` });
    expect(pageErrors).toEqual([]);
  });
});
