import { mkdtempSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededRandom, syntheticUsers } from '../../bench/synthetic-directory.js';
import { handleMessage } from '../../bot/handle-message.js';
import { runWithinBudget } from '../../bot/membership-rules/run-in-slices.js';
import type { RunningGroupGate } from '../../bot/start-groupgate.js';
import type { DirectoryUser } from '../../domain/model/directory-user.js';
import { replyText } from '../support/reply-text.js';
import { expectNothingChanged, snapshotState } from '../support/state-snapshot.js';
import { startTestGroupGate } from '../support/start-test-groupgate.js';

// Issue 22: one -match clause over a 20,000-user tenant must not stall the bot. A pattern that would be slow is
// refused when the rule is read; one that is allowed but slow on long values stops at the preview budget.
const userCount = 20_000;
const pathological = 'user.extensionAttribute1 -match "(a?){1000}a{1000}"';
// Allowed (65 steps, {60}), but ~0.3 ms on each 1,000-character value of a and b: seconds over every user.
const slowButAllowed = 'user.extensionAttribute1 -match ".*a.{60}"';

let running: RunningGroupGate;
let admin: DirectoryUser;

/** Every user with a long extensionAttribute1 of a and b; the first is a Global Administrator; two dynamic groups hold the rules above. */
function writeTenant(): string {
  const random = seededRandom(22);
  const longValue = () => Array.from({ length: 1_000 }, () => (random() < 0.5 ? 'a' : 'b')).join('');
  const users = syntheticUsers(userCount).map((user, i): Record<string, unknown> => ({
    ...user,
    onPremisesExtensionAttributes: { extensionAttribute1: longValue(), extensionAttribute2: null },
    ...(i === 0 ? { accountEnabled: true, roles: ['Global Administrator'] } : {}),
  }));
  admin = users[0] as unknown as DirectoryUser;
  const dynamic = (id: string, displayName: string, membershipRule: string) => ({
    id, displayName, groupTypes: ['DynamicMembership'], membershipRule, membershipRuleProcessingState: 'Paused',
    mailEnabled: false, securityEnabled: true, owners: [admin.id], members: [users[1]!['id']],
  });
  const groups = [dynamic('g-pathological', 'Pathological Crew', pathological), dynamic('g-slow', 'Slow Crew', slowButAllowed)];
  const path = join(mkdtempSync(join(tmpdir(), 'groupgate-budget-')), 'tenant.json');
  writeFileSync(path, JSON.stringify({ users, groups }));
  return path;
}

const say = async (text: string) => replyText(await handleMessage(running.gate, { actor: admin, platform: 'web' }, text));

// A fresh connection per poll: a kept-alive one that the server closed while idle between tests reads ECONNRESET.
const healthz = () =>
  new Promise<number>((resolve, reject) => {
    get(`${running.url}/healthz`, { agent: false }, (answer) => answer.resume().on('end', () => resolve(answer.statusCode ?? 0))).on('error', reject);
  });

/** Runs `work` while /healthz is asked again and again, one at a time: its result, the statuses, and how many answered before it ended. */
async function whilePolling<T>(work: () => Promise<T>): Promise<{ result: T; statuses: Set<number>; answeredDuring: number }> {
  const statuses = new Set<number>();
  let done = false;
  let answeredDuring = 0;
  const poller = (async () => {
    while (!done) {
      statuses.add(await healthz());
      if (!done) answeredDuring++;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  })();
  const result = await work().finally(() => (done = true));
  await poller;
  return { result, statuses, answeredDuring };
}

beforeAll(async () => {
  running = await startTestGroupGate({ DIRECTORY_SEED: writeTenant(), PREVIEW_TIME_BUDGET: '0.3s' });
  // The first preview since start reads the directory and builds the snapshot: not what is looked at here.
  await say('preview rule user.department -eq "Sales"');
}, 120_000);
afterAll(async () => running?.stop());

describe(`a -match rule over ${userCount.toLocaleString('en')} users with long values (issue 22)`, () => {
  it.each([
    ['a preview of the rule', `preview rule ${pathological}`],
    ["a preview of a group's stored rule", 'preview rule for Pathological Crew'],
    ['an explanation of it for one person', 'check me against Pathological Crew'],
  ])('refuses (a?){1000}a{1000} in %s, pointing at {1000}, and changes nothing', async (_, text) => {
    const before = await snapshotState(running.gate);
    const { result, statuses } = await whilePolling(() => say(text));
    expect(result).toContain('repeats {1000}: 1,000 times, over the 100 GroupGate runs');
    expect(result).toContain('user.extensionAttribute1 -match "(a?){1000}a{1000}"\n                                     ^^^^^^');
    expect(statuses).toEqual(new Set([200]));
    await expectNothingChanged(running.gate, before);
  }, 60_000);

  it.each([
    ['a preview of the rule', `preview rule ${slowButAllowed}`],
    ["a preview of a group's stored rule", 'preview rule for Slow Crew'],
  ])('stops %s at the budget and says how far it got, while /healthz keeps answering, and changes nothing', async (_, text) => {
    const before = await snapshotState(running.gate);
    const { result, statuses, answeredDuring } = await whilePolling(() => say(text));
    expect(result).toMatch(/I stopped after \d[\d,.]* ms, having checked [\d,]+ of 20,000 users/);
    expect(statuses).toEqual(new Set([200]));
    expect(answeredDuring).toBeGreaterThan(2);
    await expectNothingChanged(running.gate, before);
  }, 60_000);
});

describe('work with no partial answer (a rule suggestion)', () => {
  it('is given up once it has worked its budget', async () => {
    function* endless(): Generator<void, string, boolean | undefined> {
      for (;;) yield;
    }
    expect(await runWithinBudget(endless, 20)).toEqual({ done: false });
  });
});
