import { afterEach, describe, expect, it } from 'vitest';
import { handleCardAction } from '../../bot/handle-card-action.js';
import { handleMessage } from '../../bot/handle-message.js';
import type { RunningGroupGate } from '../../bot/start-groupgate.js';
import type { Turn } from '../../bot/turn.js';
import { plainText } from '../../cards/card-view.js';
import type { JoinRequest } from '../../domain/join-requests/join-request.js';
import { keys } from '../../domain/join-requests/join-request-records.js';
import { sweepJoinRequests } from '../../domain/join-requests/sweep-join-requests.js';
import { groupOf, userOf } from '../adapters/directory/graph/graph-harness.js';
import { GraphStandIn } from '../adapters/directory/graph/graph-stand-in.js';
import { StandInTenant } from '../adapters/directory/graph/stand-in-tenant.js';
import { RecordingChannel } from '../support/recording-channel.js';
import { replyText } from '../support/reply-text.js';
import { startTestGroupGate } from '../support/start-test-groupgate.js';

let stand: GraphStandIn | undefined;
let running: RunningGroupGate | undefined;
afterEach(async () => {
  await running?.stop();
  await stand?.stop();
});

async function start() {
  stand = await new GraphStandIn(StandInTenant.sample()).start();
  const channel = new RecordingChannel();
  running = await startTestGroupGate({ ...stand.env(), SWEEP_INTERVAL: '1h' }, { channels: [channel] });
  const { gate } = running;
  const turn = async (name: string): Promise<Turn> => ({ actor: (await gate.directory.getUser(userOf(name)))!, platform: 'web' });
  const ask = async (name: string, group: string) => /Your request is (R-\w+)/.exec(replyText(await handleMessage(gate, await turn(name), `join ${group} because research`)))![1]!;
  const stored = async (id: string) => (await gate.store.get<JoinRequest>(keys.request(id as never)))!;
  return { gate, channel, turn, ask, stored, stand };
}

describe('an approval the directory refuses', () => {
  it('for good (the requester was deleted in Entra): recorded as not applied with the reason, told in plain words, never retried', async () => {
    const { gate, channel, turn, ask, stored, stand } = await start();
    const id = await ask('Rowan Pike', 'Atlas Project');
    stand.tenant.users.delete(userOf('Rowan Pike'));

    const click = await handleCardAction(gate, await turn('Ines Duarte'), { action: 'join-request.approve', requestId: id });
    expect(click.card).toMatchObject({ kind: 'approval', state: { status: 'approved', by: 'Ines Duarte' } });
    const notice = click.card?.kind === 'approval' && click.card.notice ? plainText(click.card.notice) : '';
    expect(notice).toMatch(/^⚠ Approved, but not applied: Microsoft Graph has no user Rowan Pike \(.+\): they may have been deleted\. Nothing was changed\.$/);
    await gate.background.idle();

    const request = await stored(id);
    expect(request).toMatchObject({ status: 'approved', notApplied: { why: expect.stringContaining('Microsoft Graph has no user Rowan Pike') }, notifiedAt: expect.any(String) });
    expect(request.appliedAt).toBeUndefined();
    // The other owner's card says so too, and the requester (where still reachable) is told why they are not a member.
    expect(channel.updates.map((u) => (u.card.kind === 'approval' && u.card.notice ? plainText(u.card.notice) : ''))).toEqual([notice, notice]);
    expect(replyText(channel.to(userOf('Rowan Pike')))).toMatch(/Ines Duarte approved your request to join Atlas Project, but the directory would not add you, so you're not a member:\nMicrosoft Graph has no user Rowan Pike/);

    // Sweeps leave it alone: one attempt at Graph, ever.
    expect(await sweepJoinRequests(gate.requests, 0)).toMatchObject({ finished: 0, failed: [] });
    expect(stand.seen(`/groups/${groupOf('Atlas Project')}/members/$ref`, 'POST')).toHaveLength(1);
    // A second owner clicking later learns who decided.
    const late = await handleCardAction(gate, await turn('Tomas Berg'), { action: 'join-request.approve', requestId: id });
    expect(late.card?.kind === 'approval' && late.card.notice ? plainText(late.card.notice) : '').toMatch(/^Already approved by Ines Duarte/);
  });

  it('for now (a permission missing): retried by the sweep, without holding up the requests after it', async () => {
    const { gate, ask, stored, stand } = await start();
    const ids = [await ask('Rowan Pike', 'Atlas Project'), await ask('Rowan Pike', 'Board Room')];
    // What a crash after storing both decisions leaves behind.
    for (const id of ids) {
      await gate.store.update<JoinRequest, void>(keys.request(id as never), (r) => ({ next: { ...r!, status: 'approved', decidedBy: userOf('Ines Duarte'), decidedAt: gate.clock.now().toISOString() }, result: undefined }));
    }
    // The sweep goes in key order: the first request's write is refused (403) this time.
    const [first, second] = [...ids].sort() as [string, string];
    const firstGroup = (await stored(first)).groupId;
    stand.answerNext('POST', `/groups/${firstGroup}/members/$ref`, { status: 403, body: { error: { code: 'Authorization_RequestDenied', message: 'Insufficient privileges to complete the operation.' } } });

    const report = await sweepJoinRequests(gate.requests, 0);
    expect(report.failed.map((f) => f.id)).toEqual([first]);
    expect(report.finished).toBe(1);
    expect((await stored(second)).appliedAt).toBeDefined();
    expect((await stored(first)).appliedAt).toBeUndefined();
    expect((await stored(first)).notApplied).toBeUndefined();

    expect(await sweepJoinRequests(gate.requests, 0)).toMatchObject({ finished: 1, failed: [] });
    expect((await stored(first)).appliedAt).toBeDefined();
    expect(await gate.directory.listMembers(firstGroup)).toContain(userOf('Rowan Pike'));
  });
});
