import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunningGroupGate } from '../../../bot/start-groupgate.js';
import { groupId } from '../../../domain/model/ids.js';
import { sampleGroup } from '../../support/sample-tenant.js';
import { startTestGroupGate } from '../../support/start-test-groupgate.js';
import { cardsIn, cardText, ConnectorStandIn, type ConnectorCall } from './connector-stand-in.js';
import { botAddedToChat, cardClick, installed, personalMessage, postActivity, teamsPerson, type TeamsPerson } from './teams-activities.js';

// Issue 20 through the real Teams adapter: a typed `review`, the reviewer's Adaptive Card in their
// personal chat, and adaptiveCard/action invokes on it (Remove with the reason typed on the card).
const ines = teamsPerson('Ines Duarte');
const tomas = teamsPerson('Tomas Berg');
const mere = teamsPerson('Mere Tane');

let connector: ConnectorStandIn;
let running: RunningGroupGate;
beforeEach(async () => {
  connector = await new ConnectorStandIn().start();
  running = await startTestGroupGate();
});
afterEach(async () => {
  await running.stop();
  await connector.stop();
});

async function send(activity: unknown) {
  const response = await postActivity(running.url, activity);
  await running.gate.background.idle();
  return response;
}

async function install(who: TeamsPerson) {
  await send(installed(connector.url, who));
  await send(botAddedToChat(connector.url, who));
}

const textOf = (call: ConnectorCall) => cardsIn(call).map(cardText).join('\n');
const reviewCardOf = (who: TeamsPerson) => connector.posted(who.chatId).find((c) => textOf(c).includes('Access review · Atlas Project'))!;

/** Every Action.Execute on a card, with the row it sits in found by the member's name before it. */
function executes(node: unknown, found: Array<{ title: string; verb: string; data: Record<string, unknown> }> = []) {
  if (Array.isArray(node)) node.forEach((n) => executes(n, found));
  else if (node && typeof node === 'object') {
    const action = node as { type?: unknown; title?: string; verb?: string; data?: Record<string, unknown> };
    if (action.type === 'Action.Execute') found.push({ title: action.title ?? '', verb: action.verb ?? '', data: action.data ?? {} });
    Object.values(node).forEach((n) => executes(n, found));
  }
  return found;
}

describe('an access review in Teams', () => {
  it("sends each owner a card within Teams' size, and a Remove with the reason typed on the card is recorded and edits every owner's copy", async () => {
    await install(ines);
    await install(tomas);
    const atlas = groupId(sampleGroup('Atlas Project').id);
    for (const user of (await running.gate.directory.listUsers()).slice(0, 30)) await running.gate.directory.addMember(atlas, user.id);
    await send(personalMessage(connector.url, ines, 'review Atlas Project'));
    const card = reviewCardOf(tomas);
    // Teams refuses a bot message over 28 KB; a page of ten members with their inputs stays well inside it.
    expect(JSON.stringify(cardsIn(card)).length).toBeLessThan(20_000);
    expect(textOf(card)).toMatch(/0 of \d+ reviewed: 0 kept, 0 to remove, \d+ left/);

    const remove = executes(cardsIn(card)).find((a) => a.verb === 'access-review.remove' && a.data['memberId'] === mere.aadObjectId)!;
    const click = await send(cardClick(connector.url, tomas, card.answeredId!, remove.verb, { ...remove.data, reason: 'left the project in May' }));
    expect(click.status).toBe(200);
    const answered = cardText((click.body as { value: unknown }).value);
    expect(answered).toMatch(/1 of \d+ reviewed: 0 kept, 1 to remove/);
    expect(answered).toMatch(/❌ To remove by Tomas Berg · .* — "left the project in May"/);
    const inesCard = reviewCardOf(ines);
    const edit = connector.updated(ines.chatId).filter((e) => e.activityId === inesCard.answeredId).at(-1)!;
    expect(textOf(edit)).toMatch(/1 of \d+ reviewed: 0 kept, 1 to remove/);
  });
});
