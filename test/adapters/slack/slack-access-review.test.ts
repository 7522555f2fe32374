import { describe, expect, it } from 'vitest';
import { groupId } from '../../../domain/model/ids.js';
import { person, sampleGroup } from '../../support/sample-tenant.js';
import { blockActions, postForm, slashCommand, viewSubmission } from './signed-slack-request.js';
import { jsonArg, visibleText } from './slack-stand-in.js';
import { settle, useSlackGroupGate } from './slack-test-gate.js';

// Issue 20 through the real Slack adapter: the slash command, the reviewer's DM card (Block Kit,
// checked against Slack's rules after each test), and block_actions clicks on it.
const bed = useSlackGroupGate();

const postedTo = (channel: string) => bed.slack.of('chat.postMessage').filter((c) => c.args['channel'] === channel);
const blocksOf = (call: { args: Record<string, unknown> }) => JSON.parse(String(call.args['blocks'])) as Array<{ type: string; block_id?: string; elements?: Array<{ action_id?: string; value?: string; text?: { text: string } }> }>;

/** Atlas Project grown to 28 members, and Ines starting its review in Slack; returns Tomas's card (27 members: not his own). */
async function inesStartsReview() {
  const atlas = groupId(sampleGroup('Atlas Project').id);
  const others = (await bed.running.gate.directory.listUsers()).filter((u) => !sampleGroup('Atlas Project').members.includes(u.id)).slice(0, 25);
  for (const user of others) await bed.running.gate.directory.addMember(atlas, user.id);
  await postForm(bed.running.url, slashCommand('U0INES', 'review Atlas Project', bed.slack.responseUrl('ines')));
  await settle(bed.running);
  const reviewId = /V-[0-9A-Z]{6}/.exec(visibleText(bed.slack.respondedTo('ines')))![0];
  const card = postedTo('U0TOMAS').find((c) => visibleText(blocksOf(c)).includes('Access review · Atlas Project'))!;
  return { reviewId, card, where: card.answer as { channel: string; ts: string } };
}

describe('an access review in Slack', () => {
  it("sends each owner a card of 10 members a page within Slack's 50 blocks, with Keep, Remove, Keep all the rest and Next", async () => {
    const { card } = await inesStartsReview();
    const blocks = blocksOf(card);
    expect(blocks.length).toBeLessThanOrEqual(50);
    expect(visibleText(blocks)).toContain('0 of 28 reviewed: 0 kept, 0 to remove, 28 left');
    expect(visibleText(blocks)).toContain('Members 1–10 of 27 · page 1 of 3');
    const titles = blocks.flatMap((b) => b.elements ?? []).map((e) => e.text?.text).filter(Boolean);
    expect(titles.filter((t) => t === 'Keep')).toHaveLength(10);
    expect(titles.filter((t) => t === 'Remove')).toHaveLength(10);
    expect(titles).toEqual(expect.arrayContaining(['Keep all the rest', 'Next']));
  });

  it("asks Tomas's Remove for an optional reason in a modal, records it, edits his card in place and Ines's copy with the live summary", async () => {
    const { reviewId, where } = await inesStartsReview();
    const mere = person('Mere Tane').id;
    await postForm(bed.running.url, blockActions('U0TOMAS', { action_id: 'access-review.remove:1', value: JSON.stringify({ reviewId, memberId: mere }) }, { ...where, responseUrl: bed.slack.responseUrl('tomas') }));
    await settle(bed.running);
    // A Slack message holds no input: Remove opens a modal for the reason, and nothing is recorded until it is submitted.
    const modal = jsonArg<{ callback_id: string; private_metadata: string }>(bed.slack.of('views.open').at(-1), 'view');
    expect(bed.slack.respondedTo('tomas')).toEqual([]);
    await postForm(bed.running.url, viewSubmission('U0TOMAS', modal, 'left the project in May', 'reason'));
    await settle(bed.running);
    const replaced = bed.slack.respondedTo('tomas').at(-1)!;
    expect(replaced).toMatchObject({ replace_original: true });
    expect(visibleText(replaced)).toContain('1 of 28 reviewed: 0 kept, 1 to remove, 27 left');
    expect(visibleText(replaced)).toMatch(/❌ To remove by Tomas Berg · .* — "left the project in May"/);
    const inesEdits = bed.slack.of('chat.update').filter((c) => c.args['channel'] === postedTo('U0INES')[0]!.answer!['channel' as never]);
    expect(inesEdits.map((c) => visibleText(blocksOf(c))).join()).toContain('1 of 28 reviewed: 0 kept, 1 to remove, 27 left');
  });

  it('pages on Next, and refuses a click from someone who is not an owner', async () => {
    const { reviewId, where } = await inesStartsReview();
    await postForm(bed.running.url, blockActions('U0TOMAS', { action_id: 'access-review.page:1', value: JSON.stringify({ reviewId, page: '2' }) }, { ...where, responseUrl: bed.slack.responseUrl('tomas') }));
    await settle(bed.running);
    expect(visibleText(bed.slack.respondedTo('tomas').at(-1))).toContain('Members 11–20 of 27 · page 2 of 3');
    await postForm(bed.running.url, blockActions('U0ROWAN', { action_id: 'access-review.keep:0', value: JSON.stringify({ reviewId, memberId: person('Mere Tane').id }) }, { ...where, responseUrl: bed.slack.responseUrl('rowan') }));
    await settle(bed.running);
    expect(visibleText(bed.slack.respondedTo('rowan'))).toContain('Only the owners of Atlas Project review its members.');
  });
});
