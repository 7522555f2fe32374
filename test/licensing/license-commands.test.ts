import { describe, expect, it } from 'vitest';
import { toAdaptiveCard, toBlockKit } from '../../cards/render-card.js';
import { replyText } from '../support/reply-text.js';
import { minutes } from '../support/manual-clock.js';
import { person } from '../support/sample-tenant.js';
import { licenseLines, licensingGatePerTest } from './licensing-harness.js';

const start = licensingGatePerTest();

describe('the approval card of a licensing group', () => {
  it('shows what approving does to the seats before anyone clicks, and warns once they are gone', async () => {
    const { sayText, ask, approve, channel } = await start();
    const dana = person('Dana Lee').id;
    await sayText('Riley Chen', 'seats E5 10');

    await ask('Rowan Pike');
    expect(licenseLines(channel.to(dana))).toEqual([{ text: 'approving assigns Microsoft 365 E5 — one of the 2 seats left.', tone: 'default' }]);
    expect(JSON.stringify(toAdaptiveCard(channel.to(dana)[0]!))).toContain('License: approving assigns Microsoft 365 E5 — one of the 2 seats left.');

    await sayText('Riley Chen', 'seats E5 9');
    await approve(await ask('Ada Ito'));
    await ask('Marco Bianchi');
    const marco = channel.to(dana).at(-1)!;
    expect(licenseLines([marco])).toEqual([{ text: "no E5 seats left — Marco Bianchi won't get a license until one frees up.", tone: 'warning' }]);
    expect(JSON.stringify(toBlockKit(marco).blocks)).toContain("License: no E5 seats left — Marco Bianchi won't get a license until one frees up.");
  });

  it("tells the next requester's owner at once when an approval takes the last seat: the waiting card's license line changes", async () => {
    const { ask, approve, channel, gate } = await start();
    const dana = person('Dana Lee').id;
    const rowans = await ask('Rowan Pike');
    await ask('Ada Ito');
    expect(licenseLines(channel.to(dana))).toEqual([
      { text: 'approving assigns Microsoft 365 E5 — the last seat left.', tone: 'default' },
      { text: 'approving assigns Microsoft 365 E5 — the last seat left.', tone: 'default' },
    ]);
    const adasCard = channel.sent.filter((s) => s.to === dana).at(-1)!.location;

    await approve(rowans);
    await gate.background.idle();
    const adasNow = channel.updates.filter((u) => u.location.messageId === adasCard['messageId']).at(-1)?.card;
    expect(adasNow && licenseLines([adasNow])).toEqual([{ text: "no E5 seats left — Ada Ito won't get a license until one frees up.", tone: 'warning' }]);
    expect(adasNow).toMatchObject({ kind: 'approval', state: { status: 'pending' } });
  });

  it('tells an approved member who waits for a seat where they are in line, and again when a seat is theirs', async () => {
    const { ask, approve, channel, gate, sayText, clock } = await start();
    const ada = person('Ada Ito').id;
    const marco = person('Marco Bianchi').id;
    await approve(await ask('Rowan Pike'));
    await approve(await ask('Ada Ito'));
    clock.advance(minutes(5)); // the line is kept by when each started waiting
    await approve(await ask('Marco Bianchi'));
    await gate.background.idle();
    const said = (id: string) => channel.to(id).map((card) => replyText([card]));
    expect(said(ada)).toContainEqual(expect.stringMatching(/^You're a member of Licensed Analysts, but no Microsoft 365 E5 seat is free, so you don't have it yet\. You're 1st in line; I'll tell you when a seat is yours\.$/));
    expect(said(marco)).toContainEqual(expect.stringMatching(/You're 2nd in line/));
    expect(said(person('Rowan Pike').id).join('\n')).not.toMatch(/in line|seat freed/);
    // She may look herself up; the other members' states stay with the owners and admins.
    const own = await sayText('Ada Ito', 'licenses Licensed Analysts');
    expect(own).toMatch(/^You get Microsoft 365 E5 through Licensed Analysts: ⏳ waiting for a seat .*CountViolation/);
    expect(own).not.toMatch(/Marco Bianchi|Rowan Pike/);

    expect(await sayText('Kai Moreno', 'leave Licensed Analysts')).toMatch(/You've left Licensed Analysts/);
    await gate.background.idle();
    expect(said(ada).at(-1)).toBe('A seat freed up: you now have Microsoft 365 E5 through Licensed Analysts.');
    // Marco is still waiting, and was told so once: nothing new for him.
    expect(said(marco).filter((text) => /in line|seat freed/.test(text))).toHaveLength(1);
  });

  it('says so when the requester already holds the license', async () => {
    const { ask, channel } = await start();
    await ask('Grace Kim');
    expect(licenseLines(channel.to(person('Dana Lee').id))).toEqual([{ text: 'approving assigns Microsoft 365 E5 — Grace Kim already has it, so no seat is used.', tone: 'default' }]);
  });

  it('flags a guest requester', async () => {
    const { ask, channel } = await start();
    await ask('Pat Quinn');
    expect(licenseLines(channel.to(person('Dana Lee').id))[0]!.text).toBe('approving assigns Microsoft 365 E5 — the last seat left. Pat Quinn is a guest account.');
  });

  it('has no license line for a group that assigns none', async () => {
    const { sayText, channel } = await start();
    await sayText('Rowan Pike', 'join Atlas Project because research');
    expect(licenseLines(channel.to(person('Ines Duarte').id))).toEqual([]);
  });
});

describe('who may do what with licenses', () => {
  it('refuses alerts here and seats to anyone but a Global or License Administrator, and changes nothing', async () => {
    const { sayText } = await start();
    for (const name of ['Dana Lee', 'Jordan Blake', 'Rowan Pike']) {
      expect(await sayText(name, 'alerts here')).toMatch(/License alerts are for Global and License Administrators — ask Alex Morgan and Riley Chen\./);
      expect(await sayText(name, 'seats E5 50')).toBe('Only a Global or License Administrator can change seats.');
    }
    expect(await sayText('Alex Morgan', 'alerts off')).toMatch(/wasn't getting license alerts/);
    expect(await sayText('Riley Chen', 'licenses')).toMatch(/Microsoft 365 E5 \(SPE_E5\) — 9 seats · 8 used · 1 free · 0 waiting/);
  });

  it('asks for a conversation when alerts here comes from somewhere without one', async () => {
    const { say } = await start();
    const reply = await say('Riley Chen', 'alerts here', { actor: person('Riley Chen'), platform: 'web' });
    expect(replyText(reply)).toMatch(/I can't tell which conversation this is, so I have nowhere to post alerts/);
  });

  it("won't cancel seats that are in use", async () => {
    const { sayText } = await start();
    expect(await sayText('Riley Chen', 'seats E5 7')).toBe("Microsoft 365 E5 (SPE_E5) has 8 seats in use, so it can't go below 8. Remove licenses first, then cancel seats.");
    expect(await sayText('Riley Chen', 'seats Nope 7')).toMatch(/I couldn't find a license called "Nope"/);
  });

  it('shows owners the licenses of their own groups only, and nobody else anything', async () => {
    const { sayText } = await start();
    const dana = await sayText('Dana Lee', 'licenses');
    expect(dana).toMatch(/Microsoft 365 E5 \(SPE_E5\)[\s\S]*Power BI Pro \(POWER_BI_PRO\)/);
    expect(dana).not.toMatch(/Visio|Office 365 E3/);
    expect(await sayText('Dana Lee', 'licenses Visio Users')).toBe('Only the owners of Visio Users and admins can see its licenses.');
    expect(await sayText('Dana Lee', 'licenses E5')).toMatch(/Seat details for a whole license are for admins/);
    expect(await sayText('Rowan Pike', 'licenses')).toBe('License details are for admins and the owners of groups that assign licenses.');
    expect(await sayText('Dana Lee', 'reprocess E5')).toMatch(/Only admins can reprocess a whole license/);
  });

  it("shows a group's members and their states, flagging guests", async () => {
    const { sayText } = await start();
    const lab = await sayText('Ines Duarte', 'licenses data science lab');
    expect(lab).toMatch(/Assigns Power BI Pro \(POWER_BI_PRO\)\.\n4 members · 4 licensed\.\n⚠ Guest accounts licensed by this group: Lena Novak/);
    expect(lab).toMatch(/Lena Novak — ✅ licensed since 09:00 UTC/);
    expect(await sayText('Ines Duarte', 'licenses Atlas Project')).toBe("Atlas Project doesn't assign any licenses.");
  });
});
