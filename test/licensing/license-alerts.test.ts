import { afterEach, describe, expect, it } from 'vitest';
import type { RunningGroupGate } from '../../bot/start-groupgate.js';
import { licensingKeys } from '../../bot/licensing/licensing-records.js';
import type { StoredAlertState } from '../../domain/licensing/claim-license-alert.js';
import { hours, minutes } from '../support/manual-clock.js';
import { person, sampleGroup } from '../support/sample-tenant.js';
import { alertsRoom, startLicensingGate } from './licensing-harness.js';

const running: RunningGroupGate[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((r) => r.stop()));
});

async function start(...args: Parameters<typeof startLicensingGate>) {
  const gate = await startLicensingGate(...args);
  running.push(gate.running);
  return gate;
}

describe('license shortfall alerts', () => {
  it('sends exactly one alert to the subscribed channel when approvals run Microsoft 365 E5 out of seats', async () => {
    const { sayText, ask, approve, alerts, channel } = await start();
    expect(await sayText('Riley Chen', 'alerts here')).toMatch(/🔔 License alerts will come here/);

    await approve(await ask('Rowan Pike'));
    expect(alerts()).toEqual([]);
    await approve(await ask('Ada Ito'));

    expect(channel.posted).toHaveLength(1);
    expect(channel.posted[0]!.address).toMatchObject({ platform: 'web', id: alertsRoom.id });
    expect(alerts()[0]).toMatchObject({
      title: '⚠ License shortfall · Microsoft 365 E5 (SPE_E5)',
      tone: 'warning',
      seats: { total: 9, used: 9, free: 0, waiting: 1 },
      groups: [{ name: 'Licensed Analysts', waiting: 1 }],
      affected: ['Ada Ito'],
      since: 'Since 09:00 UTC',
      buttons: [
        { action: 'run', title: 'Show affected users', command: 'licenses SPE_E5' },
        { action: 'run', title: 'Reprocess', command: 'reprocess SPE_E5' },
      ],
    });
  });

  it('updates the alert when a second member runs short on the same SKU, instead of repeating it', async () => {
    const { sayText, ask, approve, alerts } = await start();
    await sayText('Riley Chen', 'alerts here');
    for (const requester of ['Rowan Pike', 'Ada Ito', 'Marco Bianchi']) await approve(await ask(requester));

    expect(alerts().map((a) => a.title)).toEqual(['⚠ License shortfall · Microsoft 365 E5 (SPE_E5)', '⚠ Shortfall grew · Microsoft 365 E5 (SPE_E5)']);
    expect(alerts()[1]).toMatchObject({ summary: ['2 members waiting for E5 (was 1).'], affected: ['Ada Ito', 'Marco Bianchi'] });
  });

  it('resolves when seats are bought, and the member who waited longest gets the license', async () => {
    const { sayText, ask, approve, alerts, clock } = await start();
    await sayText('Riley Chen', 'alerts here');
    await approve(await ask('Rowan Pike'));
    await approve(await ask('Ada Ito'));
    clock.advance(hours(1));
    await approve(await ask('Marco Bianchi'));

    expect(await sayText('Riley Chen', 'seats E5 10')).toMatch(/Microsoft 365 E5 \(SPE_E5\) now has 10 seats · 10 used · 0 free · 1 waiting\.\nAda Ito got a license — they had waited longest\./);
    expect(alerts()).toHaveLength(2);
    expect(await sayText('Riley Chen', 'seats SPE_E5 11')).toMatch(/Marco Bianchi got a license\./);
    expect(alerts().at(-1)).toMatchObject({ title: '✅ Resolved · Microsoft 365 E5 (SPE_E5)', tone: 'good', summary: ['Nobody is waiting for ', { bold: 'Microsoft 365 E5' }, ' any more (11 seats, 0 free).'] });
    expect(await sayText('Dana Lee', 'licenses Licensed Analysts')).toMatch(/Ada Ito — ✅ licensed/);
  });

  it('resolves when a member leaves, giving their seat to the member who was waiting', async () => {
    const { sayText, ask, approve, alerts, gate } = await start();
    await sayText('Riley Chen', 'alerts here');
    await approve(await ask('Rowan Pike'));
    await approve(await ask('Ada Ito'));

    expect(await sayText('Kai Moreno', 'leave Licensed Analysts')).toMatch(/You've left Licensed Analysts/);
    await gate.background.idle();
    expect(alerts().map((a) => a.title)).toEqual(['⚠ License shortfall · Microsoft 365 E5 (SPE_E5)', '✅ Resolved · Microsoft 365 E5 (SPE_E5)']);
    expect(await sayText('Riley Chen', 'licenses E5')).toMatch(/9 seats · 9 used · 0 free · 0 waiting[\s\S]*Ada Ito — via Licensed Analysts/);
  });

  it('marks a guest among those waiting: group-based licensing should not license B2B guests', async () => {
    const { sayText, ask, approve, alerts } = await start();
    await sayText('Riley Chen', 'alerts here');
    await approve(await ask('Rowan Pike'));
    await approve(await ask('Pat Quinn'));
    expect(alerts()[0]).toMatchObject({ title: '⚠ License shortfall · Microsoft 365 E5 (SPE_E5)', affected: ['Pat Quinn (guest)'] });
  });

  it('keeps every card of a shortfall live: each shows the latest alert, and none offers Reprocess once it is resolved', async () => {
    const { sayText, ask, approve, alerts, channel, gate } = await start();
    await sayText('Riley Chen', 'alerts here');
    await approve(await ask('Rowan Pike'));
    await approve(await ask('Ada Ito'));
    await approve(await ask('Marco Bianchi'));
    expect(alerts().map((a) => a.title)).toEqual(['⚠ License shortfall · Microsoft 365 E5 (SPE_E5)', '⚠ Shortfall grew · Microsoft 365 E5 (SPE_E5)']);
    const [first, second] = channel.posted.map((p) => p.location);
    const editsOf = (location: typeof first) => channel.updates.filter((u) => u.location.messageId === location?.messageId).map((u) => u.card);
    // Ada's card, posted first, now says what the second one says.
    expect(editsOf(first).map((card) => card.kind === 'licenseAlert' && card.title)).toEqual(['⚠ Shortfall grew · Microsoft 365 E5 (SPE_E5)']);

    expect(await sayText('Kai Moreno', 'leave Licensed Analysts')).toMatch(/You've left Licensed Analysts/);
    expect(await sayText('Riley Chen', 'seats E5 10')).toMatch(/now has 10 seats · 10 used · 0 free · 0 waiting/);
    await gate.background.idle();
    expect(alerts().at(-1)).toMatchObject({ title: '✅ Resolved · Microsoft 365 E5 (SPE_E5)' });
    for (const card of [editsOf(first).at(-1), editsOf(second).at(-1)]) {
      expect(card).toMatchObject({ kind: 'licenseAlert', title: '✅ Resolved · Microsoft 365 E5 (SPE_E5)' });
      expect(card?.kind === 'licenseAlert' && card.buttons.map((b) => b.title)).not.toContain('Reprocess');
    }
    // The shortfall is over: its cards are not kept, and the next one starts a fresh list.
    expect((await gate.store.get<StoredAlertState>(licensingKeys.alert('06ebc4ee-1bb5-47dd-8120-11324bc54e06' as never)))?.cards).toBeUndefined();
  });

  it('sends nothing twice across a restart on the same store, and carries on from where it was', async () => {
    const first = await start();
    await first.sayText('Riley Chen', 'alerts here');
    await first.approve(await first.ask('Rowan Pike'));
    await first.approve(await first.ask('Ada Ito'));
    expect(first.alerts()).toHaveLength(1);
    await first.running.stop();
    running.splice(running.indexOf(first.running), 1);

    const second = await start(first.storeUrl, first.clock);
    expect(second.channel.posted).toEqual([]);
    expect(await second.sayText('Riley Chen', 'reprocess E5')).toMatch(/Reprocessed Microsoft 365 E5 \(SPE_E5\)\.\nNobody could be licensed yet\./);
    expect(second.channel.posted).toEqual([]);

    await second.approve(await second.ask('Marco Bianchi'));
    expect(second.alerts().map((a) => a.title)).toEqual(['⚠ Shortfall grew · Microsoft 365 E5 (SPE_E5)']);
  });

  it('posts an alert its instance decided but died before posting: the next instance does, once', async () => {
    const first = await start();
    await first.sayText('Riley Chen', 'alerts here');
    await first.approve(await first.ask('Rowan Pike'));
    await first.approve(await first.ask('Ada Ito'));
    const e5 = (await first.gate.directory.listSubscribedSkus()).find((sku) => sku.skuPartNumber === 'SPE_E5')!;
    const key = licensingKeys.alert(e5.skuId);
    // What a crash between claiming the alert and posting it leaves behind: the claim, and no post.
    await first.gate.store.update<StoredAlertState, void>(key, (current) => ({
      next: { ...current!, unsent: { alert: { kind: 'shortfallStarted' }, since: current!.since!, claimedAt: first.clock.now().toISOString() } },
      result: undefined,
    }));
    await first.running.stop();
    running.splice(running.indexOf(first.running), 1);

    const second = await start(first.storeUrl, first.clock);
    await second.gate.licensing.process();
    expect(second.alerts()).toEqual([]); // the claim is fresh: its instance may still be posting
    second.clock.advance(minutes(2));
    await second.gate.licensing.process();
    await second.gate.licensing.process();
    expect(second.alerts().map((a) => [a.title, a.affected])).toEqual([['⚠ License shortfall · Microsoft 365 E5 (SPE_E5)', ['Ada Ito']]]);
    expect((await second.gate.store.get<StoredAlertState>(key))?.unsent).toBeUndefined();
  });

  it('sends one alert when two instances share a store and both process the change', async () => {
    const a = await start();
    const b = await start(a.storeUrl, a.clock);
    await a.sayText('Riley Chen', 'alerts here');
    await a.approve(await a.ask('Rowan Pike'));
    await a.approve(await a.ask('Ada Ito'));
    await Promise.all([b.gate.licensing.process(), a.gate.licensing.process(), b.gate.licensing.process()]);
    expect([...a.alerts(), ...b.alerts()].map((x) => x.title)).toEqual(['⚠ License shortfall · Microsoft 365 E5 (SPE_E5)']);
    // Ada heard she waits for a seat once, from whichever instance ran first; the other instance's
    // runs, which start from the state the first one stored, find nothing new to tell her.
    const ada = person('Ada Ito').id;
    const inLine = [...a.channel.to(ada), ...b.channel.to(ada)].filter((card) => card.kind === 'message' && JSON.stringify(card).includes('in line'));
    expect(inLine).toHaveLength(1);
  });

  it('reminds at most once a day while the shortfall lasts', async () => {
    const { sayText, ask, approve, alerts, gate, clock } = await start();
    await sayText('Riley Chen', 'alerts here');
    await approve(await ask('Rowan Pike'));
    await approve(await ask('Ada Ito'));
    clock.advance(hours(23));
    await gate.licensing.process();
    expect(alerts()).toHaveLength(1);
    clock.advance(hours(1));
    await gate.licensing.process();
    await gate.licensing.process();
    expect(alerts().map((a) => a.title)).toEqual(['⚠ License shortfall · Microsoft 365 E5 (SPE_E5)', '⏰ Still short · Microsoft 365 E5 (SPE_E5)']);
    expect(alerts()[1]!.summary).toEqual(['1 member still waiting for E5, since yesterday.']);
  });

  it('warns once when free seats fall under the threshold', async () => {
    const { sayText, alerts, clock } = await start();
    await sayText('Riley Chen', 'alerts here');
    await sayText('Riley Chen', 'seats Visio 20');
    clock.advance(hours(25));
    await sayText('Riley Chen', 'seats Visio 4');
    await sayText('Riley Chen', 'seats Visio 5');
    await sayText('Riley Chen', 'seats Visio 4');
    expect(alerts()).toEqual([expect.objectContaining({ title: '⚠ Running low · Visio Plan 2 (VISIOCLIENT)', summary: ['Visio Plan 2 is running low: 1 of 4 seats free.'] })]);
  });

  it('stops when the channel unsubscribes', async () => {
    const { sayText, ask, approve, channel } = await start();
    await sayText('Alex Morgan', 'alerts here');
    expect(await sayText('Alex Morgan', 'alerts off')).toMatch(/🔕 No more license alerts here/);
    await approve(await ask('Rowan Pike'));
    await approve(await ask('Ada Ito'));
    expect(channel.posted).toEqual([]);
    expect(await sayText('Alex Morgan', 'alerts off')).toMatch(/wasn't getting license alerts/);
  });

  it('licenses the sample tenant as shipped: E5 has 9 seats, 8 used, one free', async () => {
    const { gate } = await start();
    const { summary } = await gate.licensing.view();
    const e5 = summary.pools.find((p) => p.sku.skuPartNumber === 'SPE_E5')!;
    expect(e5).toMatchObject({ total: 9, used: 8, free: 1, waiting: [] });
    expect(summary.groups.find((g) => g.groupId === sampleGroup('Data Science Lab').id)).toMatchObject({ guests: [person('Lena Novak').id], hasMembersWithLicenseErrors: false });
  });
});
