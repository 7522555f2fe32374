import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handleCardAction } from '../../bot/handle-card-action.js';
import { commandCatalog } from '../../bot/commands/catalog.js';
import { helpTopics } from '../../bot/commands/help-command.js';
import { handleMessage } from '../../bot/handle-message.js';
import type { ListView, MessageView } from '../../cards/card-view.js';
import { toAdaptiveCard, toBlockKit } from '../../cards/render-card.js';
import type { RunningGroupGate } from '../../bot/start-groupgate.js';
import type { Turn } from '../../bot/turn.js';
import type { JoinRequest } from '../../domain/join-requests/join-request.js';
import { keys } from '../../domain/join-requests/join-request-records.js';
import type { JoinRequestId } from '../../domain/model/ids.js';
import { replyText } from '../support/reply-text.js';
import { person, sampleGroup } from '../support/sample-tenant.js';
import { startTestGroupGate } from '../support/start-test-groupgate.js';

// The words of issue 18 that read wrong: one owner addressed as "one of them", admins of an
// ownerless group told about "owners", a requester told about "the requester", an unknown policy
// value read as part of the group's name.

let running: RunningGroupGate;
beforeAll(async () => {
  running = await startTestGroupGate({});
});
afterAll(async () => running.stop());

const as = (name: string): Turn => ({ actor: person(name), platform: 'web' });
const say = async (name: string, text: string) => replyText(await handleMessage(running.gate, as(name), text));
const click = async (name: string, action: string, requestId: string) => {
  const result = await handleCardAction(running.gate, as(name), { action, requestId });
  await running.gate.background.idle();
  return replyText([...result.reply, ...(result.card && result.card.kind === 'approval' && result.card.notice ? [{ kind: 'message' as const, lines: [result.card.notice] }] : [])]);
};
const idIn = (text: string) => /Your request is (R-\w+)/.exec(text)![1]!;
const stored = (id: string) => running.gate.store.get<JoinRequest>(keys.request(id as JoinRequestId));

