import { afterEach, describe, expect, it } from 'vitest';
import { syntheticUsers } from '../../bench/synthetic-directory.js';
import { rateLimitKeyPrefix } from '../../bot/limits/rate-limiter.js';
import { listJoinRequests } from '../../domain/join-requests/join-request-records.js';
import { tenantFile } from '../adapters/slack/slack-test-gate.js';
import { ManualClock } from '../support/manual-clock.js';
import { person } from '../support/sample-tenant.js';
import { expectNothingChanged } from '../support/state-snapshot.js';
import { tempSqliteUrl } from '../support/temp-store-url.js';
import { AttackBed, rowanAsksToJoinAtlas, stackTraceSigns } from './attack-bed.js';

const tooManyCommands = "You've sent a lot of commands; please wait a minute.";
const beds: AttackBed[] = [];
afterEach(async () => {
  for (const bed of beds.splice(0)) await bed.stop();
});

/** A GroupGate with all surfaces, these limits, and a clock the test moves. */
async function bedWith(env: Record<string, string>, clock = new ManualClock()): Promise<AttackBed> {
  const bed = await new AttackBed().start(env, { clock });
  beds.push(bed);
  return bed;
}

const bucket = (bed: AttackBed, kind: string, name: string) => bed.gate.store.get(`${rateLimitKeyPrefix}${kind}:${person(name).id}`);

describe('rate limits: commands', () => {
  it('refuses a person’s commands past the per-minute allowance on every surface, in words, and changes nothing', async () => {
    const bed = await bedWith({ RATE_LIMIT_COMMANDS_PER_MINUTE: '3' });
    // One allowance per person, whichever surface they use.
    expect((await bed.webSays('Rowan Pike', 'help')).text).not.toContain(tooManyCommands);
    expect(await bed.teamsSays('Rowan Pike', 'groups')).not.toContain(tooManyCommands);
    expect(await bed.slackSays('U0ROWAN', 'my requests')).not.toContain(tooManyCommands);
    const before = await bed.snapshot();
    const counted = await bucket(bed, 'command', 'Rowan Pike');

    for (const answer of [
      (await bed.webSays('Rowan Pike', 'join Atlas Project because I moved teams')).text,
      await bed.teamsSays('Rowan Pike', 'join Atlas Project'),
      await bed.slackSays('U0ROWAN', 'join Atlas Project'),
      (await bed.teamsClicks('Rowan Pike', 'command.run', { command: 'join Atlas Project' })).text,
      await bed.slackClicks('U0ROWAN', { action_id: 'command.run:0', value: JSON.stringify({ command: 'join Atlas Project' }) }),
    ]) {
      expect(answer).toContain(tooManyCommands);
      expect(answer).not.toMatch(stackTraceSigns);
    }

    await expectNothingChanged(bed.gate, before);
    expect(await listJoinRequests(bed.gate.store)).toEqual([]);
    // A refusal takes nothing: the allowance is exactly as the last allowed command left it.
    expect(await bucket(bed, 'command', 'Rowan Pike')).toEqual(counted);
    // Someone else is not held up by Rowan.
    expect((await bed.webSays('Dana Lee', 'help')).text).not.toContain(tooManyCommands);
  });

  it('gives the allowance back as time passes', async () => {
    const clock = new ManualClock();
    const bed = await bedWith({ RATE_LIMIT_COMMANDS_PER_MINUTE: '3' }, clock);
    for (let i = 0; i < 3; i++) await bed.webSays('Rowan Pike', 'help');
    expect((await bed.webSays('Rowan Pike', 'help')).text).toContain(tooManyCommands);
    clock.advance(20_000); // 3 a minute: one comes back every 20 seconds
    expect((await bed.webSays('Rowan Pike', 'help')).text).not.toContain(tooManyCommands);
    expect((await bed.webSays('Rowan Pike', 'help')).text).toContain(tooManyCommands);
  });

  it('counts a button that runs a command as that command, and leaves decisions on requests to their own checks', async () => {
    const bed = await bedWith({ RATE_LIMIT_COMMANDS_PER_MINUTE: '2' });
    const requestId = await rowanAsksToJoinAtlas(bed); // Rowan's first
    expect((await bed.teamsClicks('Rowan Pike', 'command.run', { command: 'help' })).text).not.toContain(tooManyCommands);
    expect((await bed.teamsClicks('Rowan Pike', 'command.run', { command: 'help' })).text).toContain(tooManyCommands);
    // An owner who used up her commands can still decide: each decision acts on one request, once.
    await bed.webSays('Ines Duarte', 'pending');
    await bed.webSays('Ines Duarte', 'pending');
    expect((await bed.webSays('Ines Duarte', 'pending')).text).toContain(tooManyCommands);
    expect((await bed.teamsClicks('Ines Duarte', 'join-request.approve', { requestId })).text).toMatch(/Approved by Ines Duarte/);
  });

  it('holds across instances sharing one store', async () => {
    const store = tempSqliteUrl();
    const one = await bedWith({ RATE_LIMIT_COMMANDS_PER_MINUTE: '3', STORE_URL: store });
    const two = await bedWith({ RATE_LIMIT_COMMANDS_PER_MINUTE: '3', STORE_URL: store });
    await one.webSays('Rowan Pike', 'help');
    await two.webSays('Rowan Pike', 'help');
    await one.webSays('Rowan Pike', 'help');
    const before = await two.snapshot();
    expect((await two.webSays('Rowan Pike', 'join Atlas Project')).text).toContain(tooManyCommands);
    expect((await one.webSays('Rowan Pike', 'join Atlas Project')).text).toContain(tooManyCommands);
    await expectNothingChanged(two.gate, before);
  });
});

