import { describe, expect, it } from 'vitest';
import { listJoinRequests } from '../../domain/join-requests/join-request-records.js';
import { person } from '../support/sample-tenant.js';
import { expectNothingChanged, snapshotState } from '../support/state-snapshot.js';
import type { BrowserEntry } from '../../adapters/web/browser-entry.js';
import { entryText, isMessage, postJson, webChatHarness } from '../adapters/web/web-chat-client.js';

const web = webChatHarness();
const rowan = person('Rowan Pike');
const ines = person('Ines Duarte');
const answer = async (text: string) => entryText((await web.say(rowan.id, text)).body.entries!.at(-1)!);
const alreadyAtlas = "There's already a group called Atlas Project. Pick another name, or type join Atlas Project to ask to join it.";

describe('look-alike group names', () => {
  it('refuses a new group whose name only looks different from an existing one, and changes nothing (store, directory, audit)', async () => {
    const running = await web.start();
    const before = await snapshotState(running.gate);
    const lookAlikes = {
      'a Greek omicron': 'Atlas Pr\u03bfject',
      'a Cyrillic А': '\u0410tlas Project',
      'a zero-width space': 'Atlas\u200b Project',
      'a right-to-left override': 'Atlas \u202eProject',
      'full-width letters': 'Ａｔｌａｓ Project',
      'a digit for a letter': 'At1as Project',
    };
    for (const [what, name] of Object.entries(lookAlikes)) expect(await answer(`create group ${name}`), what).toBe(alreadyAtlas);
    await running.gate.background.idle();
    await expectNothingChanged(running.gate, before);
  });

  it('stores a new name without invisible or bidi characters, and finds groups by the name as it reads', async () => {
    const running = await web.start();
    expect(await answer('create group Hiking\u200b \u202eClub\u202c')).toMatch(/^Created Hiking Club \(security group\)/);
    const names = (await running.gate.directory.listGroups()).map((group) => group.displayName);
    expect(names).toContain('Hiking Club');
    expect(names.filter((name) => /[\u200b\u202a-\u202e]/.test(name))).toEqual([]);
    // Typed with a zero-width space, the real group is found.
    expect(await answer('join Atlas\u200b Project because I moved teams')).toMatch(/I've asked the 2 owners of Atlas Project/);
  });

  it('keeps right-to-left overrides out of the reasons it stores and shows', async () => {
    const running = await web.start();
    await answer('join Atlas Project because \u202etcejorp terces\u202c');
    const [request] = await listJoinRequests(running.gate.store);
    expect(request?.reason).toBe('tcejorp terces');
  });

  it('keeps right-to-left overrides out of a Deny note typed into the card', async () => {
    const running = await web.start();
    const inesPage = await web.events(ines.id);
    await answer('join Atlas Project because I moved teams');
    const card = (await inesPage.waitFor(isMessage(/Join request · Atlas Project/))).data as BrowserEntry;
    const requestId = /R-\w+/.exec(JSON.stringify(card.card))![0];
    const denied = await postJson(running.url, '/web/api/actions', { as: ines.id, messageId: card.id, verb: 'join-request.deny', data: { requestId, note: 'use \u202eredaeR saltA\u202c instead' } });
    expect(denied.status).toBe(200);
    await running.gate.background.idle();
    const [request] = await listJoinRequests(running.gate.store);
    expect(JSON.stringify(request)).toContain('use redaeR saltA instead');
    expect(JSON.stringify(request)).not.toMatch(/\\u202[a-e]|[\u202a-\u202e]/);
  });
});
