import { describe, expect, it } from 'vitest';
import type { BrowserEntry } from '../../../adapters/web/browser-entry.js';
import { person } from '../../support/sample-tenant.js';
import { entryText, isMessage, postJson, webChatHarness } from './web-chat-client.js';

// Issue 18, stale cards: a card `pending` showed an owner, and the requester's receipt with its
// Cancel button, are edited when the request closes, like the cards sent to approvers. Through the
// real web chat: typed messages, the click route, and the event stream each page reads.
const rowan = person('Rowan Pike');
const ines = person('Ines Duarte');
const tomas = person('Tomas Berg');
const web = webChatHarness();

const actionsOf = (entry: BrowserEntry) => [...JSON.stringify(entry.card).matchAll(/"verb":"([\w.-]+)"/g)].map((m) => m[1]);
const updateOf = (id: string) => (e: { event: string; data: unknown }) => e.event === 'update' && (e.data as BrowserEntry).id === id;

async function askAndShowPending() {
  const running = await web.start();
  const [inesPage, rowanPage, tomasPage] = [await web.events(ines.id), await web.events(rowan.id), await web.events(tomas.id)];
  const asked = await web.say(rowan.id, 'join Atlas Project because I moved to the research team');
  const receipt = asked.body.entries!.find((e) => e.author.kind === 'groupgate')!;
  expect(actionsOf(receipt)).toEqual(['join-request.cancel']);
  const requestId = /R-\w+/.exec(entryText(receipt))![0];
  const pending = await web.say(ines.id, 'pending');
  const shown = pending.body.entries!.find((e) => e.author.kind === 'groupgate' && JSON.stringify(e.card).includes(requestId))!;
  expect(actionsOf(shown)).toEqual(expect.arrayContaining(['join-request.approve', 'join-request.deny']));
  await running.gate.background.idle();
  return { running, inesPage, rowanPage, tomasPage, receipt, shown, requestId };
}

describe('cards shown in answer stay live', () => {
  it("edits the owner's pending card and the requester's receipt when another owner approves", async () => {
    const { running, inesPage, rowanPage, tomasPage, receipt, shown, requestId } = await askAndShowPending();
    const tomasCard = (await tomasPage.waitFor(isMessage(/Join request · Atlas Project/))).data as BrowserEntry;
    const clicked = await postJson(running.url, '/web/api/actions', { as: tomas.id, messageId: tomasCard.id, verb: 'join-request.approve', data: { requestId } });
    expect(clicked.status).toBe(200);
    await running.gate.background.idle();

    const inesCopy = (await inesPage.waitFor(updateOf(shown.id))).data as BrowserEntry;
    expect(entryText(inesCopy)).toMatch(/Approved by Tomas Berg/);
    expect(actionsOf(inesCopy)).toEqual([]);
    const rowansReceipt = (await rowanPage.waitFor(updateOf(receipt.id))).data as BrowserEntry;
    expect(entryText(rowansReceipt)).toMatch(new RegExp(`Your request to join Atlas Project \\(${requestId}\\) was approved by Tomas Berg`));
    expect(actionsOf(rowansReceipt)).toEqual([]);
  });

  it('says "You cancelled" on the receipt, and shows the cancel on the pending card, when the requester cancels by typing', async () => {
    const { running, inesPage, rowanPage, receipt, shown, requestId } = await askAndShowPending();
    expect(entryText((await web.say(rowan.id, `cancel ${requestId}`)).body.entries!.at(-1)!)).toMatch(/cancel/i);
    await running.gate.background.idle();

    const rowansReceipt = (await rowanPage.waitFor(updateOf(receipt.id))).data as BrowserEntry;
    expect(entryText(rowansReceipt)).toMatch(new RegExp(`You cancelled your request to join Atlas Project \\(${requestId}\\)`));
    expect(actionsOf(rowansReceipt)).toEqual([]);
    const inesCopy = (await inesPage.waitFor(updateOf(shown.id))).data as BrowserEntry;
    expect(actionsOf(inesCopy)).toEqual([]);
    expect(entryText(inesCopy)).toMatch(/cancel/i);
  });
});
