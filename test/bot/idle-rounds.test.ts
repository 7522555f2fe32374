import { afterEach, describe, expect, it } from 'vitest';
import type { RunningGroupGate } from '../../bot/start-groupgate.js';
import type { Store } from '../../domain/ports/store.js';
import { startLicensingGate } from '../licensing/licensing-harness.js';

const hours = (n: number) => n * 3_600_000;
const running: RunningGroupGate[] = [];
afterEach(async () => {
  for (const r of running.splice(0)) await r.stop();
});

/**
 * Counts, on the store every part shares (the directory's copy lives in it too), the reads of a whole
 * collection: listings of users and groups, and member sets read in full.
 */
function countWholeReads(store: Store) {
  const counts = { users: 0, groups: 0, memberSets: 0 };
  const list = store.list.bind(store);
  const setMembers = store.setMembers.bind(store);
  store.list = (prefix) => {
    if (prefix.startsWith('directory:user')) counts.users++;
    if (prefix.startsWith('directory:group')) counts.groups++;
    return list(prefix);
  };
  store.setMembers = (key) => {
    if (key.includes('members')) counts.memberSets++;
    return setMembers(key);
  };
  return counts;
}

describe('an idle background round', () => {
  it('reads no whole collection when the directory has not changed, and a change still raises the alert and reminders still go out', async () => {
    const gate = await startLicensingGate();
    running.push(gate.running);
    const { licensing } = gate.gate;
    await gate.sayText('Riley Chen', 'alerts here');
    await licensing.process();
    const reads = countWholeReads(gate.gate.store);

    // Idle: the scheduled licensing and rule rounds, twice.
    for (let i = 0; i < 2; i++) {
      await licensing.process();
      await gate.gate.membershipRules.sweep();
    }
    expect(reads).toEqual({ users: 0, groups: 0, memberSets: 0 });
    expect(licensing.rounds.unchanged).toBeGreaterThanOrEqual(2);

    // A change: two members for one E5 seat; the run after it reads just them and raises the shortfall.
    await gate.approve(await gate.ask('Rowan Pike'));
    await gate.approve(await gate.ask('Ada Ito'));
    expect(reads).toEqual({ users: 0, groups: 0, memberSets: 0 });
    expect(licensing.rounds.patched).toBeGreaterThan(0);
    expect(gate.alerts().map((a) => a.title)).toEqual(['⚠ License shortfall · Microsoft 365 E5 (SPE_E5)']);

    // Idle again for a day: the reminder goes out from the kept snapshot, with no listing.
    const before = { ...reads };
    await licensing.process();
    gate.clock.advance(hours(24));
    await licensing.process();
    expect(reads).toEqual(before);
    expect(gate.alerts().map((a) => a.title)).toEqual(['⚠ License shortfall · Microsoft 365 E5 (SPE_E5)', '⏰ Still short · Microsoft 365 E5 (SPE_E5)']);
  });

  it('reads what another instance changed (the shared counter moved, naming them), and comes to the same picture', async () => {
    const a = await startLicensingGate();
    running.push(a.running);
    const b = await startLicensingGate(a.storeUrl, a.clock);
    running.push(b.running);
    await a.sayText('Riley Chen', 'alerts here');
    await b.gate.licensing.process();
    const reads = countWholeReads(b.gate.store);
    await b.gate.licensing.process();
    expect(reads.users).toBe(0);

    await a.approve(await a.ask('Rowan Pike'));
    await a.approve(await a.ask('Ada Ito'));
    await b.gate.licensing.process();
    expect(reads.users).toBe(0);
    expect(b.gate.licensing.rounds.patched).toBeGreaterThan(0);
    expect((await b.gate.licensing.view()).summary).toEqual((await a.gate.licensing.view()).summary);
  });
});
