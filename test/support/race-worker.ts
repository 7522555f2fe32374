/**
 * A separate process that decides join requests on a shared store, for the cross-process race
 * tests. It says it is ready, waits for a line on stdin so that two workers click at the same moment, then prints one JSON
 * line per request: who won (or was counted), who lost, and every membership change it made.
 */
import { readFileSync } from 'node:fs';
import { EmbeddedDirectory } from '../../adapters/directory/embedded/embedded-directory.js';
import { createStore } from '../../adapters/store/create-store.js';
import { decideOnJoinRequest } from '../../domain/join-requests/decide-on-join-request.js';
import type { JoinRequestPorts } from '../../domain/join-requests/join-request-ports.js';
import { joinRequestId, userId } from '../../domain/model/ids.js';
import { systemClock } from '../../domain/ports/clock.js';

const env = (name: string) => {
  const value = process.env[name];
  if (!value) throw new Error(`race worker: ${name} is not set`);
  return value;
};

const store = await createStore(env('STORE_URL'));
const directory = await EmbeddedDirectory.open(store, env('SEED'));
const requestIds = (JSON.parse(readFileSync(env('REQUEST_IDS'), 'utf8')) as string[]).map(joinRequestId);
const verdict = env('VERDICT') === 'approve' ? 'approve' : 'deny';
const concurrency = Number(process.env['CONCURRENCY'] ?? '8');

// Follow-up work the decisions started; the store stays open until it is done.
const deferred: Array<Promise<unknown>> = [];
const ports: JoinRequestPorts = {
  store, directory, clock: systemClock, random: Math.random,
  notifier: { notify: async () => ({ unreachable: [] }) },
  timing: { remindAfterMs: 86_400_000, expireAfterMs: 604_800_000 },
  maxPendingPerRequester: 1_000,
  membershipListeners: [async (event) => void console.log(JSON.stringify({ membershipChanged: event.groupId, userId: event.userId }))],
  defer: (task) => void deferred.push(task()),
};

// Ready: wait for the word on stdin, which both workers get at the same moment however long each took to start.
console.log(JSON.stringify({ ready: true }));
await new Promise((resolve) => process.stdin.once('data', resolve));
process.stdin.destroy();
let next = 0;
await Promise.all(
  Array.from({ length: concurrency }, async () => {
    while (next < requestIds.length) {
      const requestId = requestIds[next++]!;
      const outcome = await decideOnJoinRequest(ports, { requestId, deciderId: userId(env('DECIDER_ID')), verdict });
      // `status`: what a recorded click left (approved, denied, or pending when it counted towards a quorum).
      console.log(JSON.stringify({ requestId, won: outcome.ok, status: outcome.ok ? outcome.value.status : undefined, reason: outcome.ok ? undefined : outcome.error.reason }));
    }
  }),
);
await Promise.allSettled(deferred);
await store.close();
