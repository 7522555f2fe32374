import { describe, expect, it } from 'vitest';
import type { GroupId } from '../../../domain/model/ids.js';
import { person, sampleGroup } from '../../support/sample-tenant.js';
import { blockActions, postForm, slashCommand } from './signed-slack-request.js';
import { jsonArg, visibleText, type WebApiCall } from './slack-stand-in.js';
import { settle, useSlackGroupGate, tenantWithoutSlackIds } from './slack-test-gate.js';

const bed = useSlackGroupGate({
  setUp: (slack) => {
    for (const [id, name] of [['U0ROWAN', 'Rowan Pike'], ['U0INES', 'Ines Duarte'], ['U0TOMAS', 'Tomas Berg']] as const) slack.emails.set(id, person(name).mail!);
  },
  // No slackUserId in the tenant: everyone is matched through users.info / users.lookupByEmail.
  env: () => ({ DIRECTORY_SEED: tenantWithoutSlackIds() }),
});

const postedTo = (channel: string) => bed.slack.of('chat.postMessage').filter((c) => c.args['channel'] === channel);
const approveButton = (call: WebApiCall | undefined) =>
  jsonArg<Array<{ type: string; elements?: Array<{ action_id: string; value: string }> }>>(call, 'blocks')
    .flatMap((b) => (b.type === 'actions' ? (b.elements ?? []) : []))
    .find((e) => e.action_id.startsWith('join-request.approve:'));

describe('a join request through Slack', () => {
  it('DMs both owners, takes exactly one approval, updates every owner card and tells the requester', async () => {
    const asked = await postForm(bed.running.url, slashCommand('U0ROWAN', 'join Atlas Project because I moved to the research team', bed.slack.responseUrl('rowan')));
    expect(asked.status).toBe(200);
    await settle(bed.running);

    const [answer] = bed.slack.respondedTo('rowan');
    expect(answer).toMatchObject({ response_type: 'ephemeral' });
    expect(visibleText(answer)).toMatch(/I've asked the 2 owners of Atlas Project/);
    const requestId = /R-[0-9A-Z]{4,}/.exec(visibleText(answer))![0];

    const [toInes, toTomas] = [postedTo('U0INES'), postedTo('U0TOMAS')];
    expect(toInes).toHaveLength(1);
    expect(toTomas).toHaveLength(1);
    expect(approveButton(toInes[0])).toMatchObject({ value: JSON.stringify({ requestId }) });
    expect(visibleText(jsonArg(toInes[0], 'blocks'))).toContain('I moved to the research team');
    expect(toInes[0]!.args).toMatchObject({ unfurl_links: 'false', unfurl_media: 'false' }); // a link in a reason never unfurls

    const inesCard = toInes[0]!.answer as { channel: string; ts: string };
    const tomasCard = toTomas[0]!.answer as { channel: string; ts: string };
    expect(inesCard.channel).toBe('D0INES');
    const click = await postForm(bed.running.url, blockActions('U0INES', approveButton(toInes[0])!, { ...inesCard, responseUrl: bed.slack.responseUrl('ines-click') }));
    expect(click.status).toBe(200);
    await settle(bed.running);

    const [replaced] = bed.slack.respondedTo('ines-click');
    expect(replaced).toMatchObject({ replace_original: true });
    expect(visibleText(replaced)).toMatch(/Approved by Ines Duarte/);
    const updates = bed.slack.of('chat.update');
    expect(updates.map((u) => `${u.args['channel']} ${u.args['ts']}`).sort()).toEqual([`${inesCard.channel} ${inesCard.ts}`, `${tomasCard.channel} ${tomasCard.ts}`].sort());
    for (const update of updates) {
      expect(visibleText(jsonArg(update, 'blocks'))).toMatch(/Approved by Ines Duarte/);
      expect(approveButton(update)).toBeUndefined();
    }
    const toRowan = postedTo('U0ROWAN');
    expect(toRowan).toHaveLength(1);
    expect(toRowan[0]!.args['text']).toMatch(/Ines Duarte approved your request — you're now a member of Atlas Project/);
    expect(await bed.running.gate.directory.listMembers(sampleGroup('Atlas Project').id as GroupId)).toContain(person('Rowan Pike').id);

    // Tomas clicks on his (now outdated) copy: he sees who decided; nothing is decided twice.
    await postForm(bed.running.url, blockActions('U0TOMAS', approveButton(toTomas[0])!, { ...tomasCard, responseUrl: bed.slack.responseUrl('tomas-click') }));
    await settle(bed.running);
    expect(visibleText(bed.slack.respondedTo('tomas-click')[0])).toMatch(/Already approved by Ines Duarte/);
    expect(bed.slack.of('chat.update')).toHaveLength(2);
    expect(postedTo('U0ROWAN')).toHaveLength(1);

    // Each person was looked up once, one way or the other; the mapping is cached in the store both ways.
    expect(bed.slack.of('users.info').map((c) => c.args['user'])).toEqual(['U0ROWAN']);
    expect(bed.slack.of('users.lookupByEmail').map((c) => c.args['email']).sort()).toEqual([person('Ines Duarte').mail, person('Tomas Berg').mail].sort());
    expect(await bed.running.gate.store.get('slack:user:U0ROWAN')).toEqual({ userId: person('Rowan Pike').id });
  });

  it('lets exactly one of two owners clicking Approve at the same moment decide', async () => {
    await postForm(bed.running.url, slashCommand('U0ROWAN', 'join Atlas Project because I moved to the research team', bed.slack.responseUrl('rowan')));
    await settle(bed.running);
    const cards = (['U0INES', 'U0TOMAS'] as const).map((user) => ({ user, call: postedTo(user)[0]! }));

    const clicks = await Promise.all(
      cards.map(({ user, call }) => postForm(bed.running.url, blockActions(user, approveButton(call)!, { ...(call.answer as { channel: string; ts: string }), responseUrl: bed.slack.responseUrl(`${user}-click`) }))),
    );
    expect(clicks.map((c) => c.status)).toEqual([200, 200]);
    await settle(bed.running);

    const seen = cards.map(({ user }) => visibleText(bed.slack.respondedTo(`${user}-click`)));
    const winner = seen.findIndex((text) => /^(?!.*Already).*Approved by/.test(text));
    expect(winner).toBeGreaterThanOrEqual(0);
    const winnerName = winner === 0 ? 'Ines Duarte' : 'Tomas Berg';
    expect(seen[1 - winner]).toMatch(new RegExp(`Already approved by ${winnerName}`));
    expect(postedTo('U0ROWAN')).toHaveLength(1);
    expect(postedTo('U0ROWAN')[0]!.args['text']).toMatch(new RegExp(`${winnerName} approved your request`));
    expect(bed.slack.of('chat.update')).toHaveLength(2);
  });
});
