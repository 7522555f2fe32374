// The Graph stand-in in a process of its own, serving a synthetic tenant, so that building and serving
// 100k users does not share the bot's event loop. Driven over IPC by stand-in-client.ts; exits when
// its parent goes away, so a crashed benchmark leaves nothing running.
import { GraphStandIn } from '../../test/adapters/directory/graph/graph-stand-in.js';
import { syntheticTenant, tenChanges, tenantSizes } from './synthetic-tenant.js';
import type { StandInAnswer, StandInAsk } from './stand-in-protocol.js';

const [sizeName, requesters] = process.argv.slice(2);
const size = tenantSizes.find((s) => s.name === sizeName);
if (!size || !process.send) throw new Error(`usage: run with an IPC channel and a size (${tenantSizes.map((s) => s.name).join(', ')})`);
const reply = (answer: StandInAnswer) => process.send!(answer);

const built = performance.now();
const { tenant, cast } = syntheticTenant(size, Number(requesters));
const buildMs = performance.now() - built;
const stand = await new GraphStandIn(tenant).start();
let rounds = 0;

process.on('disconnect', () => void stand.stop().finally(() => process.exit(0)));
process.on('message', (ask: StandInAsk) => {
  if (ask.type === 'calls') {
    const seen = stand.requests.filter((r) => r.at >= ask.from && r.at <= ask.to);
    const byPath: Record<string, number> = {};
    // GUIDs folded, so the breakdown reads "/groups/{id}/owners 20" rather than twenty lines; reads
    // inside a $batch are listed, but only the batch counts as a call.
    for (const r of seen) {
      const key = `${r.method} ${r.path.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, '{id}')}${r.inBatch ? ' (in a $batch)' : ''}`;
      byPath[key] = (byPath[key] ?? 0) + 1;
    }
    return reply({ id: ask.id, type: 'calls', count: seen.filter((r) => !r.inBatch).length, byPath });
  }
  if (ask.type === 'change') {
    tenChanges(tenant, ++rounds);
    return reply({ id: ask.id, type: 'changed' });
  }
  if (ask.type === 'stop') void stand.stop().then(() => reply({ id: ask.id, type: 'stopped' })).finally(() => process.exit(0));
});
reply({ id: 0, type: 'ready', env: stand.env(), cast, buildMs, rssMb: Math.round(process.memoryUsage().rss / 1e6) });
