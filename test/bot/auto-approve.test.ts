import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { handleCardAction } from '../../bot/handle-card-action.js';
import { handleMessage } from '../../bot/handle-message.js';
import type { RunningGroupGate } from '../../bot/start-groupgate.js';
import type { Turn } from '../../bot/turn.js';
import type { CardView } from '../../cards/card-view.js';
import type { DirectoryUser } from '../../domain/model/directory-user.js';
import { RecordingChannel } from '../support/recording-channel.js';
import { replyText } from '../support/reply-text.js';
import { person, sampleGroup, sampleTenantPath } from '../support/sample-tenant.js';
import { startTestGroupGate } from '../support/start-test-groupgate.js';

// Issue 19, auto-approve conditions: `policy <group> approval unless <rule>` previews whom the rule
// lets in, saves on a click, and a matching requester then joins at once. The real GroupGate.
let running: RunningGroupGate | undefined;
afterEach(async () => running?.stop());
const as = (name: string): Turn => ({ actor: person(name), platform: 'web' });
const { users } = JSON.parse(readFileSync(sampleTenantPath, 'utf8')) as { users: DirectoryUser[] };

async function start() {
  const channel = new RecordingChannel();
  running = await startTestGroupGate();
  running.gate.messenger.addChannel(channel);
  let last: readonly CardView[] = [];
  const say = async (name: string, text: string) => {
    last = await handleMessage(running!.gate, as(name), text);
    await running!.gate.background.idle();
    return replyText(last);
  };
  /** The command a button of the last reply runs, by its title. */
  const buttonCommand = (title: string) => {
    const button = last.flatMap((c) => (c.kind === 'message' ? c.buttons ?? [] : [])).find((b) => b.title === title);
    if (button?.action !== 'run') throw new Error(`no ${title} button in: ${replyText(last)}`);
    return button.command;
  };
  /** Clicks a button, as the person: the command it carries goes through the card-action path. */
  const click = async (name: string, command: string) => {
    const result = await handleCardAction(running!.gate, as(name), { action: 'command.run', command });
    await running!.gate.background.idle();
    return replyText(result.reply);
  };
  return { gate: running.gate, channel, say, click, buttonCommand };
}

/** Who could ask to join a group (users of the tenant file who are not its members), and how many of them `matches`: counted here, apart from the rule engine. */
function expectedCounts(groupName: string, matches: (user: DirectoryUser) => boolean) {
  const members = new Set(sampleGroup(groupName).members);
  const couldAsk = users.filter((u) => !members.has(u.id));
  return { couldAsk: couldAsk.length, matched: couldAsk.filter(matches).length };
}

