import { describe, expect, it } from 'vitest';
import { groupId } from '../../../domain/model/ids.js';
import { person, sampleGroup } from '../../support/sample-tenant.js';
import { eventCallback, postJson } from './signed-slack-request.js';
import { visibleText } from './slack-stand-in.js';
import { settle, useSlackGroupGate } from './slack-test-gate.js';

const bed = useSlackGroupGate();
const postedTo = (channel: string) => bed.slack.of('chat.postMessage').filter((c) => c.args['channel'] === channel);
const atlasMembers = () => bed.running.gate.directory.listMembers(groupId(sampleGroup('Atlas Project').id));

describe('people named by a Slack @mention', () => {
  it('resolve to the directory user the Slack identity mapping gives, whatever name Slack shows', async () => {
    // Slack writes a mention as <@U…> (with the name the client showed, which may be a nickname).
    const text = '<@UBOT> add <@U0ROWAN|ro> to Atlas Project';
    await postJson(bed.running.url, eventCallback({ type: 'app_mention', channel: 'C0GENERAL', user: 'U0INES', text, ts: '1700000200.000100', event_ts: '1700000200.000100' }));
    await settle(bed.running);

    expect(visibleText(JSON.parse(postedTo('C0GENERAL')[0]!.args['blocks']!))).toContain('Done — Rowan Pike is now a member of Atlas Project.');
    expect(await atlasMembers()).toContain(person('Rowan Pike').id);
  });

  it('leave a Slack user the mapping does not know as the name shown, and nothing changes', async () => {
    const before = await atlasMembers();
    await postJson(bed.running.url, eventCallback({ type: 'message', channel_type: 'im', channel: 'D0INES', user: 'U0INES', text: 'add <@U0NOBODY|visitor> to Atlas Project', ts: '1700000300.000100', event_ts: '1' }));
    await settle(bed.running);

    expect(visibleText(JSON.parse(postedTo('D0INES')[0]!.args['blocks']!))).toContain('I couldn\'t find anyone called "@visitor"');
    expect(await atlasMembers()).toEqual(before);
  });
});
