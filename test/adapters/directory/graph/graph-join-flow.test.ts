import { afterEach, describe, expect, it } from 'vitest';
import { GraphDirectory } from '../../../../adapters/directory/graph/graph-directory.js';
import { handleCardAction } from '../../../../bot/handle-card-action.js';
import { handleMessage } from '../../../../bot/handle-message.js';
import type { RunningGroupGate } from '../../../../bot/start-groupgate.js';
import type { Turn } from '../../../../bot/turn.js';
import type { MembershipChanged } from '../../../../domain/ports/membership-events.js';
import { RecordingChannel } from '../../../support/recording-channel.js';
import { replyText } from '../../../support/reply-text.js';
import { startTestGroupGate } from '../../../support/start-test-groupgate.js';
import { groupOf, userOf } from './graph-harness.js';
import { GraphStandIn } from './graph-stand-in.js';
import { StandInTenant } from './stand-in-tenant.js';

let stand: GraphStandIn | undefined;
let running: RunningGroupGate | undefined;
afterEach(async () => {
  await running?.stop();
  await stand?.stop();
});

const turn = async (name: string): Promise<Turn> => ({ actor: (await running!.gate.directory.getUser(userOf(name)))!, platform: 'web' });

describe('GroupGate on a Microsoft Graph tenant (DIRECTORY=graph)', () => {
  it('takes a join request from chat to an owner\'s approval to a $ref POST that makes the requester a member', async () => {
    stand = await new GraphStandIn(StandInTenant.sample()).start();
    const channel = new RecordingChannel();
    running = await startTestGroupGate(stand.env(), { channels: [channel] });
    const { gate } = running;
    expect(gate.directory).toBeInstanceOf(GraphDirectory);
    expect(await (await fetch(`${running.url}/healthz`)).json()).toMatchObject({ status: 'ok', directory: 'loaded' });

    const reply = await handleMessage(gate, await turn('Rowan Pike'), 'join Atlas Project because I moved to the research team');
    expect(replyText(reply)).toMatch(/I've asked the 2 owners of Atlas Project \(Ines Duarte and Tomas Berg\)/);
    const requestId = /Your request is (R-\w+)/.exec(replyText(reply))![1]!;
    expect(channel.to(userOf('Ines Duarte'))).toHaveLength(1);

    const click = await handleCardAction(gate, await turn('Ines Duarte'), { action: 'join-request.approve', requestId });
    expect(click.card).toMatchObject({ kind: 'approval', state: { status: 'approved', by: 'Ines Duarte' } });
    await gate.background.idle();

    const posts = stand.seen(`/groups/${groupOf('Atlas Project')}/members/$ref`, 'POST');
    expect(posts).toHaveLength(1);
    expect(posts[0]!.body).toEqual({ '@odata.id': `${stand.url}/v1.0/directoryObjects/${userOf('Rowan Pike')}` });
    expect(posts[0]!.headers['x-ms-throttle-priority']).toBeUndefined();
    expect(stand.tenant.groups.get(groupOf('Atlas Project'))!.members).toContain(userOf('Rowan Pike'));
    expect(await gate.directory.listMembers(groupOf('Atlas Project'))).toContain(userOf('Rowan Pike'));
    expect(replyText(channel.to(userOf('Rowan Pike')))).toMatch(/Ines Duarte approved your request — you're now a member of Atlas Project/);
  });

  it('tells the core about membership changes made in Entra, as the delta feed shows them', async () => {
    stand = await new GraphStandIn(StandInTenant.sample()).start();
    running = await startTestGroupGate(stand.env());
    const heard: MembershipChanged[] = [];
    running.gate.membershipListeners.push(async (event) => void heard.push(event));
    stand.tenant.addToList(groupOf('Board Room'), userOf('Rowan Pike'));
    stand.tenant.removeFromList(groupOf('Sales US'), stand.tenant.groups.get(groupOf('Sales US'))!.members[0]!);

    await (running.gate.directory as GraphDirectory).sync();

    expect(heard).toEqual(expect.arrayContaining([
      { groupId: groupOf('Board Room'), userId: userOf('Rowan Pike'), change: 'added', cause: 'directory' },
      expect.objectContaining({ groupId: groupOf('Sales US'), change: 'removed', cause: 'membershipRule' }),
    ]));
    expect(heard).toHaveLength(2);
  });

  it('does not start when it cannot sign in and has no copy of the tenant to serve from', async () => {
    stand = await new GraphStandIn(StandInTenant.sample()).start();
    await expect(startTestGroupGate({ ...stand.env(), AZURE_CLIENT_SECRET: 'expired-secret' })).rejects.toThrow(/could not sign in to Microsoft Entra: .*AADSTS7000215/);
  });

  it('refuses to start against an http Graph that is not on this machine', async () => {
    await expect(startTestGroupGate({ DIRECTORY: 'graph', AZURE_TENANT_ID: 't', AZURE_CLIENT_ID: 'c', AZURE_CLIENT_SECRET: 's', GRAPH_BASE_URL: 'http://graph.example.com' }))
      .rejects.toThrow(/GRAPH_BASE_URL: expected an https:\/\/ address/);
  });
});
