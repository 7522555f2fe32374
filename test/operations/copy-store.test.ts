import { spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { handleMessage } from '../../bot/handle-message.js';
import type { RunningGroupGate } from '../../bot/start-groupgate.js';
import { sweepMembershipEnds } from '../../domain/time-bound-membership/sweep-membership-ends.js';
import { PrivateRedis, privateRedisMissing } from '../adapters/store/private-redis.js';
import { hours, ManualClock } from '../support/manual-clock.js';
import { RecordingChannel } from '../support/recording-channel.js';
import { replyText } from '../support/reply-text.js';
import { person } from '../support/sample-tenant.js';
import { startTestGroupGate } from '../support/start-test-groupgate.js';
import { tempSqliteUrl } from '../support/temp-store-url.js';

/** `npm run store:copy -- --from … --to …`, as an operator runs it. */
function copyStore(from: string, to: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/store/copy-store.ts', '--from', from, '--to', to], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk));
  return new Promise<{ output: string; code: number | null }>((resolve) => child.on('exit', (code) => resolve({ output, code })));
}

const stops: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const stop of stops.splice(0).reverse()) await stop();
});

if (privateRedisMissing) console.warn(`[skipped] moving from SQLite to Redis: ${privateRedisMissing}`);

describe.skipIf(privateRedisMissing !== undefined)('moving from SQLite to Redis (npm run store:copy)', () => {
  it('carries pending requests, time-bound memberships and the audit trail over, and refuses to copy into a store in use', async () => {
    const redis = await PrivateRedis.start();
    stops.push(() => redis.stop());
    const sqlite = tempSqliteUrl();
    const clock = new ManualClock();
    const before: RunningGroupGate = await startTestGroupGate({ STORE_URL: sqlite }, { clock });
    const say = async (running: RunningGroupGate, name: string, text: string) => replyText(await handleMessage(running.gate, { actor: person(name), platform: 'web' }, text));
    expect(await say(before, 'Rowan Pike', 'join Atlas Project because I moved teams')).toMatch(/I've asked the 2 owners/);
    expect(await say(before, 'Rowan Pike', 'join Lunch Club for 8h')).toMatch(/until 17:00 UTC today/);
    await before.stop();

    const copied = await copyStore(sqlite, redis.url);
    expect(copied.code).toBe(0);
    expect(copied.output).toMatch(/^copied \d+ entries and [1-9]\d* sets \(members, owners\); left out \d+ short-lived ones/);

    const channel = new RecordingChannel();
    const after = await startTestGroupGate({ STORE_URL: redis.url }, { clock, channels: [channel] });
    stops.push(() => after.stop());
    expect(await say(after, 'Rowan Pike', 'my requests')).toMatch(/Atlas Project/);
    expect(await say(after, 'Ines Duarte', 'audit Atlas Project')).toMatch(/Rowan Pike asked to join/);
    clock.advance(hours(9));
    expect(await sweepMembershipEnds(after.gate.requests, 0)).toMatchObject({ ended: 1 });
    await after.gate.background.idle();
    expect(replyText(channel.to(person('Rowan Pike').id))).toContain('Your 8 hours in Lunch Club ended');

    const again = await copyStore(sqlite, redis.url);
    expect(again.code).toBe(1);
    expect(again.output).toContain('the target store already holds data; copy into an empty one');
  });
});
