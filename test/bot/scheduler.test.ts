import { afterEach, describe, expect, it } from 'vitest';
import { createStore } from '../../adapters/store/create-store.js';
import { Scheduler } from '../../bot/scheduler.js';
import { silentLogger } from '../../domain/ports/logger.js';
import type { Store } from '../../domain/ports/store.js';
import { tempSqliteUrl } from '../support/temp-store-url.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const opened: Array<{ stop(): Promise<void> } | Store> = [];
afterEach(async () => {
  for (const thing of opened.splice(0).reverse()) await ('close' in thing ? thing.close() : thing.stop());
});

async function twoInstances() {
  const store = await createStore(tempSqliteUrl());
  const one = new Scheduler(store, silentLogger);
  const two = new Scheduler(store, silentLogger);
  opened.push(store, one, two);
  return { store, one, two };
}

describe('the scheduler of instances sharing a store', () => {
  it('runs a job on one instance only, and hands it to the other at once when that instance stops', async () => {
    const { one, two } = await twoInstances();
    const runs = { one: 0, two: 0 };
    one.every('job', 5_000, async () => void runs.one++); // a lease of ten seconds
    while (runs.one === 0) await sleep(5);
    expect(await two.runOnce('job', 10_000, async () => void runs.two++)).toBe(false);

    await one.stop();
    // Without waiting ten seconds for the lease to run out: it was handed back.
    expect(await two.runOnce('job', 10_000, async () => void runs.two++)).toBe(true);
    expect(runs).toEqual({ one: 1, two: 1 });
  });

  it('keeps the lease for as long as a run takes, so no other instance starts the same job meanwhile', async () => {
    const { one, two } = await twoInstances();
    let running = 0;
    let overlapped = false;
    const job = async () => {
      running++;
      overlapped ||= running > 1;
      await sleep(300); // six times the lease
      running--;
    };
    const first = one.runOnce('slow', 50, job);
    const tries: Array<Promise<boolean>> = [];
    while (tries.length < 12) {
      await sleep(20);
      tries.push(two.runOnce('slow', 50, job));
    }
    expect(await first).toBe(true);
    expect(await Promise.all(tries)).not.toContain(true);
    expect(overlapped).toBe(false);
  });

  it('never starts a run while its previous run on the same instance is still going', async () => {
    const { one } = await twoInstances();
    let running = 0;
    let most = 0;
    one.every('slow', 20, async () => {
      most = Math.max(most, ++running);
      await sleep(90);
      running--;
    });
    await sleep(300);
    expect(most).toBe(1);
  });
});
