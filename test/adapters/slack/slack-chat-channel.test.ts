import { webApi } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { SlackChatChannel } from '../../../adapters/slack/slack-chat-channel.js';
import { SlackIdentity } from '../../../adapters/slack/slack-identity.js';
import { listJoinRequests } from '../../../domain/join-requests/join-request-records.js';
import { silentLogger } from '../../../domain/ports/logger.js';
import { message } from '../../../cards/card-view.js';
import type { UserId } from '../../../domain/model/ids.js';
import { person } from '../../support/sample-tenant.js';
import { eventCallback, postForm, postJson, slashCommand } from './signed-slack-request.js';
import { jsonArg, visibleText } from './slack-stand-in.js';
import { settle, tenantWithoutSlackIds, useSlackGroupGate } from './slack-test-gate.js';

const bed = useSlackGroupGate({
  setUp: (slack) => {
    // Ines is not on Slack yet; Rowan and Tomas are.
    slack.emails.set('U0ROWAN', person('Rowan Pike').mail!);
    slack.emails.set('U0TOMAS', person('Tomas Berg').mail!);
  },
  env: () => ({ DIRECTORY_SEED: tenantWithoutSlackIds() }),
});

const postedTo = (channel: string) => bed.slack.of('chat.postMessage').filter((c) => c.args['channel'] === channel);

describe('Slack as a messenger channel', () => {
  it('gives an owner who joins Slack later the approval cards sent while they could not be reached', async () => {
    await postForm(bed.running.url, slashCommand('U0ROWAN', 'join Atlas Project because I moved to the research team', bed.slack.responseUrl('rowan')));
    await settle(bed.running);
    expect(postedTo('U0TOMAS')).toHaveLength(1);
    expect(postedTo('U0INES')).toHaveLength(0);

    bed.slack.emails.set('U0INES', person('Ines Duarte').mail!);
    await postJson(bed.running.url, eventCallback({ type: 'message', channel_type: 'im', channel: 'D0INES', user: 'U0INES', text: 'hello', ts: '1700000200.000100' }));
    await settle(bed.running);

    const [card] = postedTo('U0INES');
    expect(visibleText(jsonArg(card, 'blocks'))).toMatch(/Rowan Pike .*asks to join Atlas Project/);
    expect(postedTo('D0INES')).toHaveLength(1); // the answer to "hello"
  });

  it('posts into a channel (alerts) and remembers where the card landed', async () => {
    const location = await bed.running.gate.messenger.sendToChannel({ platform: 'slack', id: 'C0ALERTS', name: 'license-alerts' }, message([['⚠ License shortfall']]));
    expect(location).toEqual({ platform: 'slack', channel: 'C0ALERTS', ts: expect.stringMatching(/^\d+\.\d+$/) });
    expect(visibleText(jsonArg(postedTo('C0ALERTS')[0], 'blocks'))).toContain('⚠ License shortfall');
  });

  it('treats someone Slack does not know as unreachable, and asks Slack about them once an hour at most', async () => {
    const pat = person('Pat Quinn').id as UserId;
    expect(await bed.running.gate.messenger.sendToUser(pat, message([['hi']]))).toEqual([]);
    expect(await bed.running.gate.messenger.sendToUser(pat, message([['hi again']]))).toEqual([]);
    expect(bed.slack.of('users.lookupByEmail')).toHaveLength(1);
    expect(bed.slack.of('chat.postMessage')).toEqual([]);
  });

  it('treats a person Slack will not DM (deactivated) as unreachable, but reports any other failure as one to retry', async () => {
    await postForm(bed.running.url, slashCommand('U0ROWAN', 'join Atlas Project', bed.slack.responseUrl('rowan')));
    await settle(bed.running);
    const [request] = await listJoinRequests(bed.running.gate.store);
    const tomas = person('Tomas Berg').id as UserId;
    bed.slack.postErrors.set('U0TOMAS', 'account_inactive');
    expect((await bed.running.gate.messenger.sendApprovalCard(request!, tomas)).delivery).toBe('noContact');
    bed.slack.postErrors.set('U0TOMAS', 'internal_error');
    expect((await bed.running.gate.messenger.sendApprovalCard(request!, tomas)).delivery).toBe('failed');
  });

  it('treats a card Slack no longer has as gone, but reports any other failure', async () => {
    const client = new webApi.WebClient('xoxb-test-token', { slackApiUrl: bed.slack.apiUrl, retryConfig: { retries: 0 } });
    const channel = new SlackChatChannel(client, new SlackIdentity(bed.running.gate, client), silentLogger);
    bed.slack.updateErrors.set('1700000000.000042', 'message_not_found');
    bed.slack.updateErrors.set('1700000000.000043', 'invalid_blocks');
    await expect(channel.updateCard({ platform: 'slack', channel: 'D0INES', ts: '1700000000.000042' }, message([['Approved']]))).resolves.toBeUndefined();
    await expect(channel.updateCard({ platform: 'slack', channel: 'D0INES', ts: '1700000000.000043' }, message([['Approved']]))).rejects.toThrow(/invalid_blocks/);
    await expect(channel.updateCard({ platform: 'teams', activityId: 'x' }, message([['Approved']]))).resolves.toBeUndefined();
    expect(bed.slack.of('chat.update')).toHaveLength(2);
  });
});