describe('rate limits: join requests', () => {
  it('stops a requester flooding owners with requests, even by cancelling and asking again, and nothing reaches the owners', async () => {
    const clock = new ManualClock();
    const bed = await bedWith({ RATE_LIMIT_JOIN_REQUESTS_PER_HOUR: '2' }, clock);
    const atlas = await rowanAsksToJoinAtlas(bed);
    await bed.webSays('Rowan Pike', `cancel ${atlas}`);
    expect((await bed.webSays('Rowan Pike', 'join Atlas Project because I need it after all')).text).toMatch(/I've asked the 2 owners of Atlas Project/);
    const before = await bed.snapshot();
    const dmsBefore = bed.slack.of('chat.postMessage').length;

    const refused = (await bed.webSays('Rowan Pike', 'join Visio Users because I draw diagrams')).text;
    expect(refused).toBe("You've asked to join a lot of groups lately, so I didn't send this one to the owners. Please wait 30 minutes and ask again.");
    expect(await bed.slackSays('U0ROWAN', 'join Data Science Lab')).toMatch(/so I didn't send this one to the owners/);

    await expectNothingChanged(bed.gate, before);
    expect(bed.slack.of('chat.postMessage').length).toBe(dmsBefore); // no owner heard of it
    clock.advance(30 * 60_000);
    expect((await bed.webSays('Rowan Pike', 'join Visio Users because I draw diagrams')).text).toMatch(/I've asked the owner of Visio Users/);
  });
});

describe('rate limits: rule previews', () => {
  it('refuses previews, checks and proposals past the per-minute allowance, and changes nothing', async () => {
    const bed = await bedWith({ RATE_LIMIT_PREVIEWS_PER_MINUTE: '2' });
    expect((await bed.webSays('Ines Duarte', 'preview rule (user.department -eq "Research")')).text).toMatch(/Matches \d+ of \d+ users/);
    expect((await bed.webSays('Ines Duarte', 'check Rowan Pike against Research New Zealand')).text).toMatch(/Rowan Pike/);
    const before = await bed.snapshot();
    for (const typed of ['preview rule (user.country -eq "NZ")', 'check Dana Lee against Research New Zealand', 'propose rule for Research New Zealand: (user.department -eq "Research")']) {
      expect((await bed.webSays('Ines Duarte', typed)).text, typed).toBe("You've run a lot of rule previews; please wait a minute before the next one.");
    }
    // Other commands still work: the preview allowance is its own.
    expect((await bed.webSays('Ines Duarte', 'groups')).text).not.toMatch(/a lot of/);
    await expectNothingChanged(bed.gate, before);
  });

  it('stops a preview over a large directory at its time budget, says how far it got, and leaves the license impact out', async () => {
    const seed = tenantFile((tenant) => tenant.users.push(...syntheticUsers(3_000)));
    const bed = await bedWith({ DIRECTORY_SEED: seed, PREVIEW_TIME_BUDGET: '0.001s' });
    const clause = '(user.department -eq "Sales")';
    const heavy = Array.from({ length: 70 }, (_, i) => clause.replace('Sales', `Sales${i}`)).join(' -or ');
    const before = await bed.snapshot();
    const { text } = await bed.webSays('Alex Morgan', `preview rule ${heavy}`);
    expect(text).toMatch(/Matches [\d,]+ of the first [\d,]+ of 3,044 users · stopped after [\d.,]+ ms/);
    expect(text).toMatch(/I stopped after [\d.,]+ ms, having checked [\d,]+ of 3,044 users, so these counts cover only those\./);
    await expectNothingChanged(bed.gate, before);
  });
});
