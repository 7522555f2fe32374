import { afterEach, describe, expect, it } from 'vitest';
import type { RunningGroupGate } from '../../../bot/start-groupgate.js';
import { RecordingLogger } from '../directory/graph/graph-harness.js';
import { GraphStandIn } from '../directory/graph/graph-stand-in.js';
import { StandInTenant } from '../directory/graph/stand-in-tenant.js';
import { startTestGroupGate } from '../../support/start-test-groupgate.js';
import { cardsIn, cardText, ConnectorStandIn, type ConnectorCall } from './connector-stand-in.js';
import { botAddedToChat, installed, personalMessage, postActivity, teamsPerson, type TeamsPerson } from './teams-activities.js';

const rowan = teamsPerson('Rowan Pike');
const dana = teamsPerson('Dana Lee');
const ines = teamsPerson('Ines Duarte');
const tomas = teamsPerson('Tomas Berg');
/** GroupGate's id in the stand-in tenant's Teams app catalog (not the manifest id). */
const catalogId = '8a4f0c2d-5b6e-4f7a-9c1d-2e3f4a5b6c7d';
const permission = 'TeamsAppInstallation.ReadWriteSelfForUser.All';

let stand: GraphStandIn;
let connector: ConnectorStandIn;
let running: RunningGroupGate;
let logger: RecordingLogger;
afterEach(async () => {
  await running?.stop();
  await connector?.stop();
  await stand?.stop();
});

/** GroupGate on a Graph tenant whose catalog holds the app, with Teams (no authentication, loopback) and these settings. */
async function start(env: Record<string, string> = { TEAMS_INSTALL_FOR_OWNERS: 'on', TEAMS_APP_CATALOG_ID: catalogId }) {
  stand = await new GraphStandIn(StandInTenant.sample()).start();
  stand.teamsCatalog.add(catalogId);
  connector = await new ConnectorStandIn().start();
  logger = new RecordingLogger();
  running = await startTestGroupGate({ ...stand.env(), ...env }, { logger });
}

async function send(activity: unknown) {
  const response = await postActivity(running.url, activity);
  await running.gate.background.idle();
  expect(response.status).toBe(200);
}

/** What Teams sends when GroupGate is installed for a person (by them, an admin or Graph). */
async function teamsSaysInstalled(who: TeamsPerson) {
  await send(installed(connector.url, who));
  await send(botAddedToChat(connector.url, who));
}

const textOf = (call: ConnectorCall) => cardsIn(call).map(cardText).join('\n');

/** Asks to join Atlas Project (owners Ines Duarte and Tomas Berg) from Teams; returns GroupGate's answer. */
async function joinAtlas(who: TeamsPerson): Promise<string> {
  await send(personalMessage(connector.url, who, 'join Atlas Project because I moved to the research team'));
  return textOf(connector.posted(who.chatId).at(-1)!);
}

const installCalls = (who: TeamsPerson) => stand.seen(`/users/${who.aadObjectId}/teamwork/installedApps`, 'POST');
const warnings = () => logger.lines.filter((line) => line.level === 'warn' || line.level === 'error');

describe('installing GroupGate in Teams for owners it cannot reach (TEAMS_INSTALL_FOR_OWNERS)', () => {
  it('asks Graph to install it for an owner with no Teams chat, and once Teams says it is installed, sends them the waiting card', async () => {
    await start();
    await teamsSaysInstalled(ines);

    const reply = await joinAtlas(rowan);

    expect(reply).toMatch(/Tomas Berg hasn't installed GroupGate/);
    const [call, ...more] = installCalls(tomas);
    expect(more).toEqual([]);
    expect(call!.body).toEqual({ 'teamsApp@odata.bind': `${stand.url}/v1.0/appCatalogs/teamsApps/${catalogId}` });
    expect(call!.headers['x-ms-throttle-priority']).toBe('Low');
    // Ines has a chat already, and Rowan gets no approval card: neither is installed for.
    expect(installCalls(ines)).toEqual([]);
    expect(installCalls(rowan)).toEqual([]);
    expect(stand.installedTeamsApps.get(tomas.aadObjectId)).toEqual(new Set([catalogId]));
    expect(connector.posted(tomas.chatId)).toEqual([]);

    await teamsSaysInstalled(tomas);

    const cards = connector.posted(tomas.chatId).filter((post) => /asks to join/.test(textOf(post)));
    expect(cards).toHaveLength(1);
    expect(textOf(cards[0]!)).toMatch(/Rowan Pike .*asks to join Atlas Project/);
    expect(warnings()).toEqual([]);
    expect(running.surfaces.find((s) => s.name === 'teams')?.startupLines).toContain(`Teams: owners GroupGate cannot reach get it installed through Microsoft Graph (catalog app ${catalogId}).`);
  });

  it('asks Graph nothing with the setting off (the default)', async () => {
    await start({});
    await teamsSaysInstalled(ines);

    expect(await joinAtlas(rowan)).toMatch(/Tomas Berg hasn't installed GroupGate/);
    expect(running.surfaces.find((s) => s.name === 'teams')?.startupLines).toHaveLength(1);

    expect(stand.seen('/users/', 'POST').filter((r) => r.path.endsWith('/teamwork/installedApps'))).toEqual([]);
  });

  it('takes 409 Conflict (installed already) as done, with no warning', async () => {
    await start();
    stand.installedTeamsApps.set(tomas.aadObjectId, new Set([catalogId]));
    await teamsSaysInstalled(ines);

    expect(await joinAtlas(rowan)).toMatch(/Tomas Berg hasn't installed GroupGate/);

    expect(installCalls(tomas)).toHaveLength(1);
    expect(warnings()).toEqual([]);
    expect(logger.lines).toContainEqual(expect.objectContaining({ level: 'info', fields: expect.objectContaining({ userId: tomas.aadObjectId, outcome: 'alreadyInstalled' }) }));
  });

  it('asks once per owner a day, however many requests find them unreachable meanwhile', async () => {
    await start();
    await teamsSaysInstalled(ines);

    await joinAtlas(rowan);
    await joinAtlas(dana);

    expect(installCalls(tomas)).toHaveLength(1);
    const asked = await running.gate.store.get<{ at: string }>(`teams:install-asked:${tomas.aadObjectId}`);
    expect(asked?.at).toEqual(expect.any(String));
  });

  it('without the permission (403), warns once, naming it, and the requester is told as before', async () => {
    await start();
    stand.missingPermissions.add(permission);
    await teamsSaysInstalled(ines);

    expect(await joinAtlas(rowan)).toMatch(/Tomas Berg hasn't installed GroupGate; I've told the other owners/);
    expect(await joinAtlas(dana)).toMatch(/Tomas Berg hasn't installed GroupGate/);

    expect(installCalls(tomas)).toHaveLength(1);
    const [warning, ...others] = warnings();
    expect(others).toEqual([]);
    expect(warning!.message).toContain(permission);
    expect(warning!.fields).toMatchObject({ userId: tomas.aadObjectId, outcome: 'forbidden' });
  });
});