describe('auto-approve by a membership rule', () => {
  it('previews whom the rule lets in, saves on Save, and then a requester who matches joins at once while others ask the approvers', async () => {
    const { gate, channel, say, click, buttonCommand } = await start();
    const research = expectedCounts('Atlas Project', (u) => u.department?.toLowerCase() === 'research');
    expect(research.matched).toBeGreaterThan(0);
    const preview = await say('Ines Duarte', 'policy Atlas Project approval unless user.department -eq "Research"');
    expect(preview).toMatch(/Auto-approve for Atlas Project\?/);
    expect(preview).toContain(`Of ${research.couldAsk} people who could ask, ${research.matched} would be auto-approved.`);
    expect(preview).toMatch(/Nothing changes until you save/);
    const save = buttonCommand('Save');
    expect(save).toMatch(/^policy Atlas Project auto-approve save A-[0-9A-Z]{4}$/);
    // Nothing is saved by the preview alone.
    expect(await say('Tomas Berg', 'policy Atlas Project')).toMatch(/Nobody is auto-approved/);

    expect(await click('Ines Duarte', save)).toMatch(/Saved — whoever matches user\.department -eq "Research" now joins Atlas Project at once/);
    expect(await click('Tomas Berg', save)).toMatch(/That preview was already saved/);
    expect(await say('Tomas Berg', 'policy Atlas Project')).toMatch(/Requesters matching user\.department -eq "Research" join at once, auto-approved/);

    const rowan = person('Rowan Pike');
    expect(await say('Rowan Pike', 'join Atlas Project')).toBe(`Done — you're now a member of Atlas Project (you match its auto-approve rule: user.department -eq "Research").`);
    expect(await gate.directory.isMember(sampleGroup('Atlas Project').id as never, rowan.id)).toBe(true);
    expect(channel.to(person('Ines Duarte').id)).toEqual([]);
    const { entries } = await gate.audit.query({ where: (e) => e.action === 'request.autoApproved' });
    expect(entries).toMatchObject([{ actorName: 'Rowan Pike', subjectName: 'Rowan Pike', groupName: 'Atlas Project', platform: 'web', details: { rule: 'user.department -eq "Research"' } }]);

    // Dana (Finance) doesn't match: her request goes to the owners as before.
    expect(await say('Dana Lee', 'join Atlas Project because I plan it')).toMatch(/I've asked the 2 owners of Atlas Project/);
    expect(channel.to(person('Ines Duarte').id).map((c) => c.kind)).toEqual(['approval']);

    expect(await say('Tomas Berg', 'policy Atlas Project auto-approve off')).toMatch(/Auto-approve is off for Atlas Project/);
    expect(await say('Liam Walker', 'join Atlas Project because research')).toMatch(/I've asked the 2 owners of Atlas Project/);
    expect(await say('Ines Duarte', 'audit Atlas Project')).toMatch(/joined, auto-approved by rule/);
  });

  it('points at a mistake in the rule with the words a rule preview uses', async () => {
    const { say } = await start();
    const typo = 'user.department -equals "Research"';
    const reply = await say('Ines Duarte', `policy Atlas Project approval unless ${typo}`);
    expect(reply).toBe(await say('Jordan Blake', `preview rule ${typo}`));
    expect(reply).toMatch(/That rule doesn't parse[\s\S]*\^{7}[\s\S]*-eq/);
    expect(await say('Ines Duarte', 'policy Atlas Project')).toMatch(/Nobody is auto-approved/);
  });

  it('counts a rule reading another attribute the same way: the sample tenant, counted apart', async () => {
    const { say } = await start();
    const nz = expectedCounts('Atlas Project', (u) => u.country === 'NZ' && u.userType === 'Member');
    expect(await say('Tomas Berg', 'policy Atlas Project auto-approve if (user.country -eq "NZ") -and (user.userType -eq "Member")')).toContain(`Of ${nz.couldAsk} people who could ask, ${nz.matched} would be auto-approved.`);
  });

  it('never sets it for a role-assignable group, nor for a dynamic one, nor lets a non-owner set it', async () => {
    const { say } = await start();
    expect(await say('Alex Morgan', 'policy Helpdesk Admins approval unless user.department -eq "IT"')).toMatch(/Helpdesk Admins can be assigned to directory roles, so GroupGate never adds anyone to it by a rule/);
    expect(await say('Alex Morgan', 'policy Helpdesk Admins')).not.toMatch(/auto-approve/i);
    expect(await say('Grace Kim', 'policy Sales US auto-approve if user.department -eq "Sales"')).toMatch(/members aren't managed by requests/);
    expect(await say('Rowan Pike', 'policy Atlas Project approval unless user.department -eq "Research"')).toMatch(/Only the owners of Atlas Project or an admin can change its policy/);
  });

  it('saves nothing on Cancel, nor a preview someone else overtook, nor for a group that is not of approval', async () => {
    const { say, click, buttonCommand } = await start();
    await say('Ines Duarte', 'policy Atlas Project approval unless user.department -eq "Research"');
    const [save, cancel] = [buttonCommand('Save'), buttonCommand('Cancel')];
    expect(await click('Ines Duarte', cancel)).toMatch(/Cancelled — Atlas Project's auto-approve is as it was/);
    expect(await click('Ines Duarte', save)).toMatch(/already cancelled/);

    await say('Ines Duarte', 'policy Atlas Project approval unless user.department -eq "Research"');
    const inesSave = buttonCommand('Save');
    await say('Tomas Berg', 'policy Atlas Project approval unless user.country -eq "SE"');
    expect(await click('Tomas Berg', buttonCommand('Save'))).toMatch(/Saved/);
    expect(await click('Ines Duarte', inesSave)).toMatch(/Someone changed Atlas Project's auto-approve rule after this preview, so I didn't save it/);
    expect(await say('Tomas Berg', 'policy Atlas Project')).toMatch(/Requesters matching user\.country -eq "SE"/);
    expect(await say('Ines Duarte', 'policy Atlas Project auto-approve save A-ZZZZ')).toMatch(/expired or isn't one of mine/);

    expect(await say('Jordan Blake', 'policy Lunch Club approval unless user.department -eq "Research"')).toMatch(/Lunch Club is open, so nobody waits for an approval there/);
  });
});
