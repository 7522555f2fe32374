import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedDirectory } from '../../../adapters/directory/embedded/embedded-directory.js';
import { createStore } from '../../../adapters/store/create-store.js';
import type { ApprovalStage } from '../../../domain/join-requests/approval-stage.js';
import { writeGroupSettings } from '../../../domain/join-requests/join-request-records.js';
import { requestToJoin } from '../../../domain/join-requests/request-to-join.js';
import type { JoinRequestPorts } from '../../../domain/join-requests/join-request-ports.js';
import { groupId, type GroupId } from '../../../domain/model/ids.js';
import { systemClock } from '../../../domain/ports/clock.js';
import type { Store } from '../../../domain/ports/store.js';

/** A tenant with one approval group owned by two owners (or as many as `owners` names), and `requesters` people asking to join it. */
export function raceTenant(requesters: number, owners: readonly string[] = ['a', 'b']) {
  const user = (id: string, name: string) => ({ id, displayName: name, userPrincipalName: `${id}@race.example` });
  return {
    users: [...owners.map((o) => user(`owner-${o}`, `Owner ${o.toUpperCase()}`)), ...Array.from({ length: requesters }, (_, i) => user(`requester-${i}`, `Requester ${i}`))],
    groups: [{ id: 'race-group', displayName: 'Race Group', groupTypes: [], mailEnabled: false, securityEnabled: true, owners: owners.map((o) => `owner-${o}`), members: [] }],
    subscribedSkus: [],
  };
}

/**
 * Seeds the store with the race tenant and one pending request per requester; returns what the
 * workers need. `policy` gives the group its owners and approval stages (a quorum) before anyone asks.
 */
export async function prepareRace(storeUrl: string, requesters: number, policy: { readonly owners?: readonly string[]; readonly stages?: readonly ApprovalStage[] } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'groupgate-race-'));
  const seed = join(dir, 'tenant.json');
  writeFileSync(seed, JSON.stringify(raceTenant(requesters, policy.owners)));
  const store = await createStore(storeUrl);
  const directory = await EmbeddedDirectory.open(store, seed);
  if (policy.stages) await writeGroupSettings(store, groupId('race-group'), { approvalStages: policy.stages });
  const ports: JoinRequestPorts = {
    store, directory, clock: systemClock, random: Math.random, notifier: { notify: async () => ({ unreachable: [] }) },
    timing: { remindAfterMs: 86_400_000, expireAfterMs: 604_800_000 }, maxPendingPerRequester: 1_000, membershipListeners: [], defer: (task) => void task(),
  };
  const group = (await directory.getGroup(groupId('race-group')))!;
  const ids: string[] = [];
  for (let i = 0; i < requesters; i++) {
    const outcome = await requestToJoin(ports, { requester: (await directory.getUser(`requester-${i}` as never))!, group });
    if (!outcome.ok || outcome.value.kind !== 'pending') throw new Error(`could not create request ${i}`);
    ids.push(outcome.value.request.id);
  }
  const requestIdsFile = join(dir, 'requests.json');
  writeFileSync(requestIdsFile, JSON.stringify(ids));
  return { store, directory, seed, requestIdsFile, ids, groupId: group.id as GroupId };
}

/** One worker's printed lines, parsed. */
export type WorkerLine = { ready?: boolean; requestId?: string; won?: boolean; status?: string; reason?: string; membershipChanged?: string; userId?: string };

/** A race worker process: `ready` once it has opened the store, `go()` to let it click, `done` with what it printed. */
export interface Worker {
  readonly ready: Promise<void>;
  go(): void;
  readonly done: Promise<WorkerLine[]>;
}

/** Starts a race worker process; it clicks only after `go()`. */
export function startWorker(env: Record<string, string>): Worker {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/support/race-worker.ts'], {
    env: { ...process.env, ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  let errors = '';
  let isReady = () => {};
  const ready = new Promise<void>((resolve) => (isReady = resolve));
  child.stdout.on('data', (chunk) => {
    out += chunk;
    if (out.includes('"ready":true')) isReady();
  });
  child.stderr.on('data', (chunk) => (errors += chunk));
  const done = new Promise<WorkerLine[]>((resolve, reject) =>
    child.on('exit', (code) =>
      code === 0
        ? resolve(out.split('\n').filter(Boolean).map((line) => JSON.parse(line) as WorkerLine).filter((line) => !line.ready))
        : reject(new Error(`race worker exited ${code}: ${errors}`)),
    ),
  );
  return { ready: Promise.race([ready, done.then(() => undefined)]), go: () => child.stdin.end('go\n'), done };
}

export type { Store };
