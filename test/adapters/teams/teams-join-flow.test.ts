import { describe, expect, it } from 'vitest';
import { listJoinRequests } from '../../../domain/join-requests/join-request-records.js';
import type { GroupId } from '../../../domain/model/ids.js';
import { sampleGroup } from '../../support/sample-tenant.js';
import { cardText, type ConnectorCall } from './connector-stand-in.js';
import { button, textOf, useTeamsBed } from './teams-bed.js';
import { botAddedToChat, cardClick, installed, personalMessage, postActivity, teamsPerson, type TeamsPerson } from './teams-activities.js';
import { entryText } from '../web/web-chat-client.js';
import { openWebEvents } from '../web/web-events-reader.js';

const rowan = teamsPerson('Rowan Pike');
const ines = teamsPerson('Ines Duarte');
const tomas = teamsPerson('Tomas Berg');
const dana = teamsPerson('Dana Lee');
const atlas = sampleGroup('Atlas Project').id as GroupId;

const bed = useTeamsBed();
const { send, install, postsTo, lastPost, storedRequest } = bed;
const requestToJoinAtlas = () => bed.requestToJoinAtlas(rowan);
const isWelcome = (call: ConnectorCall) => textOf(call).startsWith('Welcome to GroupGate');

describe('a join request through Teams', () => {
  it('asks the owners in their personal chats, and the first approval updates every copy and tells the requester', async () => {
    await install(ines);
    await install(tomas);

    const { reply } = await requestToJoinAtlas();
    expect(reply).toMatch(/I've asked the 2 owners of Atlas Project \(Ines Duarte and Tomas Berg\)/);
    const inesCard = lastPost(ines);
    const tomasCard = lastPost(tomas);
    expect(textOf(inesCard)).toMatch(/Rowan Pike .*asks to join Atlas Project/);
    expect(textOf(tomasCard)).toMatch(/"I moved to the research team"/);

    const approve = button(inesCard, 'Approve');
    const click = await postActivity(bed.running.url, cardClick(bed.connector.url, ines, inesCard.answeredId!, approve.verb, approve.data));
    expect(click.status).toBe(200);
    expect(click.body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
    expect(cardText((click.body as { value: unknown }).value)).toMatch(/Approved by Ines Duarte/);
    await bed.running.gate.background.idle();

    expect(await bed.running.gate.directory.listMembers(atlas)).toContain(rowan.aadObjectId);
    for (const [who, card] of [[tomas, tomasCard], [ines, inesCard]] as const) {
      const [edit] = bed.connector.updated(who.chatId);
      expect(edit?.activityId, `${who.name}'s card is edited in place`).toBe(card.answeredId);
      expect(textOf(edit!)).toMatch(/Approved by Ines Duarte/);
      expect(JSON.stringify(edit!.body)).not.toContain('"Action.Execute"');
    }
    expect(textOf(lastPost(rowan))).toMatch(/Ines Duarte approved your request — you're now a member of Atlas Project/);
  });

  it("edits the card pending showed an owner, and the requester's receipt, when another owner approves (issue 18)", async () => {
    await install(ines);
    await install(tomas);
    await install(rowan);
    const { requestId } = await requestToJoinAtlas();
    const receipt = lastPost(rowan);
    expect(button(receipt, 'Cancel request')).toBeDefined();
    expect((await send(personalMessage(bed.connector.url, ines, 'pending'))).status).toBe(200);
    const shown = postsTo(ines).findLast((call) => JSON.stringify(call.body).includes(requestId))!;
    expect(textOf(shown)).toMatch(/Rowan Pike .*asks to join Atlas Project/);

    const tomasCard = lastPost(tomas);
    const approve = button(tomasCard, 'Approve');
    expect((await postActivity(bed.running.url, cardClick(bed.connector.url, tomas, tomasCard.answeredId!, approve.verb, approve.data))).status).toBe(200);
    await bed.running.gate.background.idle();

    const editOf = (who: TeamsPerson, card: ConnectorCall) => bed.connector.updated(who.chatId).filter((edit) => edit.activityId === card.answeredId);
    expect(textOf(editOf(ines, shown)[0]!)).toMatch(/Approved by Tomas Berg/);
    expect(JSON.stringify(editOf(ines, shown)[0]!.body)).not.toContain('"Action.Execute"');
    expect(textOf(editOf(rowan, receipt)[0]!)).toMatch(new RegExp(`Your request to join Atlas Project \\(${requestId}\\) was approved by Tomas Berg`));
    expect(JSON.stringify(editOf(rowan, receipt)[0]!.body)).not.toContain('"Action.Execute"');
  });

  it("refuses a non-owner's click and changes nothing", async () => {
    await install(ines);
    await install(tomas);
    const { requestId } = await requestToJoinAtlas();
    const approve = button(lastPost(ines), 'Approve');
    const membersBefore = await bed.running.gate.directory.listMembers(atlas);
    const callsBefore = bed.connector.calls.length;

    const click = await send(cardClick(bed.connector.url, dana, 'forwarded-card', approve.verb, approve.data));

    expect(click.status).toBe(200);
    expect(click.body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.activity.message' });
    expect((click.body as { value: string }).value).toMatch(/owner/i);
    expect(await bed.running.gate.directory.listMembers(atlas)).toEqual(membersBefore);
    expect((await storedRequest(requestId))?.status).toBe('pending');
    expect(bed.connector.calls.slice(callsBefore).filter((c) => c.method === 'PUT')).toEqual([]);
  });

  it('answers a stale click with the card as it stands now', async () => {
    await install(ines);
    await install(tomas);
    await requestToJoinAtlas();
    const inesCard = lastPost(ines);
    const tomasCard = lastPost(tomas);
    const approve = button(inesCard, 'Approve');
    await send(cardClick(bed.connector.url, ines, inesCard.answeredId!, approve.verb, approve.data));

    const deny = button(tomasCard, 'Deny');
    const late = await send(cardClick(bed.connector.url, tomas, tomasCard.answeredId!, deny.verb, { ...deny.data, note: 'too late' }));

    expect(late.body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
    expect(cardText((late.body as { value: unknown }).value)).toMatch(/Already approved by Ines Duarte at/);
    expect(await bed.running.gate.directory.listMembers(atlas)).toContain(rowan.aadObjectId);
  });

  it('names an owner who never installed GroupGate, and sends them the card once they do', async () => {
    await install(ines);

    const { reply, requestId } = await requestToJoinAtlas();

    expect(reply).toMatch(/Tomas Berg hasn't installed GroupGate; I've told the other owners/);
    expect(postsTo(tomas)).toEqual([]);
    await install(tomas);
    expect(textOf(lastPost(tomas))).toMatch(/Rowan Pike .*asks to join Atlas Project/);
    expect(button(lastPost(tomas), 'Approve').data).toEqual({ requestId });
  });

  it('tells a Teams requester which owner has not installed GroupGate in Teams, sends that owner the card there once they do, though it went to their web chat, and the decision edits both', async () => {
    // As `npm start` runs: Teams without authentication, and the web chat on.
    await bed.restart({ WEB_CHAT: 'on' });
    await install(rowan);
    await install(tomas);
    const { reply, requestId } = await requestToJoinAtlas();
    // The requester is told who will not find the card in Teams yet (it went to their web chat).
    expect(reply).toMatch(/Ines Duarte hasn't installed GroupGate in Teams yet; they'll get your request in Teams as soon as they do\./);
    expect(reply).not.toMatch(/Tomas Berg hasn't/);
    const inesCards = async () => ((await storedRequest(requestId))?.approvalCards ?? []).filter((c) => c.userId === ines.aadObjectId).map((c) => c.location.platform).sort();
    expect(await inesCards()).toEqual(['web']);

    await install(ines);

    const teamsCards = () => postsTo(ines).filter((call) => /asks to join/.test(textOf(call)));
    expect(teamsCards()).toHaveLength(1);
    expect(textOf(teamsCards()[0]!)).toMatch(/Rowan Pike .*asks to join Atlas Project/);
    expect(await inesCards()).toEqual(['teams', 'web']);
    // Opening the web chat again sends no second web copy.
    const page = await openWebEvents(bed.running.url, ines.aadObjectId);
    await page.waitFor((e) => e.event === 'ready');
    await bed.running.gate.background.idle();
    expect(await inesCards()).toEqual(['teams', 'web']);

    const approve = button(teamsCards()[0]!, 'Approve');
    await send(cardClick(bed.connector.url, ines, teamsCards()[0]!.answeredId!, approve.verb, approve.data));
    expect(textOf(bed.connector.updated(ines.chatId)[0]!)).toMatch(/Approved by Ines Duarte/);
    await page.waitFor((e) => e.event === 'update' && /Approved by Ines Duarte/.test(entryText(e.data as Parameters<typeof entryText>[0])));
    page.close();
  });

  it('welcomes a person who installs GroupGate in personal scope, once, saying what it does and that help lists the rest', async () => {
    await install(ines);
    await send(botAddedToChat(bed.connector.url, ines));
    await send({ ...botAddedToChat(bed.connector.url, tomas), membersAdded: [{ id: tomas.mri }, { id: 'irrelevant' }] });

    const welcomes = bed.connector.posted(ines.chatId).filter(isWelcome);
    expect(welcomes).toHaveLength(1);
    expect(textOf(welcomes[0]!)).toMatch(/join a Microsoft 365 group.*owners approve with one click.*Type help to see what you can do/s);
    // Someone else joining a chat is not GroupGate being installed.
    expect(bed.connector.posted(tomas.chatId)).toEqual([]);
  });

  it('tells a person the directory does not know that it cannot act for them', async () => {
    const stranger = { ...teamsPerson('Rowan Pike'), aadObjectId: '99999999-9999-4999-8999-999999999999', chatId: 'a:1stranger-personal' };

    await send(personalMessage(bed.connector.url, stranger, 'join Atlas Project'));

    expect(textOf(lastPost(stranger))).toMatch(/can't find your account in the directory/);
    expect(await listJoinRequests(bed.running.gate.store)).toEqual([]);
  });

  it('forgets a person who uninstalled GroupGate, so owners are named as unreachable again', async () => {
    await install(ines);
    await install(tomas);
    await send(installed(bed.connector.url, tomas, 'remove'));

    const { reply } = await requestToJoinAtlas();

    expect(reply).toMatch(/Tomas Berg hasn't installed GroupGate/);
    expect(postsTo(tomas)).toEqual([]);
  });

  it('treats a chat that blocks GroupGate (403 MessageWritesBlocked) as unreachable, not as an error', async () => {
    await install(ines);
    await install(tomas);
    bed.connector.failConversation(tomas.chatId, 403, 'MessageWritesBlocked');

    const { reply } = await requestToJoinAtlas();

    expect(reply).toMatch(/Tomas Berg hasn't installed GroupGate; I've told the other owners/);
    expect(postsTo(ines)).toHaveLength(1);

    // Once Tomas unblocks GroupGate and writes to it, the card he missed reaches him.
    bed.connector.healConversation(tomas.chatId);
    await send(personalMessage(bed.connector.url, tomas, 'help'));
    expect(bed.connector.posted(tomas.chatId).some((call) => /asks to join Atlas Project/.test(textOf(call)))).toBe(true);
  });

  it("keeps going when an owner's copy of the card is gone (404), updating the rest", async () => {
    await install(ines);
    await install(tomas);
    await requestToJoinAtlas();
    const inesCard = lastPost(ines);
    bed.connector.failConversation(tomas.chatId, 404, 'ConversationNotFound');

    const approve = button(inesCard, 'Approve');
    const click = await send(cardClick(bed.connector.url, ines, inesCard.answeredId!, approve.verb, approve.data));

    expect(cardText((click.body as { value: unknown }).value)).toMatch(/Approved by Ines Duarte/);
    expect(bed.connector.calls.filter((c) => c.method === 'PUT' && c.conversationId === tomas.chatId)).toHaveLength(1);
    expect(textOf(bed.connector.updated(ines.chatId)[0]!)).toMatch(/Approved by Ines Duarte/);
    expect(textOf(lastPost(rowan))).toMatch(/Ines Duarte approved your request/);
  });

  it('never decides on a card refresh, only on a click', async () => {
    await install(ines);
    const { requestId } = await requestToJoinAtlas();
    const inesCard = lastPost(ines);
    const approve = button(inesCard, 'Approve');

    const refresh = await send(cardClick(bed.connector.url, ines, inesCard.answeredId!, approve.verb, approve.data, 'automatic'));

    expect(refresh.body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.activity.message' });
    expect((await storedRequest(requestId))?.status).toBe('pending');
  });

  it('refuses a click GroupGate did not issue, and changes nothing', async () => {
    await install(ines);
    const { requestId } = await requestToJoinAtlas();

    const forged = await send(cardClick(bed.connector.url, ines, 'x', 'join-request.approve-everything', { requestId }));

    expect(forged.body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: expect.stringMatching(/isn't one of mine/) });
    expect((await storedRequest(requestId))?.status).toBe('pending');
  });
});
