import { createClient } from '@keyv/redis';
import { afterEach, describe, expect, it } from 'vitest';
import { handleMessage } from '../../../bot/handle-message.js';
import type { RunningGroupGate } from '../../../bot/start-groupgate.js';
import { GraphStandIn } from '../directory/graph/graph-stand-in.js';
import { StandInTenant } from '../directory/graph/stand-in-tenant.js';
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
let stand: GraphStandIn | undefined;
afterEach(async () => {
  await running?.stop();
  await stand?.stop();
  await redis?.stop();
  running = stand = redis = undefined;
});

async function flush(url: string): Promise<void> {
  const client = createClient({ url });
  await client.connect();
  await client.flushAll();
  await client.quit();
}

describe.skipIf(privateRedisMissing !== undefined)('a store that comes back empty', () => {
  it('gets the embedded tenant again by itself: ready again, and people find their groups, without a restart', async () => {
    redis = await PrivateRedis.start('everysec');
    running = await startTestGroupGate({ STORE_URL: redis.url, SWEEP_INTERVAL: '1s' });
    const say = async (text: string) => replyText(await handleMessage(running!.gate, { actor: person('Rowan Pike'), platform: 'web' }, text));
    const readyz = async () => (await fetch(`${running!.url}/readyz`)).status;
    expect(await say('groups atlas')).toMatch(/Atlas Project/);
    expect(await readyz()).toBe(200);

    await flush(redis.url);
    expect(await running.gate.directory.ready()).toBe(false);

    await eventually('the tenant to be seeded again', async () => (await readyz()) === 200, 15_000);
    expect(await say('groups atlas')).toMatch(/Atlas Project/);
    expect(await running.gate.directory.listMembers((await running.gate.directory.findGroupsByName('atlas project'))[0]!.id)).toContain(person('Mere Tane').id);
  });

  it('loads a Graph copy again at the next sync round, not ready until then', async () => {
    redis = await PrivateRedis.start('everysec');
    stand = await new GraphStandIn(StandInTenant.sample()).start();
    running = await startTestGroupGate({ ...stand.env(), STORE_URL: redis.url, GRAPH_SYNC_INTERVAL: '1s' });
    await running.loaded;
    const readyz = async () => (await fetch(`${running!.url}/readyz`)).status;
    expect(await readyz()).toBe(200);

    await flush(redis.url);
    expect(await readyz()).toBe(503);
    await eventually('the copy to be loaded again', async () => (await readyz()) === 200, 20_000);
    const atlas = (await running.gate.directory.findGroupsByName('atlas project'))[0];
    expect(atlas).toBeDefined();
    expect(await running.gate.directory.listMembers(atlas!.id)).toContain(person('Mere Tane').id);
  });
});
