import { describe, expect, it } from 'vitest';
import type { WebEntry } from '../../adapters/web/web-conversations.js';
import { toAdaptiveCard } from '../../cards/render-card.js';
import { keys } from '../../domain/join-requests/join-request-records.js';
import { groupId, userId } from '../../domain/model/ids.js';
import { blockActions, postForm } from '../adapters/slack/signed-slack-request.js';
import { jsonArg } from '../adapters/slack/slack-stand-in.js';
import { person, sampleGroup } from '../support/sample-tenant.js';
import { expectNothingChanged } from '../support/state-snapshot.js';
import { rowanAsksToJoinAtlas, useAttackBed, type AttackBed } from './attack-bed.js';

const bed = useAttackBed();
const notOurs = /That button isn't one of mine, so I ignored it\./;
const onlyAtlasOwners = /Only the owners of Atlas Project can decide this request\./;

/** The web-chat messages holding a card in a person's direct chat, oldest first. */
async function webCards(at: AttackBed, name: string): Promise<WebEntry[]> {
  const entries = await at.gate.store.list<WebEntry>(`web:log:dm:${person(name).id}:`);
  return entries.map(([, entry]) => entry).filter((entry) => entry.card !== undefined);
}

/** The message id and data of the newest card in a person's web chat with a button of this verb. */
async function webButton(at: AttackBed, name: string, verb: string): Promise<{ readonly messageId: string; readonly data: Record<string, unknown> }> {
  for (const entry of (await webCards(at, name)).reverse()) {
    const found = executeActions(toAdaptiveCard(entry.card!)).find((action) => action.verb === verb);
    if (found) return { messageId: entry.id, data: found.data };
  }
  throw new Error(`no ${verb} button in ${name}'s web chat`);
}

/** Every Action.Execute on an Adaptive Card. */
function executeActions(node: unknown): Array<{ readonly verb: string; readonly data: Record<string, unknown> }> {
  if (Array.isArray(node)) return node.flatMap(executeActions);
  if (typeof node !== 'object' || node === null) return [];
  const record = node as { type?: unknown; verb?: unknown; data?: Record<string, unknown> };
  const own = record.type === 'Action.Execute' && typeof record.verb === 'string' ? [{ verb: record.verb, data: record.data ?? {} }] : [];
  return [...own, ...Object.values(node).flatMap(executeActions)];
}

const statusOf = async (at: AttackBed, requestId: string) => (await at.gate.store.get<{ status: string }>(keys.request(requestId as never)))?.status;