describe('words that fit who reads them', () => {
  it('tells a requester of a group with one owner that they will hear when that owner decides', async () => {
    const answer = await say('Rowan Pike', 'join Licensed Analysts because I analyse sales');
    expect(answer).toMatch(/I've asked the owner of Licensed Analysts \(Dana Lee\)\. I'll let you know as soon as they decide\./);
    expect(await say('Kai Moreno', 'join Atlas Project because research')).toMatch(/I've asked the 2 owners of Atlas Project \(Ines Duarte and Tomas Berg\)\. I'll let you know as soon as one of them decides\./);
  });

  it('speaks of admins, not owners, for a group without owners, and changes nothing', async () => {
    const tomasAsks = idIn(await say('Tomas Berg', 'join Orphaned Wiki because the docs live there'));
    expect(await click('Rowan Pike', 'join-request.approve', tomasAsks)).toMatch(/Orphaned Wiki has no owners, so only Groups or Global Administrators can decide this request\./);
    expect(await stored(tomasAsks)).toMatchObject({ status: 'pending' });

    const alexAsks = idIn(await say('Alex Morgan', 'join Orphaned Wiki because I keep it tidy'));
    expect(await click('Alex Morgan', 'join-request.approve', alexAsks)).toMatch(/You can't decide your own request — another admin will\./);
    expect(await stored(alexAsks)).toMatchObject({ status: 'pending' });
  });

  it('tells a requester who cancelled and clicks Cancel again that they cancelled it', async () => {
    const id = idIn(await say('Ben Ortiz', 'join Atlas Project because design'));
    await click('Ben Ortiz', 'join-request.cancel', id);
    expect(await stored(id)).toMatchObject({ status: 'cancelled' });
    expect(await click('Ben Ortiz', 'join-request.cancel', id)).toMatch(/^You cancelled this request at \d\d:\d\d/);
    // An owner clicking the card afterwards reads it about the requester.
    expect(await click('Ines Duarte', 'join-request.approve', id)).toMatch(/The requester cancelled this request at \d\d:\d\d/);
  });

  it('names the join policies there are when the last word is not one, instead of looking for a group by a longer name', async () => {
    const before = await running.gate.store.get(keys.groupSettings(sampleGroup('Atlas Project').id as never));
    expect(await say('Ines Duarte', 'policy Atlas Project auto')).toMatch(/"auto" isn't a join policy\. Atlas Project can be open, approval or closed: for example policy Atlas Project approval\./);
    expect(await running.gate.store.get(keys.groupSettings(sampleGroup('Atlas Project').id as never))).toEqual(before);
    expect(await say('Ines Duarte', 'policy Atlas Projectt auto')).toMatch(/I couldn't find a group called "Atlas Projectt auto"/);
    expect(await say('Ines Duarte', 'policy Atlas Project')).toMatch(/Atlas Project is approval — an owner approves each request\./);
  });
});

describe('words that say what was meant (issue 18, Words and help)', () => {
  it('keeps a reason whole when it ends in "please", and drops a please between the group and the reason', async () => {
    const id = idIn(await say('Grace Kim', 'join Design Reviews because E5 please'));
    expect(await stored(id)).toMatchObject({ reason: 'E5 please' });
    const polite = idIn(await say('Mere Tane', 'join Design Reviews please because I review designs'));
    expect(await stored(polite)).toMatchObject({ groupId: sampleGroup('Design Reviews').id, reason: 'I review designs' });
    // A please at the end of a command with no reason is still only politeness.
    expect(await say('Grace Kim', 'my requests please')).toMatch(/Your requests/);
  });

  it("shows a new maximum's example under that maximum, not a fixed 8h", async () => {
    expect(await say('Kai Moreno', 'max duration Lunch Club 2h')).toMatch(/may ask for less: join Lunch Club for 1h\./);
    expect(await say('Kai Moreno', 'max duration Lunch Club 90d')).toMatch(/may ask for less: join Lunch Club for 45d\./);
    expect(await say('Kai Moreno', 'max duration Lunch Club 5m')).toMatch(/may ask for less: join Lunch Club for 5m\./);
    await say('Kai Moreno', 'max duration Lunch Club off');
  });
});

describe('what a message no command takes gets (issue 18, Words and help)', () => {
  const said = async (name: string, text: string) => (await handleMessage(running.gate, as(name), text))[0] as MessageView;

  it('offers the command a misspelt first word was meant to be, to click, instead of the whole help', async () => {
    const jion = await said('Rowan Pike', 'jion Atlas Project');
    expect(replyText([jion])).toBe("I didn't catch that. Did you mean join Atlas Project?");
    expect(jion.buttons).toEqual([expect.objectContaining({ action: 'run', command: 'join Atlas Project' }), expect.objectContaining({ action: 'run', command: 'help' })]);
    expect(replyText([await said('Rowan Pike', 'halp')])).toBe("I didn't catch that. Did you mean help?");
    expect(replyText([await said('Ines Duarte', 'pendng')])).toBe("I didn't catch that. Did you mean pending?");
    // Words nowhere near a command still get the help for the person's role.
    expect(replyText([await said('Rowan Pike', 'what is the weather')])).toMatch(/^What I can do\nI didn't catch that\. Here's what I can do:/);
  });

  it('points a bare membership rule to preview rule, without the help or a count of waiting requests', async () => {
    const rule = await said('Alex Morgan', 'user.department -eq "Sales"');
    expect(replyText([rule])).toBe('That looks like a membership rule. To see whom it matches, type preview rule <rule>.');
    expect(rule.buttons).toEqual([expect.objectContaining({ action: 'run', command: 'preview rule user.department -eq "Sales"' })]);
    expect(replyText([await said('Alex Morgan', '(user.country -eq "NZ") -and (user.department -eq "Research")')])).toMatch(/^That looks like a membership rule/);
  });

  it("groups an admin's help by topic, every command under one", async () => {
    const help = replyText([await said('Alex Morgan', 'help')]);
    const headings = help.split('\n').filter((line) => helpTopics.some((t) => t.title === line));
    expect(headings).toEqual(helpTopics.map((t) => t.title));
    expect(help.indexOf('Licenses and alerts')).toBeLessThan(help.indexOf('seats <license> <number>'));
    const named = new Set<string>(helpTopics.flatMap((t) => t.commands));
    expect(commandCatalog.map((c) => c.name).filter((name) => !named.has(name))).toEqual([]);
    // A requester's few commands stay one list.
    expect(replyText([await said('Rowan Pike', 'help')])).not.toMatch(/Joining groups/);
  });
});

describe('the "Did you mean" button of a join (issue 18, Words and help)', () => {
  it('carries the reason typed, and for a group that requires one files nothing without it but says how to give it', async () => {
    const typo = (await handleMessage(running.gate, as('Omar Haddad'), 'join desing reviews because I review designs'))[0] as MessageView;
    expect(typo.buttons).toEqual([expect.objectContaining({ action: 'run', command: 'join Design Reviews because I review designs' })]);

    await say('Yuki Tanaka', 'require reason Design Reviews on');
    const bare = (await handleMessage(running.gate, as('Priya Raman'), 'join desing reviews'))[0] as MessageView;
    const button = bare.buttons![0]!;
    const clicked = await handleCardAction(running.gate, as('Priya Raman'), { action: 'command.run', command: button.action === 'run' ? button.command : '' });
    expect(replyText(clicked.reply)).toMatch(/Try: join Design Reviews because …/);
    expect(await say('Priya Raman', 'my requests')).not.toMatch(/Design Reviews/);
    await say('Yuki Tanaka', 'require reason Design Reviews off');
  });
});

describe('a join clicked from a card asks why (issue 18, Words and help)', () => {
  it("puts a reason input behind the groups list's Ask to join, required where the owners ask for one, and files the request with it", async () => {
    const groups = (await handleMessage(running.gate, as('Sofia Rossi'), 'groups atlas'))[0] as ListView;
    const ask = groups.rows[0]!.buttons![0]!;
    expect(ask).toEqual({ action: 'run', title: 'Ask to join', command: 'join Atlas Project', asksReason: { required: false } });
    const adaptive = JSON.stringify(toAdaptiveCard(groups));
    expect(adaptive).toContain('"type":"Action.ShowCard","title":"Ask to join"');
    expect(adaptive).toMatch(/"type":"Input.Text","id":"reason".*"type":"Action.Execute","title":"Send request","verb":"command.run","data":\{"command":"join Atlas Project"\}.*"associatedInputs":"auto"/);
    // A Slack message holds no input: the button says it asks, and the click opens a modal (test/adapters/slack/slack-ask-to-join.test.ts).
    expect(JSON.stringify(toBlockKit(groups).blocks)).toContain('"value":"{\\"command\\":\\"join Atlas Project\\",\\"asksReason\\":\\"optional\\"}"');
    // An open group joins at once, no question asked.
    const open = (await handleMessage(running.gate, as('Sofia Rossi'), 'groups lunch'))[0] as ListView;
    expect(open.rows[0]!.buttons![0]).toEqual({ action: 'run', title: 'Join', command: 'join Lunch Club' });

    // The click carries the input as Teams and the web chat send it: merged into the action's data.
    const clicked = await handleCardAction(running.gate, as('Sofia Rossi'), { action: 'command.run', command: 'join Atlas Project', reason: 'I run the research newsletter' });
    const id = idIn(replyText(clicked.reply));
    expect(await stored(id)).toMatchObject({ groupId: sampleGroup('Atlas Project').id, reason: 'I run the research newsletter' });

    await say('Ines Duarte', 'require reason Atlas Project on');
    const required = (await handleMessage(running.gate, as('Nora Fischer'), 'groups atlas'))[0] as ListView;
    expect(required.rows[0]!.buttons![0]).toMatchObject({ asksReason: { required: true } });
    await say('Ines Duarte', 'require reason Atlas Project off');
  });

  it('asks why on the "Did you mean" button of a join typed without a reason', async () => {
    const bare = (await handleMessage(running.gate, as('Nora Fischer'), 'join atlas projet'))[0] as MessageView;
    expect(bare.buttons).toEqual([expect.objectContaining({ command: 'join Atlas Project', asksReason: { required: false } })]);
    const clicked = await handleCardAction(running.gate, as('Nora Fischer'), { action: 'command.run', command: 'join Atlas Project', reason: 'the newsletter' });
    expect(await stored(idIn(replyText(clicked.reply)))).toMatchObject({ reason: 'the newsletter' });
    // A reason in the command wins over one typed into the card.
    const typed = (await handleMessage(running.gate, as('Grace Kim'), 'join atlas projet because I lead sales research'))[0] as MessageView;
    expect(typed.buttons![0]).not.toHaveProperty('asksReason');
  });
});
