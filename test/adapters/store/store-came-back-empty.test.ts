import { createClient } from '@keyv/redis';
import { afterEach, describe, expect, it } from 'vitest';
import { handleMessage } from '../../../bot/handle-message.js';
import type { RunningGroupGate } from '../../../bot/start-groupgate.js';
import { replyText } from '../../support/reply-text.js';
import { person } from '../../support/sample-tenant.js';
import { startTestGroupGate } from '../../support/start-test-groupgate.js';
import { eventually } from './groupgate-process.js';
import { PrivateRedis, privateRedisMissing } from './private-redis.js';

// Issue 22: a Redis that restarts without its data (no persistence, a FLUSHALL, a failover to an
// empty replica) left every instance at "directory not loaded" until someone restarted it.

if (privateRedisMissing) console.warn(`[skipped] a store that comes back empty: ${privateRedisMissing}`);

let redis: PrivateRedis | undefined;
let running: RunningGroupGate | undefined;
afterEach(async () => {
  await running?.stop();
  await redis?.stop();
});

describe.skipIf(privateRedisMissing !== undefined)('a store that comes back empty', () => {
  it('gets the embedded tenant again by itself: ready again, and people find their groups, without a restart', async () => {
    redis = await PrivateRedis.start('everysec');
    running = await startTestGroupGate({ STORE_URL: redis.url, SWEEP_INTERVAL: '1s' });
    const say = async (text: string) => replyText(await handleMessage(running!.gate, { actor: person('Rowan Pike'), platform: 'web' }, text));
    const readyz = async () => (await fetch(`${running!.url}/readyz`)).status;
    expect(await say('groups atlas')).toMatch(/Atlas Project/);
    expect(await readyz()).toBe(200);

    const client = createClient({ url: redis.url });
    await client.connect();
    await client.flushAll();
    await client.quit();
    expect(await running.gate.directory.ready()).toBe(false);

    await eventually('the tenant to be seeded again', async () => (await readyz()) === 200, 15_000);
    expect(await say('groups atlas')).toMatch(/Atlas Project/);
    expect(await running.gate.directory.listMembers((await running.gate.directory.findGroupsByName('atlas project'))[0]!.id)).toContain(person('Mere Tane').id);
  });
});
