import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handleMessage } from '../../bot/handle-message.js';
import type { RunningGroupGate } from '../../bot/start-groupgate.js';
import type { Turn } from '../../bot/turn.js';
import { replyText } from '../support/reply-text.js';
import { person } from '../support/sample-tenant.js';
import { startTestGroupGate } from '../support/start-test-groupgate.js';

let running: RunningGroupGate;
beforeAll(async () => {
  running = await startTestGroupGate({ MAX_PENDING_REQUESTS: '2' });
});
afterAll(async () => running.stop());

const as = (name: string): Turn => ({ actor: person(name), platform: 'web' });
const say = async (name: string, text: string) => replyText(await handleMessage(running.gate, as(name), text));

/** What the directory and store hold, to prove a refusal changed nothing. */
async function snapshot() {
  const groups = await running.gate.directory.listGroups();
  const members = await Promise.all(groups.map(async (g) => [g.displayName, await running.gate.directory.listMembers(g.id)] as const));
  return { members, requests: await running.gate.store.list('join-request:') };
}

describe('join refusals, as the requester reads them', () => {
  it.each([
    ['closed', 'Rowan Pike', 'join Board Room', /Board Room doesn't take join requests: its owners add members themselves\. Ask Priya Raman to add you\./],
    ['synced from AD DS', 'Rowan Pike', 'join Finance Vault', /Finance Vault is managed in your on-premises Active Directory, so it can't be changed here\. Ask your IT service desk\./],
    ['distribution list', 'Felix Wagner', 'join All Staff Announcements', /All Staff Announcements is a distribution list managed in Exchange; ask your IT service desk or use Outlook\./],
    ['mail-enabled security group', 'Rowan Pike', 'join payroll-approvers', /Payroll Approvers is a mail-enabled security group managed in Exchange/],
    ['role-assignable', 'Rowan Pike', 'join Helpdesk Admins', /Helpdesk Admins can grant admin roles/],
    ['dynamic', 'Rowan Pike', 'join Research New Zealand', /Research New Zealand fills itself from a rule, so nobody can be added by hand\./],
    ['already a member', 'Mere Tane', 'join Atlas Project', /You're already a member of Atlas Project\./],
    ['reason required', 'Rowan Pike', 'join Marketing Team', /Marketing Team's owners ask for a reason\. Try: join Marketing Team because …/],
    ['group not found', 'Rowan Pike', 'join atlas projet', /I couldn't find a group called "atlas projet"\. Did you mean Atlas Project\?/],
  ])('%s: says why, and changes nothing', async (_, who, text, words) => {
    const before = await snapshot();
    expect(await say(who, text)).toMatch(words);
    expect(await snapshot()).toEqual(before);
  });

  it('already pending: names the request and when it was made', async () => {
    const first = await say('Ada Ito', 'join Atlas Project because I analyse its data');
    const id = /Your request is (R-\w+)/.exec(first)![1];
    expect(await say('Ada Ito', 'join atlas-project')).toMatch(new RegExp(`You already asked to join Atlas Project \\(${id}, waiting since \\d\\d:\\d\\d UTC\\)\\.`));
  });

  it('too many pending: asks the requester to cancel one or wait', async () => {
    await say('Ben Ortiz', 'join Atlas Project');
    await say('Ben Ortiz', 'join Design Reviews');
    const before = await snapshot();
    expect(await say('Ben Ortiz', 'join Visio Users')).toMatch(/You have 2 requests waiting\. Cancel one or wait for a decision before asking again\./);
    expect(await snapshot()).toEqual(before);
  });

  it('no owners: routes the request to the admins instead of refusing', async () => {
    expect(await say('Leo Murphy', 'leave Orphaned Wiki')).toMatch(/You've left Orphaned Wiki/);
    expect(await say('Leo Murphy', 'join Orphaned Wiki')).toMatch(/Orphaned Wiki has no owners, so I've asked the admins \(Alex Morgan and Jordan Blake\)/);
  });

  it('joins an open group at once', async () => {
    expect(await say('Rowan Pike', 'add me to lunch club')).toMatch(/Done — you're now a member of Lunch Club\./);
    expect(await running.gate.directory.groupsOf(person('Rowan Pike').id)).toContain((await running.gate.directory.listGroups()).find((g) => g.displayName === 'Lunch Club')!.id);
  });

  it('offers a pick list when several groups match', async () => {
    const reply = await handleMessage(running.gate, as('Rowan Pike'), 'join research');
    expect(replyText(reply)).toMatch(/Several groups match "research"\. Which one do you mean\?/);
    expect(reply[0]).toMatchObject({ kind: 'message', buttons: [{ action: 'run', command: 'join Research New Zealand' }] });
  });
});

describe('leaving a group', () => {
  it.each([
    ['dynamic group', 'Mere Tane', 'leave Research New Zealand', /fills itself from a rule, so you leave it only when the rule stops matching you/],
    ['synced group', 'Dana Lee', 'leave Finance Vault', /managed in your on-premises Active Directory/],
    ['closed group', 'Grace Kim', 'leave Board Room', /Board Room is managed by its owners\. Ask Priya Raman to remove you\./],
    ['group they are not in', 'Rowan Pike', 'remove me from Visio Users', /You're not a member of Visio Users/],
  ])('is refused for a %s, with the reason', async (_, who, text, words) => {
    const before = await snapshot();
    expect(await say(who, text)).toMatch(words);
    expect(await snapshot()).toEqual(before);
  });
});
