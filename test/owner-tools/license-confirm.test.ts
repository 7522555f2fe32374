import { afterEach, describe, expect, it } from 'vitest';
import { changeIdOf, startOwnerHarness, type OwnerHarness } from './owner-harness.js';

let h: OwnerHarness | undefined;
afterEach(async () => h?.running.stop());

describe('a member change in a group that assigns licenses', () => {
  it('shows the license impact first, changes nothing until the owner confirms, and acts once', async () => {
    h = await startOwnerHarness();
    const before = await h.state('Licensed Analysts');
    const asked = await h.say('Dana Lee', 'add Rowan Pike to Licensed Analysts');

    expect(asked.text).toBe('Add Rowan Pike to Licensed Analysts?\nLicensed Analysts assigns licenses to its members.\nLicense: adding assigns Microsoft 365 E5 — the last seat left.\nNothing changes until you confirm.');
    expect(await h.state('Licensed Analysts')).toEqual(before);
    const changeId = changeIdOf(asked.cards);

    const confirmed = await h.click('Dana Lee', changeId, 'confirm');
    expect(confirmed.card).toMatchObject({ kind: 'message', title: 'Added Rowan Pike to Licensed Analysts', tone: 'good' });
    expect(confirmed.text).toMatch(/✅ Confirmed by Dana Lee · 09:00 UTC/);
    expect((await h.state('Licensed Analysts')).members).toContain('Rowan Pike');
    expect(h.sentTo('Rowan Pike')).toContain('Dana Lee added you to Licensed Analysts.');

    const again = await h.click('Dana Lee', changeId, 'confirm');
    expect(again.text).toBe('Added Rowan Pike to Licensed Analysts\nThis change was already confirmed at 09:00 UTC.\n✅ Confirmed by Dana Lee · 09:00 UTC');
    expect(h.changes.filter((c) => c.cause === 'ownerAction')).toHaveLength(1);
  });

  it('confirms once when two clicks race', async () => {
    h = await startOwnerHarness();
    const changeId = changeIdOf((await h.say('Dana Lee', 'add Rowan Pike to Licensed Analysts')).cards);
    const clicks = await Promise.all([h.click('Dana Lee', changeId, 'confirm'), h.click('Dana Lee', changeId, 'confirm'), h.click('Dana Lee', changeId, 'cancel')]);
    expect(clicks.filter((c) => /^(Added|Add) Rowan Pike/.test(c.text) && !/already/.test(c.text)).length).toBe(1);
    expect(h.changes.length).toBeLessThanOrEqual(1);
  });

  it('cancel changes nothing, and a later confirm says it was cancelled', async () => {
    h = await startOwnerHarness();
    const before = await h.state('Licensed Analysts');
    const changeId = changeIdOf((await h.say('Dana Lee', 'add Rowan Pike to Licensed Analysts')).cards);
    expect((await h.click('Dana Lee', changeId, 'cancel')).text).toMatch(/Cancelled by Dana Lee · 09:00 UTC — nothing changed\./);
    expect((await h.click('Dana Lee', changeId, 'confirm')).text).toMatch(/This change was already cancelled/);
    expect(await h.state('Licensed Analysts')).toEqual(before);
    expect(h.changes).toEqual([]);
  });

  it("lets only the owner who asked confirm: a forwarded card does nothing for anyone else", async () => {
    h = await startOwnerHarness();
    const before = await h.state('Data Science Lab');
    const changeId = changeIdOf((await h.say('Dana Lee', 'add Rowan Pike to Data Science Lab')).cards);
    for (const clicker of ['Ines Duarte', 'Rowan Pike', 'Alex Morgan']) {
      const click = await h.click(clicker, changeId, 'confirm');
      expect(click).toEqual({ text: 'Only the owner who asked for this change can confirm or cancel it.' });
    }
    expect(await h.state('Data Science Lab')).toEqual(before);
  });

  it('checks rights again at the click: an owner removed meanwhile cannot confirm', async () => {
    h = await startOwnerHarness();
    const changeId = changeIdOf((await h.say('Dana Lee', 'add Rowan Pike to Data Science Lab')).cards);
    await h.say('Ines Duarte', 'remove owner Dana Lee from Data Science Lab');
    const before = await h.state('Data Science Lab');

    const click = await h.click('Dana Lee', changeId, 'confirm');
    expect(click.text).toBe('Add Rowan Pike to Data Science Lab\nOnly the owners of Data Science Lab or an admin can add members.\nNot made · 09:00 UTC — nothing changed.');
    expect(await h.state('Data Science Lab')).toEqual(before);
  });

  it('expires after 30 minutes, since the license picture may have moved', async () => {
    h = await startOwnerHarness();
    const changeId = changeIdOf((await h.say('Dana Lee', 'add Rowan Pike to Licensed Analysts')).cards);
    h.clock.advance(31 * 60_000);
    expect((await h.click('Dana Lee', changeId, 'confirm')).text).toMatch(/^Add Rowan Pike to Licensed Analysts\nThis confirmation has expired — licenses may have moved since\./);
    expect((await h.state('Licensed Analysts')).members).not.toContain('Rowan Pike');
  });

  it('warns when no seat is left, and shows who gets the seat a removal frees', async () => {
    h = await startOwnerHarness();
    await h.click('Dana Lee', changeIdOf((await h.say('Dana Lee', 'add Rowan Pike to Licensed Analysts')).cards), 'confirm');
    const short = await h.say('Dana Lee', 'add Ada Ito to Licensed Analysts');
    expect(short.cards[0]).toMatchObject({ tone: 'warning' });
    expect(short.text).toContain("License: no E5 seats left — Ada Ito won't get a license until one frees up.");
    await h.click('Dana Lee', changeIdOf(short.cards), 'confirm');

    const asked = await h.say('Dana Lee', 'remove Cara Diaz from Licensed Analysts');
    expect(asked.text).toBe(
      [
        'Remove Cara Diaz from Licensed Analysts?',
        'Licensed Analysts assigns licenses to its members.',
        'License: Licensed Analysts assigns Microsoft 365 E5 — 1 seat freed.',
        'The freed seat goes to Ada Ito, who is waiting for one.',
        'Nothing changes until you confirm.',
      ].join('\n'),
    );
    await h.click('Dana Lee', changeIdOf(asked.cards), 'confirm');
    expect((await h.state('Licensed Analysts')).members).not.toContain('Cara Diaz');
    expect(h.changes.map((c) => `${c.change}/${c.cause}`)).toEqual(['added/ownerAction', 'added/ownerAction', 'removed/ownerAction']);
  });
});
