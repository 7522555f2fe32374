import { afterEach, describe, expect, it } from 'vitest';
import type { RunningGroupGate } from '../../../bot/start-groupgate.js';
import { groupId } from '../../../domain/model/ids.js';
import { person, sampleGroup } from '../../support/sample-tenant.js';
import { startTestGroupGate } from '../../support/start-test-groupgate.js';
import { cardsIn, cardText, ConnectorStandIn } from './connector-stand-in.js';
import { bot, channelMessage, postActivity, teamsPerson } from './teams-activities.js';

const ines = teamsPerson('Ines Duarte');
const rowan = teamsPerson('Rowan Pike');

let running: RunningGroupGate | undefined;
let connector: ConnectorStandIn | undefined;
afterEach(async () => {
  await running?.stop();
  await connector?.stop();
  running = connector = undefined;
});

/** A channel message mentioning GroupGate and one more person, with the entities Teams sends. */
function mentioning(serviceUrl: string, shown: string, mentioned: { id: string; name: string; aadObjectId?: string }, text: (tag: string) => string) {
  const message = channelMessage(serviceUrl, ines, text(`<at>${shown}</at>`));
  return { ...message, entities: [...message.entities, { type: 'mention', text: `<at>${shown}</at>`, mentioned }] };
}

const atlasMembers = () => running!.gate.directory.listMembers(groupId(sampleGroup('Atlas Project').id));
const answerIn = (conversationId: string) => cardsIn(connector!.posted(conversationId)[0]!).map(cardText).join('\n');

describe('people named by a Teams @mention', () => {
  it('resolve to the directory user by the Entra object id in the mention entity, whatever name is shown', async () => {
    running = await startTestGroupGate();
    connector = await new ConnectorStandIn().start();
    const activity = mentioning(connector.url, 'R. P.', { id: rowan.mri, name: 'R. P.', aadObjectId: rowan.aadObjectId }, (tag) => `add ${tag} to Atlas Project`);

    expect((await postActivity(running.url, activity)).status).toBe(200);

    expect(answerIn(activity.conversation.id)).toContain('Done — Rowan Pike is now a member of Atlas Project.');
    expect(await atlasMembers()).toContain(person('Rowan Pike').id);
  });

  it("fall back to the name shown when the mention carries no object id the directory knows, and GroupGate's own mention stays out", async () => {
    running = await startTestGroupGate();
    connector = await new ConnectorStandIn().start();
    const before = await atlasMembers();
    const activity = mentioning(connector.url, 'Visitor', { id: '29:1visitor', name: 'Visitor', aadObjectId: '99999999-9999-4999-8999-999999999999' }, (tag) => `add ${tag} to Atlas Project`);

    await postActivity(running.url, activity);

    expect(answerIn(activity.conversation.id)).toContain('I couldn\'t find anyone called "Visitor"');
    expect(answerIn(activity.conversation.id)).not.toContain(bot.name);
    expect(await atlasMembers()).toEqual(before);
  });
});
