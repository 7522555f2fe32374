// Benchmark of the Redis listing index: how long listing 1,000 join requests takes as unrelated keys
// (audit entries, directory copies) pile up around them. Before the index, a list was a SCAN of the
// whole keyspace and grew with it (16 ms at 10k keys, 84 ms at 100k, 1,015 ms at 1M).
import { createClient } from '@keyv/redis';
import { createStore } from '../adapters/store/create-store.js';
import { PrivateRedis, privateRedisMissing } from '../test/adapters/store/private-redis.js';

const requests = 1_000;
const sizes = [10_000, 100_000, 1_000_000];

export default async function main(): Promise<void> {
  if (privateRedisMissing) return void console.log(`skipped: ${privateRedisMissing}`);
  const redis = await PrivateRedis.start('everysec');
  const namespace = 'bench';
  const client = createClient({ url: redis.url });
  await client.connect();
  const store = await createStore(`${redis.url}?namespace=${namespace}`);
  try {
    for (let i = 0; i < requests; i++) await store.put(`join-request:R-${i}`, { id: `R-${i}`, status: i % 10 ? 'approved' : 'pending' });
    console.log(`| other keys in the namespace | list('join-request:') of ${requests.toLocaleString('en-US')} requests (median of 5) |`);
    console.log('|---:|---:|');
    let written = 0;
    for (const size of sizes) {
      // Unrelated keys written straight into Redis (indexing them through the store would only take longer to set up).
      while (written < size) {
        const batch: string[] = [];
        for (let j = 0; j < 10_000 && written < size; j++, written++) batch.push(`${namespace}:audit:entry:${written}`, '{"value":{"action":"request.created"}}');
        await client.mSet(batch);
      }
      const times: number[] = [];
      for (let run = 0; run < 5; run++) {
        const started = performance.now();
        const listed = await store.list('join-request:');
        times.push(performance.now() - started);
        if (listed.length !== requests) throw new Error(`listed ${listed.length} requests, expected ${requests}`);
      }
      times.sort((a, b) => a - b);
      console.log(`| ${size.toLocaleString('en-US')} | ${times[2]!.toFixed(1)} ms |`);
    }
  } finally {
    await store.close();
    await client.quit();
    await redis.stop();
  }
}
