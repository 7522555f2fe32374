import { afterEach, describe, expect, it } from 'vitest';
import type { RunningGroupGate } from '../../../bot/start-groupgate.js';
import { keys, listJoinRequests } from '../../../domain/join-requests/join-request-records.js';
import type { GroupId, JoinRequestId } from '../../../domain/model/ids.js';
import { person, sampleGroup } from '../../support/sample-tenant.js';
import { blockActions, postForm, slashCommand } from './signed-slack-request.js';
import { SlackStandIn, visibleText } from './slack-stand-in.js';
import { settle, startSlackGroupGate, tenantFile } from './slack-test-gate.js';

let running: RunningGroupGate | undefined;
let slack: SlackStandIn | undefined;
afterEach(async () => {
  await running?.stop();
  await slack?.stop();
});

async function start(env: Record<string, string> = {}) {
  slack = await new SlackStandIn().start();
  running = await startSlackGroupGate(slack, env);
  return { slack, running };
}

const atlas = sampleGroup('Atlas Project').id as GroupId;

describe('Slack clicks and commands GroupGate refuses', () => {
  it("answers a non-owner's Approve click with an ephemeral refusal and changes nothing", async () => {
    const { slack, running } = await start();
    await postForm(running.url, slashCommand('U0ROWAN', 'join Atlas Project because I moved teams', slack.responseUrl('rowan')));
    await settle(running);
    const requestId = /R-[0-9A-Z]{4,}/.exec(visibleText(slack.respondedTo('rowan')))![0] as JoinRequestId;
    const membersBefore = await running.gate.directory.listMembers(atlas);
    const requestBefore = await running.gate.store.get(keys.request(requestId));
    const postsBefore = slack.of('chat.postMessage').length;

    // Mere Tane owns nothing; the button's data names Rowan's request, but the clicker is who Slack says clicked.
    const click = await postForm(running.url, blockActions('U0MERE', { action_id: 'join-request.approve:0', value: JSON.stringify({ requestId }) }, { channel: 'D0MERE', ts: '1700000000.000001', responseUrl: slack.responseUrl('mere') }));
    expect(click.status).toBe(200);
    await settle(running);

    expect(slack.respondedTo('mere')).toEqual([expect.objectContaining({ response_type: 'ephemeral', replace_original: false })]);
    expect(visibleText(slack.respondedTo('mere'))).toMatch(/Only the owners of Atlas Project can decide this request/);
    expect(await running.gate.directory.listMembers(atlas)).toEqual(membersBefore);
    expect(await running.gate.store.get(keys.request(requestId))).toEqual(requestBefore);
    expect(requestBefore).toMatchObject({ status: 'pending' });
    expect(slack.of('chat.update')).toEqual([]);
    expect(slack.of('chat.postMessage')).toHaveLength(postsBefore);
  });

  it('tells a Slack user the directory does not know that nothing was done, and does nothing', async () => {
    const { slack, running } = await start();
    slack.emails.set('U0STRANGER', 'stranger@elsewhere.example');
    await postForm(running.url, slashCommand('U0STRANGER', 'join Atlas Project because why not', slack.responseUrl('stranger')));
    await settle(running);

    const [answer] = slack.respondedTo('stranger');
    expect(answer).toMatchObject({ response_type: 'ephemeral' });
    expect(visibleText(answer)).toMatch(/I couldn't find you in the directory: nobody there has the e-mail address on your Slack profile\. Nothing was done/);
    expect(visibleText(answer)).not.toContain('stranger@elsewhere.example');
    expect(await listJoinRequests(running.gate.store)).toEqual([]);
    expect(slack.of('chat.postMessage')).toEqual([]);
    expect(await running.gate.store.get('slack:user:U0STRANGER')).toBeUndefined();
  });

  it('refuses to guess when two directory users share the Slack profile e-mail', async () => {
    const rowan = person('Rowan Pike');
    const seed = tenantFile((tenant) => {
      tenant.users.forEach((u) => delete u['slackUserId']);
      tenant.users.push({ ...rowan, id: '00000000-0000-4000-8000-00000000d0b1', displayName: 'Rowan Pike (old account)', userPrincipalName: 'rowan.pike.old@contoso.example', slackUserId: undefined });
    });
    const { slack, running } = await start({ DIRECTORY_SEED: seed });
    slack.emails.set('U0ROWAN', rowan.mail!.toUpperCase());
    await postForm(running.url, slashCommand('U0ROWAN', 'join Atlas Project because I moved teams', slack.responseUrl('rowan')));
    await settle(running);

    expect(visibleText(slack.respondedTo('rowan'))).toMatch(/More than one directory account matches your Slack account, so I can't tell which one is you\. Nothing was done/);
    expect(await listJoinRequests(running.gate.store)).toEqual([]);
  });

  it('ignores a button GroupGate did not issue, telling the clicker so', async () => {
    const { slack, running } = await start();
    await postForm(running.url, blockActions('U0ROWAN', { action_id: 'join-request.approve:0', value: JSON.stringify({ requestId: 'R-7F3A', note: 'smuggled' }) }, { channel: 'D0ROWAN', ts: '1700000000.000009', responseUrl: slack.responseUrl('odd') }));
    await settle(running);
    expect(visibleText(slack.respondedTo('odd'))).toMatch(/That button isn't one of mine, so I ignored it/);
  });
});
