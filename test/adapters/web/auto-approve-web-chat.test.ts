import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { BrowserEntry } from '../../../adapters/web/browser-entry.js';
import type { DirectoryUser } from '../../../domain/model/directory-user.js';
import { person, sampleGroup, sampleTenantPath } from '../../support/sample-tenant.js';
import { entryText, isMessage, postJson, webChatHarness } from './web-chat-client.js';

// Issue 19, auto-approve conditions, through the real web chat: the owner types the rule, reads the
// preview's counts, clicks Save on the card; a requester who matches joins at once and reads why.
const ines = person('Ines Duarte');
const rowan = person('Rowan Pike');
const dana = person('Dana Lee');
const web = webChatHarness();
const answers = async (as: string, text: string) => (await web.say(as, text)).body.entries!.filter((e) => e.author.kind === 'groupgate');
/** The command a card's button runs, by its title, as the page would send it back. */
const buttonCommand = (entry: BrowserEntry, title: string) => {
  const found = JSON.stringify(entry.card).match(new RegExp(`"title":"${title}","verb":"command\\.run","data":\\{"command":"((?:[^"\\\\]|\\\\.)*)"`));
  if (!found) throw new Error(`no ${title} button on ${JSON.stringify(entry.card)}`);
  return JSON.parse(`"${found[1]}"`) as string;
};

describe('auto-approve in the web chat', () => {
  it('previews the counts, saves on the card, and lets a requester who matches join at once while others ask the owners', async () => {
    const running = await web.start();
    const inesPage = await web.events(ines.id);
    const { users } = JSON.parse(readFileSync(sampleTenantPath, 'utf8')) as { users: DirectoryUser[] };
    const members = new Set(sampleGroup('Atlas Project').members);
    const couldAsk = users.filter((u) => !members.has(u.id));
    const matched = couldAsk.filter((u) => u.department === 'Research');

    const [preview] = await answers(ines.id, 'policy Atlas Project approval unless user.department -eq "Research"');
    expect(entryText(preview!)).toContain(`Of ${couldAsk.length} people who could ask, ${matched.length} would be auto-approved.`);
    const clicked = await postJson(running.url, '/web/api/actions', { as: ines.id, messageId: preview!.id, verb: 'command.run', data: { command: buttonCommand(preview!, 'Save') } });
    expect(clicked.status).toBe(200);
    expect(JSON.stringify(clicked.body)).toMatch(/Saved — whoever matches/);
    expect(entryText((await answers(ines.id, 'policy Atlas Project'))[0]!)).toMatch(/Requesters matching user\.department -eq \\?"Research\\?" join at once, auto-approved/);

    const [joined] = await answers(rowan.id, 'join Atlas Project');
    expect(entryText(joined!)).toMatch(/Done — you're now a member of Atlas Project \(you match its auto-approve rule: user\.department -eq "Research"\)\./);
    expect(await running.gate.directory.isMember(sampleGroup('Atlas Project').id, rowan.id)).toBe(true);

    const [asked] = await answers(dana.id, 'join Atlas Project because I plan it');
    expect(entryText(asked!)).toMatch(/I've asked the 2 owners of Atlas Project/);
    await inesPage.waitFor(isMessage(/Dana Lee/));
    // Rowan's join asked nobody: the only approval card Ines got is Dana's.
    const cards = inesPage.seen.filter(isMessage(/Join request/)).map((e) => entryText(e.data as BrowserEntry));
    expect(cards).toHaveLength(1);
    expect(cards[0]).toMatch(/Dana Lee/);
  }, 60_000);
});