describe('card actions: the clicker is who the platform says, with the rights they have now', () => {
  it('refuses a non-owner who clicks Approve on a forwarded card, on every surface, and changes nothing', async () => {
    const requestId = await rowanAsksToJoinAtlas(bed);
    await bed.webSays('Dana Lee', 'help'); // any card of Dana's own, to click from
    const [danasCard] = await webCards(bed, 'Dana Lee');
    const before = await bed.snapshot();

    expect((await bed.teamsClicks('Dana Lee', 'join-request.approve', { requestId })).text).toMatch(onlyAtlasOwners);
    expect(await bed.slackClicks('U0DANA', { action_id: 'join-request.approve:0', value: JSON.stringify({ requestId }) })).toMatch(onlyAtlasOwners);
    // A card action naming a request that is not on the card clicked: still only Dana's own rights.
    expect((await bed.webClicks('Dana Lee', danasCard!.id, 'join-request.approve', { requestId })).text).toMatch(onlyAtlasOwners);
    expect((await bed.teamsClicks('Rowan Pike', 'join-request.approve', { requestId })).text).toMatch(/You can't decide your own request/);

    await expectNothingChanged(bed.gate, before);
    expect(await statusOf(bed, requestId)).toBe('pending');
  });

  it('acts as the clicker, never as anyone the card data names', async () => {
    const requestId = await rowanAsksToJoinAtlas(bed);
    const ines = person('Ines Duarte');
    const before = await bed.snapshot();

    // Teams: extra data beside the request id is not read; Dana stays Dana.
    const claims = { requestId, actor: ines.id, from: { aadObjectId: ines.id }, deciderId: ines.id, userId: ines.id };
    expect((await bed.teamsClicks('Dana Lee', 'join-request.approve', claims)).text).toMatch(onlyAtlasOwners);
    // Slack: a button value holding anything but the id is not one GroupGate made.
    expect(await bed.slackClicks('U0DANA', { action_id: 'join-request.approve:0', value: JSON.stringify({ requestId, userId: ines.id }) })).toMatch(notOurs);
    // Slack: a Deny modal whose private_metadata names someone else acts for the person who submitted it.
    const metadata = JSON.stringify({ requestId, origin: { home: true }, user: { id: 'U0INES' }, deciderId: ines.id });
    expect(await bed.slackSubmitsDeny('U0DANA', metadata, 'no')).toBe(200);
    expect(bed.slack.of('chat.postMessage').filter((c) => c.args['channel'] === 'U0DANA').map((c) => c.args['text']).join('\n')).toMatch(onlyAtlasOwners);

    await expectNothingChanged(bed.gate, before);
  });

  it('refuses, and changes nothing, an owner acting on a request of a group they do not own through their own card', async () => {
    const atlasRequest = await rowanAsksToJoinAtlas(bed);
    const { text } = await bed.webSays('Rowan Pike', 'join Visio Users because I draw diagrams');
    const visioRequest = /Your request is (R-\w+)/.exec(text)![1]!;
    const inesCard = await webButton(bed, 'Ines Duarte', 'join-request.approve');
    expect(inesCard.data['requestId']).toBe(atlasRequest);
    const before = await bed.snapshot();

    const answer = await bed.webClicks('Ines Duarte', inesCard.messageId, 'join-request.approve', { requestId: visioRequest });
    expect(answer.text).toMatch(/Only the owners of Visio Users can decide this request\./);

    await expectNothingChanged(bed.gate, before);
    expect(await statusOf(bed, visioRequest)).toBe('pending');
  });

  it('re-reads the rights at click time: an owner removed since the card arrived is refused', async () => {
    const requestId = await rowanAsksToJoinAtlas(bed);
    await bed.gate.directory.removeOwner(groupId(sampleGroup('Atlas Project').id), userId(person('Tomas Berg').id));
    const before = await bed.snapshot();

    expect(await bed.slackClicks('U0TOMAS', { action_id: 'join-request.approve:0', value: JSON.stringify({ requestId }) })).toMatch(onlyAtlasOwners);
    expect((await bed.teamsClicks('Tomas Berg', 'join-request.deny', { requestId, note: 'no' })).text).toMatch(onlyAtlasOwners);

    await expectNothingChanged(bed.gate, before);
  });

  it('does nothing new when the same Approve is replayed, on every surface', async () => {
    const requestId = await rowanAsksToJoinAtlas(bed);
    const inesCard = await webButton(bed, 'Ines Duarte', 'join-request.approve');
    const approved = await bed.teamsClicks('Ines Duarte', 'join-request.approve', { requestId });
    expect(approved.text).toMatch(/Approved by Ines Duarte/);
    const before = await bed.snapshot();

    expect((await bed.teamsClicks('Ines Duarte', 'join-request.approve', { requestId })).text).toMatch(/Already approved by Ines Duarte/);
    expect(await bed.slackClicks('U0INES', { action_id: 'join-request.approve:0', value: JSON.stringify({ requestId }) })).toMatch(/Already approved by Ines Duarte/);
    // The other owner's Deny, late, on the same request.
    expect(await bed.slackClicks('U0TOMAS', { action_id: 'join-request.approve:0', value: JSON.stringify({ requestId }) })).toMatch(/Already approved by Ines Duarte/);
    expect((await bed.webClicks('Ines Duarte', inesCard.messageId, 'join-request.deny', { requestId, note: 'changed my mind' })).text).toMatch(/Already approved by Ines Duarte/);

    await expectNothingChanged(bed.gate, before);
    expect(await statusOf(bed, requestId)).toBe('approved');
  });

  it('does nothing new when a Deny modal submission, or its signed Slack request, is replayed', async () => {
    const requestId = await rowanAsksToJoinAtlas(bed);
    const click = blockActions('U0TOMAS', { action_id: 'join-request.deny:1', value: JSON.stringify({ requestId }) }, { channel: 'D0TOMAS', ts: '1700000000.000009', responseUrl: bed.slack.responseUrl('deny') });
    await postForm(bed.url, click);
    await bed.settle();
    const modal = jsonArg<{ private_metadata: string }>(bed.slack.of('views.open')[0], 'view');
    expect(await bed.slackSubmitsDeny('U0TOMAS', modal.private_metadata, 'Use Atlas Readers')).toBe(200);
    expect(await statusOf(bed, requestId)).toBe('denied');
    const before = await bed.snapshot();

    expect(await bed.slackSubmitsDeny('U0TOMAS', modal.private_metadata, 'Use Atlas Readers')).toBe(200);
    expect(await bed.slackSubmitsDeny('U0INES', modal.private_metadata, 'overruled')).toBe(200);
    await postForm(bed.url, click); // the Deny click itself, again: a modal at most, never a decision
    await bed.settle();

    await expectNothingChanged(bed.gate, before);
    expect(await bed.gate.store.get(keys.request(requestId))).toMatchObject({ status: 'denied', note: 'Use Atlas Readers' });
  });

  it('refuses an action id or verb GroupGate never issued, and malformed data on one it did', async () => {
    const requestId = await rowanAsksToJoinAtlas(bed);
    const inesCard = await webButton(bed, 'Ines Duarte', 'join-request.approve');
    // Ines reaches GroupGate in Teams before the forged clicks, so her Teams copy of the card is there already (not a change they made).
    await bed.teamsSays('Ines Duarte', 'help');
    const before = await bed.snapshot();

    const teams = [
      ['join-request.approve-all', { requestId }],
      ['admin.grant', { requestId, role: 'Global Administrator' }],
      ['join-request.approve', { requestId: 'R-'.padEnd(10_000, 'X') }],
      ['join-request.approve', { requestId: ['R-1', 'R-2'] }],
      ['join-request.deny', { requestId, note: 'x'.repeat(5_000) }],
      ['command.run', { command: 'x'.repeat(50_000) }],
      ['member-change.confirm', {}],
    ] as const;
    for (const [verb, data] of teams) expect((await bed.teamsClicks('Ines Duarte', verb, data)).text, verb).toMatch(notOurs);

    const slack = [
      { action_id: 'admin.grant:0', value: JSON.stringify({ requestId }) },
      { action_id: 'join-request.approve', value: JSON.stringify({ requestId }) },
      { action_id: 'join-request.approve:0', value: 'not json' },
      { action_id: 'join-request.approve:0', value: JSON.stringify([requestId]) },
      { action_id: '__proto__:0', value: '{"__proto__":{"action":"join-request.approve"}}' },
    ];
    for (const action of slack) expect(await bed.slackClicks('U0INES', action), action.action_id).toMatch(notOurs);

    for (const verb of ['join-request.approve ', 'JOIN-REQUEST.APPROVE', 'constructor']) {
      expect((await bed.webClicks('Ines Duarte', inesCard.messageId, verb, { requestId })).text, verb).toMatch(notOurs);
    }

    await expectNothingChanged(bed.gate, before);
    expect(await statusOf(bed, requestId)).toBe('pending');
  });

  it('refuses a non-owner clicking Apply on a rule proposal or Confirm on a member change, and changes nothing', async () => {
    const proposal = await bed.webSays('Ines Duarte', 'propose rule for Research New Zealand: (user.department -eq "Research") -and (user.country -in ["NZ","AU"])');
    expect(proposal.text).toMatch(/proposes this rule/);
    const apply = await webButton(bed, 'Ines Duarte', 'rule-proposal.apply');
    const change = await bed.webSays('Dana Lee', 'add Rowan Pike to Licensed Analysts');
    expect(change.text).toMatch(/Confirm/i);
    const confirm = await webButton(bed, 'Dana Lee', 'member-change.confirm');
    await bed.webSays('Rowan Pike', 'help');
    const [rowansCard] = await webCards(bed, 'Rowan Pike');
    const before = await bed.snapshot();

    expect((await bed.webClicks('Rowan Pike', rowansCard!.id, 'rule-proposal.apply', apply.data)).text).toMatch(/Only the owners of Research New Zealand .* can apply its rule proposals\. Nothing was changed\./);
    expect((await bed.teamsClicks('Rowan Pike', 'member-change.confirm', confirm.data)).text).toMatch(/Only the owner who asked for this change can confirm or cancel it\./);
    expect(await bed.slackClicks('U0ROWAN', { action_id: 'member-change.confirm:0', value: JSON.stringify(confirm.data) })).toMatch(/Only the owner who asked/);
    expect(await bed.slackClicks('U0ROWAN', { action_id: 'join-request.cancel:0', value: JSON.stringify({ requestId: 'R-NOPE' }) })).toMatch(/can't find that request/);

    await expectNothingChanged(bed.gate, before);
  });
});
