import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunningGroupGate } from '../../../bot/start-groupgate.js';
import type { JoinRequest } from '../../../domain/join-requests/join-request.js';
import { keys } from '../../../domain/join-requests/join-request-records.js';
import type { GroupId, JoinRequestId } from '../../../domain/model/ids.js';
import { sampleGroup } from '../../support/sample-tenant.js';
import { startTestGroupGate } from '../../support/start-test-groupgate.js';
import { cardsIn, cardText, ConnectorStandIn, type ConnectorCall } from './connector-stand-in.js';
import { botAddedToChat, cardClick, installed, personalMessage, postActivity, teamsPerson, type TeamsPerson } from './teams-activities.js';

const rowan = teamsPerson('Rowan Pike');
const ines = teamsPerson('Ines Duarte');
const tomas = teamsPerson('Tomas Berg');
const atlas = sampleGroup('Atlas Project').id as GroupId;

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

/** Sends an activity as Teams would, and waits for the work it started in the background. */
async function send(activity: unknown) {
  const response = await postActivity(running.url, activity);
  await running.gate.background.idle();
  return response;
}

/** The person installs GroupGate in personal scope (Teams sends both activities). */
async function install(who: TeamsPerson) {
  expect((await send(installed(connector.url, who))).status).toBe(200);
  expect((await send(botAddedToChat(connector.url, who))).status).toBe(200);
}

const textOf = (call: ConnectorCall) => cardsIn(call).map(cardText).join('\n');
const isWelcome = (call: ConnectorCall) => textOf(call).startsWith('Welcome to GroupGate');
/** What GroupGate posted to a person's chat, but the welcome an install brings. */
const postsTo = (who: TeamsPerson) => connector.posted(who.chatId).filter((call) => !isWelcome(call));
const lastPost = (who: TeamsPerson): ConnectorCall => {
  const post = postsTo(who).at(-1);
  if (!post) throw new Error(`nothing was posted to ${who.name}`);
  return post;
};

/** The Action.Execute button with this title on a card GroupGate sent. */
function button(call: ConnectorCall, title: string): { verb: string; data: Record<string, unknown> } {
  let found: { verb: string; data: Record<string, unknown> } | undefined;
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const action = node as { type?: unknown; title?: unknown; verb?: string; data?: Record<string, unknown> };
      if (action.type === 'Action.Execute' && action.title === title) found ??= { verb: action.verb ?? '', data: action.data ?? {} };
      Object.values(node).forEach(walk);
    }
  };
  walk(cardsIn(call));
  if (!found) throw new Error(`no ${title} button on the card`);
  return found;
}

async function requestToJoinAtlas() {
  expect((await send(personalMessage(connector.url, rowan, 'join Atlas Project because I moved to the research team'))).status).toBe(200);
  const reply = textOf(lastPost(rowan));
  const requestId = /Your request is (R-\w+)/.exec(reply)?.[1];
  if (!requestId) throw new Error(`no request id in: ${reply}`);
  return { reply, requestId };
}

const storedRequest = (id: string) => running.gate.store.get<JoinRequest>(keys.request(id as JoinRequestId));

// Issue 19 through the real Teams adapter: a quorum of two owners, the count on every copy (edited
// where it landed), and the note typed on the card sent with Approve.
describe('a quorum and an approval note through Teams', () => {
  it("counts the first owner's approval on both cards, approves at the second, and tells the requester the note", async () => {
    await install(ines);
    await install(tomas);
    expect((await send(personalMessage(connector.url, ines, 'policy Atlas Project quorum 2'))).status).toBe(200);
    expect(textOf(lastPost(ines))).toMatch(/Requests to join Atlas Project now go to 2 of the owners/);

    const { requestId } = await requestToJoinAtlas();
    const inesCard = lastPost(ines);
    const tomasCard = lastPost(tomas);
    expect(textOf(tomasCard)).toMatch(/0 of 2 approvals/);
    // The note input goes with Approve as with Deny: Teams merges it into the click's data.
    const actions = JSON.stringify(cardsIn(tomasCard)).match(/\{"type":"Action\.Execute"[^]*?"associatedInputs":"\w+"/g) ?? [];
    expect(actions.find((a) => a.includes('"title":"Approve"'))).toContain('"associatedInputs":"auto"');
    const approve = button(tomasCard, 'Approve');
    const first = await postActivity(running.url, cardClick(connector.url, tomas, tomasCard.answeredId!, approve.verb, { ...approve.data, note: 'Welcome to Atlas' }));
    expect(cardText((first.body as { value: unknown }).value)).toMatch(/1 of 2 approvals: Tomas Berg/);
    await running.gate.background.idle();
    const inesEdit = connector.updated(ines.chatId).find((edit) => edit.activityId === inesCard.answeredId);
    expect(textOf(inesEdit!)).toMatch(/1 of 2 approvals: Tomas Berg/);
    expect(JSON.stringify(inesEdit!.body)).toContain('"Action.Execute"');
    expect((await storedRequest(requestId))?.status).toBe('pending');

    const second = await postActivity(running.url, cardClick(connector.url, ines, inesCard.answeredId!, approve.verb, approve.data));
    expect(cardText((second.body as { value: unknown }).value)).toMatch(/Approved by Ines Duarte/);
    await running.gate.background.idle();
    expect(await running.gate.directory.listMembers(atlas)).toContain(rowan.aadObjectId);
    expect(textOf(lastPost(rowan))).toMatch(/Ines Duarte approved your request — you're now a member of Atlas Project[\s\S]*Tomas Berg's note: Welcome to Atlas/);
  });
});
