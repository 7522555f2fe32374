import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Logger } from '../../../domain/ports/logger.js';
import { ConfigError } from '../../../bot/config.js';
import type { RunningGroupGate } from '../../../bot/start-groupgate.js';
import { message } from '../../../cards/card-view.js';
import { startTestGroupGate } from '../../support/start-test-groupgate.js';
import { cardsIn, cardText, ConnectorStandIn } from './connector-stand-in.js';
import { channelMessage, personalMessage, postActivity, teamsPerson } from './teams-activities.js';

const alex = teamsPerson('Alex Morgan');
const alertsChannel = '19:alerts@thread.tacv2';

let running: RunningGroupGate | undefined;
let connector: ConnectorStandIn | undefined;
afterEach(async () => {
  await running?.stop();
  await connector?.stop();
  running = connector = undefined;
});

describe('the Teams messaging endpoint', () => {
  it('answers 401 to a request without a Bot Framework token when an app id is configured', async () => {
    running = await startTestGroupGate({ MicrosoftAppId: '5d3b7c1e-0f4a-4b8e-9a51-2c6d8e0f1a23', MicrosoftAppPassword: 'not-a-real-secret', MicrosoftAppTenantId: '033bf333-b2f0-5833-b1d2-e85131a5bb6b' });
    connector = await new ConnectorStandIn().start();

    const response = await postActivity(running.url, personalMessage(connector.url, alex, 'help'));

    expect(response.status).toBe(401);
    expect(connector.calls).toEqual([]);
  });

  it('answers 401 to a forged token too (checked by botbuilder, not by the header being there)', async () => {
    running = await startTestGroupGate({ MicrosoftAppId: '5d3b7c1e-0f4a-4b8e-9a51-2c6d8e0f1a23', MicrosoftAppPassword: 'not-a-real-secret', MicrosoftAppTenantId: '033bf333-b2f0-5833-b1d2-e85131a5bb6b' });
    connector = await new ConnectorStandIn().start();
    const printed = vi.spyOn(console, 'error');

    const response = await postActivity(running.url, personalMessage(connector.url, alex, 'help'), { authorization: 'Bearer not.a.jwt' });

    // Refused in a log line, not in botbuilder's stack trace on stderr.
    expect(printed).not.toHaveBeenCalled();
    printed.mockRestore();
    expect(response).toEqual({ status: 401, body: 'Unauthorized: a valid Bot Framework token is required.' });
    expect(connector.calls).toEqual([]);
  });

  it('refuses to start without an app id on an address other machines can reach', async () => {
    // Fails while mounting, before anything listens on the non-loopback address.
    const start = startTestGroupGate({ HOST: '0.0.0.0' });

    await expect(start).rejects.toBeInstanceOf(ConfigError);
    await expect(start).rejects.toThrow(/MicrosoftAppId: required for Teams when HOST=0\.0\.0\.0 .*or set TEAMS=off/s);
  });

  it('is not mounted with TEAMS=off', async () => {
    running = await startTestGroupGate({ TEAMS: 'off' });

    expect(running.surfaces.map((s) => s.name)).not.toContain('teams');
    expect((await postActivity(running.url, {})).status).toBe(404);
  });

  it('says where Teams and the Agents Playground can reach it', async () => {
    running = await startTestGroupGate();

    const teams = running.surfaces.find((s) => s.name === 'teams');

    expect(teams?.startupLines).toEqual([expect.stringContaining(`${running.url}/api/messages`)]);
    expect(teams?.startupLines?.[0]).toMatch(/no authentication \(loopback only\).*Agents Playground/);
  });

  it('answers the Agents Playground\'s HEAD (and a GET) on /api/messages with 200, and logs no warning or request line for them', async () => {
    const logged: string[] = [];
    const record = (level: string): Logger[keyof Logger] => (fields, msg) => void logged.push(`${level} ${msg} ${JSON.stringify(fields)}`);
    const logger: Logger = { debug: () => undefined, info: record('info'), warn: record('warn'), error: record('error') };
    running = await startTestGroupGate({}, { logger });
    logged.length = 0;

    const head = await fetch(`${running.url}/api/messages`, { method: 'HEAD' });
    const get = await fetch(`${running.url}/api/messages`);

    expect([head.status, get.status]).toEqual([200, 200]);
    expect(await get.text()).toMatch(/POST/);
    expect(logged).toEqual([]);
  });

  it('answers an @mention in a channel without the mention, and posts alerts there in a new thread', async () => {
    running = await startTestGroupGate();
    connector = await new ConnectorStandIn().start();

    const mentioned = channelMessage(connector.url, alex, 'groups');
    expect((await postActivity(running.url, mentioned)).status).toBe(200);

    const [answer] = connector.posted(mentioned.conversation.id);
    expect(cardsIn(answer!).map(cardText).join('\n')).not.toMatch(/didn't catch that/);
    expect(cardsIn(answer!).map(cardText).join('\n')).toMatch(/Atlas Project/);

    const alert = message([['E5 is running low: 4 of 250 seats free.']], { tone: 'warning' });
    const location = await running.gate.messenger.sendToChannel({ platform: 'teams', id: alertsChannel }, alert);
    const [created] = connector.calls.filter((c) => c.method === 'POST' && c.conversationId === undefined);
    expect(created?.body).toMatchObject({ isGroup: true, channelData: { channel: { id: alertsChannel } } });
    expect(cardText(cardsIn({ ...created!, body: created!.body['activity'] as Record<string, unknown> })[0])).toMatch(/running low/);

    await running.gate.messenger.updateCard(location!, message([['Resolved.']]));
    const [edit] = connector.calls.filter((c) => c.method === 'PUT');
    expect(edit).toMatchObject({ conversationId: created!.answeredId, activityId: created!.answeredId!.split('=')[1] });
  });

  it('reports nothing for a channel GroupGate was never added to', async () => {
    running = await startTestGroupGate();

    const location = await running.gate.messenger.sendToChannel({ platform: 'teams', id: '19:unknown@thread.tacv2' }, message([['hello']]));

    expect(location).toBeUndefined();
  });
});
