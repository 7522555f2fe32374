import { describe, expect, it } from 'vitest';
import type { BrowserEntry } from '../../../adapters/web/browser-entry.js';
import type { JoinRequest } from '../../../domain/join-requests/join-request.js';
import { keys } from '../../../domain/join-requests/join-request-records.js';
import { openRequests } from '../../../domain/join-requests/join-request-index.js';
import { person, sampleGroup } from '../../support/sample-tenant.js';
import { entryText, isMessage, postJson, webChatHarness } from './web-chat-client.js';

// Issue 19, several groups at once: `join A, B and C because …` files one request per group and
// answers in one message. Through the real web chat on the sample tenant.
const rowan = person('Rowan Pike');
const ines = person('Ines Duarte');
const web = webChatHarness();
const answers = async (as: string, text: string) => (await web.say(as, text)).body.entries!.filter((e) => e.author.kind === 'groupgate');
const buttonsOf = (entry: BrowserEntry) => [...JSON.stringify(entry.card).matchAll(/"title":"([^"]+)"/g)].map((m) => m[1]);

describe('joining several groups at once in the web chat', () => {
  it('files one request per group and says in one message what became of each', async () => {
    const running = await web.start();
    const said = await answers(rowan.id, 'join Lunch Club, Engineering Guild, Atlas Project, Board Room and Lunch Clb because I moved to the research team');
    expect(said).toHaveLength(1);
    const text = entryText(said[0]!);
    expect(text).toMatch(/Done — you're now a member of Lunch Club\./);
    expect(text).toMatch(/Done — you're now a member of Engineering Guild\./);
    expect(text).toMatch(/I've asked the 2 owners of Atlas Project \(Ines Duarte and Tomas Berg\)/);
    expect(text).toMatch(/Board Room doesn't take join requests/);
    expect(text).toMatch(/I couldn't find a group called "Lunch Clb"\. Did you mean Lunch Club\?/);
    const atlasRequest = /R-\w+/.exec(text)![0];
    expect(buttonsOf(said[0]!)).toEqual(['Cancel Atlas Project', 'Lunch Club']);

    const waiting = (await openRequests(running.gate.store)).filter((r) => r.requesterId === rowan.id && r.status === 'pending');
    expect(waiting.map((r) => r.groupId)).toEqual([sampleGroup('Atlas Project').id]);
    expect(await running.gate.directory.isMember(sampleGroup('Lunch Club').id, rowan.id)).toBe(true);
    // The Cancel button withdraws the Atlas Project request (typed as `cancel R-…`), and the message is no receipt to rewrite.
    const cancelled = await postJson(running.url, '/web/api/actions', { as: rowan.id, messageId: said[0]!.id, verb: 'command.run', data: { command: `cancel ${atlasRequest}` } });
    expect(cancelled.status).toBe(200);
    await running.gate.background.idle();
    expect((await running.gate.store.get<JoinRequest>(keys.request(atlasRequest as never)))?.status).toBe('cancelled');
  }, 60_000);

  it('keeps a group whose name holds "and" whole, and refuses more than ten groups in one message', async () => {
    await web.start();
    const inesPage = await web.events(ines.id);
    await answers(ines.id, 'create group Research and Development');
    const said = await answers(rowan.id, 'join Research and Development and Lunch Club because I moved to the research team');
    expect(entryText(said[0]!)).toMatch(/I've asked the owner of Research and Development \(Ines Duarte\)[\s\S]*you're now a member of Lunch Club/);
    await inesPage.waitFor(isMessage(/Join request · Research and Development/));

    const alone = await answers(rowan.id, 'join Research and Development because I moved to the research team');
    expect(entryText(alone[0]!)).toMatch(/You already asked to join Research and Development/);
    const eleven = Array.from({ length: 11 }, (_, i) => `Team ${i + 1}`).join(', ');
    expect(entryText((await answers(rowan.id, `join ${eleven} because why not`))[0]!)).toMatch(/That's 11 groups; I ask for at most 10 at once/);
  }, 60_000);
});
