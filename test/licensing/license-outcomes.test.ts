import { describe, expect, it } from 'vitest';
import { keys } from '../../domain/join-requests/join-request-records.js';
import type { JoinRequest } from '../../domain/join-requests/join-request.js';
import { parseJoinRequestId } from '../../domain/join-requests/join-request-id.js';
import { inTurn } from '../../bot/request-context.js';
import { handleCardAction } from '../../bot/handle-card-action.js';
import { toAdaptiveCard, toBlockKit } from '../../cards/render-card.js';
import { minutes } from '../support/manual-clock.js';
import { replyText } from '../support/reply-text.js';
import { person } from '../support/sample-tenant.js';
import { as, licenseLines, licensingGatePerTest, startLicensingGate } from './licensing-harness.js';

const start = licensingGatePerTest();

/** The detail of one request's row in `my requests`. */
const rowOf = (text: string, requestId: string) => text.split('\n').find((line) => line.includes(requestId));

describe('license outcomes, told to the people concerned', () => {
  it('my requests says an approved member waits for a seat, and where in line, then that they have it', async () => {
    const { ask, approve, sayText, gate, clock } = await start();
    const rowans = await ask('Rowan Pike');
    const adas = await ask('Ada Ito');
    const marcos = await ask('Marco Bianchi');
    await approve(rowans);
    await approve(adas);
    clock.advance(minutes(5)); // the line is kept by when each started waiting
    await approve(marcos);
    expect(rowOf(await sayText('Rowan Pike', 'my requests'), rowans)).toBe(`Licensed Analysts · ${rowans} — approved 5 minutes ago — you have Microsoft 365 E5`);
    expect(rowOf(await sayText('Ada Ito', 'my requests'), adas)).toBe(`Licensed Analysts · ${adas} — approved 5 minutes ago — waiting for a Microsoft 365 E5 seat (1st in line)`);
    expect(rowOf(await sayText('Marco Bianchi', 'my requests'), marcos)).toMatch(/— approved just now — waiting for a Microsoft 365 E5 seat \(2nd in line\)$/);

    await sayText('Kai Moreno', 'leave Licensed Analysts');
    await gate.background.idle();
    expect(rowOf(await sayText('Ada Ito', 'my requests'), adas)).toMatch(/— approved 5 minutes ago — you have Microsoft 365 E5$/);
    expect(rowOf(await sayText('Marco Bianchi', 'my requests'), marcos)).toMatch(/waiting for a Microsoft 365 E5 seat \(1st in line\)$/);
    // Who left is no longer told about a license they gave up.
    await sayText('Rowan Pike', 'leave Licensed Analysts');
    await gate.background.idle();
    expect(rowOf(await sayText('Rowan Pike', 'my requests'), rowans)).toBe(`Licensed Analysts · ${rowans} — approved 5 minutes ago`);
  });

  it('my requests reads the licensing state once, however many approved requests it lists', async () => {
    const { ask, approve, sayText, running: metered } = await start();
    await approve(await ask('Rowan Pike'));
    // Dana owns Data Science Lab too, which assigns Power BI Pro.
    await approve(/Your request is (R-\w+)/.exec(await sayText('Rowan Pike', 'join Data Science Lab because notebooks'))![1]!);
    const count = async () => (await metered.metrics.storeOperations.get()).values.filter((v) => String(v.labels.operation) === 'list').reduce((n, v) => n + v.value, 0);
    const before = await count();
    const text = await sayText('Rowan Pike', 'my requests');
    expect(text.match(/you have/g)).toHaveLength(2);
    // The state's groups are listed at most once (and not at all when this instance holds the latest).
    expect((await count()) - before).toBeLessThanOrEqual(1);
  });

  it('tells the deciding owner with the click that the requester waits for a seat, and changes the card once the seat is theirs', async () => {
    const { ask, approve, channel, sayText, gate } = await start();
    const rowans = await ask('Rowan Pike');
    const adas = await ask('Ada Ito');
    const first = await approve(rowans);
    expect(first.card && licenseLines([first.card])).toEqual([{ text: 'Rowan Pike gets Microsoft 365 E5.', tone: 'good' }]);
    const second = await approve(adas);
    expect(second.card && licenseLines([second.card])).toEqual([{ text: 'Ada Ito is waiting for a Microsoft 365 E5 seat (no seats left; 1st in line).', tone: 'warning' }]);
    expect(JSON.stringify(toAdaptiveCard(second.card!))).toContain('License: Ada Ito is waiting for a Microsoft 365 E5 seat (no seats left; 1st in line).');
    expect(JSON.stringify(toBlockKit(second.card!).blocks)).toContain('Ada Ito is waiting for a Microsoft 365 E5 seat');
    expect(replyText([second.card!])).toMatch(/approved$/);

    // Every owner's copy says the same; once Kai leaves and the seat is Ada's, it says she has it.
    const adasCard = channel.sent.find((s) => s.card.kind === 'approval' && s.card.requestId === adas)!.location;
    const latest = () => channel.updates.filter((u) => u.location.messageId === adasCard.messageId).at(-1)?.card;
    expect(licenseLines([latest()!])[0]?.text).toMatch(/^Ada Ito is waiting/);
    await sayText('Kai Moreno', 'leave Licensed Analysts');
    await gate.background.idle();
    expect(licenseLines([latest()!])).toEqual([{ text: 'Ada Ito has Microsoft 365 E5.', tone: 'good' }]);
    expect(latest()).toMatchObject({ state: { status: 'approved', by: 'Dana Lee' } });
  });

  it('corrects a card that said "gets" when two approvals came before a run had given the last seat away', async () => {
    const { ask, gate, channel } = await start();
    const rowans = await ask('Rowan Pike');
    const adas = await ask('Ada Ito');
    // Both clicks before licensing runs: each card is built from the picture in hand, which has one seat free.
    const clicks = await Promise.all([rowans, adas].map((requestId) => handleCardAction(gate, as('Dana Lee'), { action: 'join-request.approve', requestId })));
    expect(clicks.map((click) => licenseLines([click.card!])[0]?.text)).toEqual(['Rowan Pike gets Microsoft 365 E5.', 'Ada Ito gets Microsoft 365 E5.']);
    await gate.background.idle();

    // The run gives the seat to one of them; the other's card now says they wait, on every owner's copy.
    const latest = (requestId: string) => {
      const sent = channel.sent.find((s) => s.card.kind === 'approval' && s.card.requestId === requestId)!.location;
      return channel.updates.filter((u) => u.location.messageId === sent.messageId).at(-1)?.card;
    };
    const lines = [rowans, adas].map((requestId) => licenseLines([latest(requestId)!])[0]?.text);
    expect(lines.filter((line) => /gets|has Microsoft 365 E5/.test(line ?? ''))).toHaveLength(1);
    expect(lines.filter((line) => /is waiting for a Microsoft 365 E5 seat/.test(line ?? ''))).toHaveLength(1);
  });

  it("builds the click's license outcome from the picture in hand: no store call beyond the card's own; an instance holding none reads one for the next card", async () => {
    const { ask, approve, gate, running: metered, storeUrl } = await start();
    await approve(await ask('Rowan Pike'));
    const adas = await ask('Ada Ito');
    await approve(adas);
    const request = (await gate.store.get<JoinRequest>(keys.request(parseJoinRequestId(adas)!)))!;
    /** The store calls of building the approved card on `on`, with licensing's line and without it. */
    const cardCalls = async (on: typeof metered) => {
      const calls = async () => (await on.metrics.storeOperations.get()).values.reduce((n, v) => n + v.value, 0);
      const build = async () => {
        await on.gate.background.idle();
        const before = await calls();
        const card = await inTurn(as('Dana Lee'), () => on.gate.messenger.approvalCard(request));
        return { card, calls: (await calls()) - before };
      };
      const withLine = await build();
      const hook = on.gate.messenger.licenseImpact;
      on.gate.messenger.licenseImpact = async () => undefined;
      const without = await build();
      on.gate.messenger.licenseImpact = hook;
      return { card: withLine.card, extra: withLine.calls - without.calls };
    };
    const here = await cardCalls(metered);
    expect(licenseLines([here.card])[0]?.text).toMatch(/^Ada Ito is waiting/);
    expect(here.extra).toBe(0);

    // A second instance on the same store that has read no licensing picture yet: no line rather than a read
    // on the way (it reads the picture in the background, once), then the line at no cost.
    const other = await startLicensingGate(storeUrl);
    try {
      const cold = await cardCalls(other.running);
      expect(licenseLines([cold.card])).toEqual([]);
      const warm = await cardCalls(other.running);
      expect(licenseLines([warm.card])[0]?.text).toMatch(/^Ada Ito is waiting/);
      expect(warm.extra).toBe(0);
    } finally {
      await other.running.stop();
    }
  });

  it("the requester is told they wait for a seat besides being told they're a member", async () => {
    const { ask, approve, channel } = await start();
    await approve(await ask('Rowan Pike'));
    await approve(await ask('Ada Ito'));
    const told = channel.to(person('Ada Ito').id).map((card) => replyText([card]));
    // Two messages, the decision's and the licensing run's, each sent as it happens (in that order as a rule).
    expect([...told].sort()).toEqual([
      "You're a member of Licensed Analysts, but no Microsoft 365 E5 seat is free, so you don't have it yet. You're 1st in line; I'll tell you when a seat is yours.",
      "✅ Dana Lee approved your request — you're now a member of Licensed Analysts.",
    ]);
  });
});

describe('guests a rule would add to a group that assigns licenses', () => {
  it('are named on the rule proposal: group-based licensing should not be used for B2B guests', async () => {
    const { sayText, say } = await start();
    const [card] = await say('Alex Morgan', 'propose rule for All Employees: user.objectId -ne null');
    expect(card).toMatchObject({ kind: 'ruleProposal', preview: { license: { tone: 'warning' } } });
    const text = replyText([card!]);
    expect(text).toContain(
      'License: All Employees assigns Office 365 E3 — 3 more seats needed, 19 free. Adds 3 guests (Lena Novak, Pat Quinn, Rui Tanaka): group-based licensing should not be used for B2B guests, who are licensed by their home tenant.',
    );
    expect(JSON.stringify(toAdaptiveCard(card!))).toContain('Adds 3 guests (Lena Novak, Pat Quinn, Rui Tanaka)');
    // A rule that adds no guest names none.
    const members = await sayText('Alex Morgan', 'propose rule for All Employees: (user.userType -eq "Member") -and (user.department -eq "Research")');
    expect(members).toMatch(/would add 0 · would remove \d+/);
    expect(members).not.toMatch(/Adds \d+ guest/);
  });
});
