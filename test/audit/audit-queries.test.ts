import { afterEach, describe, expect, it } from 'vitest';
import { handleCardAction } from '../../bot/handle-card-action.js';
import { handleMessage } from '../../bot/handle-message.js';
import type { RunningGroupGate } from '../../bot/start-groupgate.js';
import type { CardView, ListView, MessageView } from '../../cards/card-view.js';
import type { AuditEntry } from '../../domain/audit/audit-entry.js';
import { auditKeys, StoreAuditLog } from '../../domain/audit/store-audit-log.js';
import { ManualClock } from '../support/manual-clock.js';
import { RecordingChannel } from '../support/recording-channel.js';
import { replyText } from '../support/reply-text.js';
import { person } from '../support/sample-tenant.js';
import { startTestGroupGate } from '../support/start-test-groupgate.js';

let running: RunningGroupGate | undefined;
afterEach(async () => running?.stop());

async function start() {
  const clock = new ManualClock();
  running = await startTestGroupGate({}, { clock, channels: [new RecordingChannel()] });
  const gate = running.gate;
  const say = async (name: string, text: string) => {
    const cards = await handleMessage(gate, { actor: person(name), platform: 'teams' }, text);
    await gate.background.idle();
    clock.advance(1_000);
    return { cards, text: replyText(cards) };
  };
  /** Rowan asks to join Atlas Project and Ines approves; Rowan joins Lunch Club (no owner of Atlas is in it). */
  const history = async () => {
    const requestId = /Your request is (R-\w+)/.exec((await say('Rowan Pike', 'join Atlas Project because I moved teams')).text)![1]!;
    await handleCardAction(gate, { actor: person('Ines Duarte'), platform: 'slack' }, { action: 'join-request.approve', requestId });
    await gate.background.idle();
    clock.advance(1_000);
    await say('Rowan Pike', 'join Lunch Club');
  };
  return { gate, clock, say, history };
}

/** The store with the name of every method called on it kept, in order. */
function watched(store: RunningGroupGate['gate']['store']) {
  const calls: string[] = [];
  const watching = new Proxy(store, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if (typeof value !== 'function' || typeof property !== 'string') return value;
      return (...args: unknown[]) => (calls.push(property), (value as (...a: unknown[]) => unknown).apply(target, args));
    },
  });
  return { store: watching, calls };
}

const listOf = (cards: readonly CardView[]) => cards.find((c): c is ListView => c.kind === 'list')!;
const exportOf = (cards: readonly CardView[]) => cards.find((c): c is MessageView => c.kind === 'message' && c.preformatted !== undefined)!;

describe('audit <group> and audit <person>', () => {
  it("shows a group's owners its log, newest first, with who, what, when and the platform", async () => {
    const { say, history } = await start();
    await history();
    const list = listOf((await say('Ines Duarte', 'audit Atlas Project')).cards);
    expect(list.title).toBe('Audit log · Atlas Project');
    const requestId = /R-\w+/.exec(replyText([list]))![0];
    expect(replyText([list])).toBe(
      [
        'Audit log · Atlas Project',
        '3 entries, newest first · page 1 of 1',
        'Ines Duarte member added · Rowan Pike — 2026-11-30 09:00:01 UTC · Slack · Atlas Project · cause joinRequest',
        `Ines Duarte approved a request · Rowan Pike — 2026-11-30 09:00:01 UTC · Slack · Atlas Project · ${requestId}`,
        `Rowan Pike asked to join — 2026-11-30 09:00:00 UTC · Teams · Atlas Project · ${requestId}`,
      ].join('\n'),
    );
  });

  it('refuses someone who neither owns the group nor is an admin, and lets admins read any group and any person', async () => {
    const { say, history } = await start();
    await history();
    expect((await say('Liam Walker', 'audit Atlas Project')).text).toBe('Only the owners of Atlas Project and Groups or Global Administrators can read its audit log.');
    expect((await say('Liam Walker', 'audit Rowan Pike')).text).toBe("Only Groups or Global Administrators can read a person's audit log; owners see what happened in their own groups.");
    expect(listOf((await say('Jordan Blake', 'audit Atlas Project')).cards).rows).toHaveLength(3);
    const rowan = listOf((await say('Jordan Blake', 'audit rowan.pike@contoso.example')).cards);
    expect(rowan.rows.map((r) => replyText([{ kind: 'list', title: '', rows: [r] }]))).toEqual([
      expect.stringMatching(/^Rowan Pike member added — .* Teams · Lunch Club · cause joinRequest$/),
      expect.stringMatching(/^Ines Duarte member added · Rowan Pike — .* Slack · Atlas Project/),
      expect.stringMatching(/^Ines Duarte approved a request · Rowan Pike — /),
      expect.stringMatching(/^Rowan Pike asked to join — .* Teams · Atlas Project · R-\w+$/),
    ]);
  });

  it("shows an owner a person's entries in the groups they own, and nothing from other groups", async () => {
    const { say, history } = await start();
    await history();
    const seen = listOf((await say('Ines Duarte', 'audit Rowan Pike')).cards);
    expect(seen.rows).toHaveLength(3);
    expect(replyText([seen])).not.toContain('Lunch Club');
  });

  it('pages through a long log', async () => {
    const { say } = await start();
    for (const policy of ['open', 'approval', 'closed', 'open', 'approval', 'closed', 'open', 'approval', 'closed', 'open', 'approval', 'closed']) await say('Ines Duarte', `policy Atlas Project ${policy}`);
    const first = await say('Ines Duarte', 'audit Atlas Project');
    expect(first.text).toContain('12 entries, newest first · page 1 of 2');
    expect(listOf(first.cards).rows).toHaveLength(10);
    const buttons = first.cards.flatMap((c) => (c.kind === 'message' ? (c.buttons ?? []) : []));
    expect(buttons.map((b) => b.action === 'run' && b.command)).toEqual(['audit Atlas Project page 2', 'audit Atlas Project as csv']);
    const second = await say('Ines Duarte', 'audit Atlas Project page 2');
    expect(listOf(second.cards).rows.map((r) => replyText([{ kind: 'list', title: '', rows: [r] }]))).toEqual([
      'Ines Duarte changed a setting — 2026-11-30 09:00:01 UTC · Teams · Atlas Project · setting joinPolicy · value approval · was open',
      'Ines Duarte changed a setting — 2026-11-30 09:00:00 UTC · Teams · Atlas Project · setting joinPolicy · value open · was approval',
    ]);
  });

  it('exports as CSV and as JSON lines in chat, capped with a count and the command for the rest', async () => {
    const { say, history, gate } = await start();
    await history();
    const csv = exportOf((await say('Ines Duarte', 'audit Atlas Project as csv')).cards);
    const [header, ...rows] = csv.preformatted!.split('\n');
    expect(header).toBe('at,action,actorName,actorId,platform,groupName,groupId,subjectName,subjectId,requestId,details,id');
    expect(rows).toHaveLength(3);
    expect(rows[0]).toMatch(/^2026-11-30T09:00:01\.000Z,membership\.added,Ines Duarte,[0-9a-f-]{36},slack,Atlas Project,/);
    expect(replyText([csv])).toContain('All 3 entries for Atlas Project, as CSV.');

    const jsonl = exportOf((await say('Jordan Blake', 'audit Rowan Pike as jsonl')).cards);
    const entries = jsonl.preformatted!.split('\n').map((line) => JSON.parse(line) as AuditEntry);
    expect(entries.map((e) => e.action)).toEqual(['membership.added', 'membership.added', 'request.approved', 'request.created']);

    for (let i = 0; i < 40; i++) await gate.audit.append({ action: 'settings.changed', actorId: person('Ines Duarte').id, groupId: (await gate.directory.listGroups()).find((g) => g.displayName === 'Atlas Project')!.id, details: { setting: 'reasonRequired', value: i % 2 === 0 } });
    const capped = await say('Ines Duarte', 'audit Atlas Project as csv');
    expect(capped.text).toMatch(/^Audit export · Atlas Project\n[\s\S]*\nThe newest \d+ of 43 entries for Atlas Project, as CSV\.\nFor all of them, on the server: npm run audit:export -- --format csv --group "[0-9a-f-]{36}"$/);
    expect(exportOf(capped.cards).preformatted!.length).toBeLessThanOrEqual(2_800);
  });
});

describe('the store-backed audit trail', () => {
  it('never overwrites an entry: two instances drawing the same id in the same millisecond both keep theirs', async () => {
    const { gate } = await start();
    const clock = new ManualClock();
    const errors: unknown[] = [];
    const instance = (draws: number[]) => new StoreAuditLog({ store: gate.store, clock, random: () => draws.shift() ?? 0.3, onError: (error) => errors.push(error) });
    await instance(Array(8).fill(0.1)).append({ action: 'alert.sent', details: { n: 1 } });
    await instance([...Array(8).fill(0.1), ...Array(8).fill(0.2)]).append({ action: 'alert.sent', details: { n: 2 } });
    const stored = await gate.store.list<AuditEntry>(auditKeys.all);
    expect(stored.map(([, e]) => e.details)).toEqual([{ n: 1 }, { n: 2 }]);
    expect(new Set(stored.map(([, e]) => e.at))).toEqual(new Set([clock.now().toISOString()]));
    expect(errors).toEqual([]);
  });

  it('writes an entry and its group and people index in one store call, and reads the copies earlier versions wrote beside the index', async () => {
    const { gate } = await start();
    const clock = new ManualClock();
    const { store, calls } = watched(gate.store);
    const log = new StoreAuditLog({ store, clock, random: Math.random, onError: (error) => { throw error; } });
    const [ines, rowan] = [person('Ines Duarte').id, person('Rowan Pike').id];
    // An entry as an earlier version stored it: under its time, and copied under its group and person.
    const legacy: AuditEntry = { id: '2020-01-01T00:00:00.000Z:000001aaaaaaaa', at: '2020-01-01T00:00:00.000Z', action: 'settings.changed', actorId: ines, groupId: 'g-1' };
    await Promise.all([auditKeys.entry(legacy.id), auditKeys.byGroup('g-1', legacy.id), auditKeys.byPerson(ines, legacy.id)].map((key) => gate.store.put(key, legacy)));

    await log.append({ action: 'request.approved', actorId: ines, subjectId: rowan, groupId: 'g-1' });
    expect(calls).toEqual(['write']);

    expect((await log.query({ groupId: 'g-1' })).entries.map((e) => e.action)).toEqual(['request.approved', 'settings.changed']);
    expect((await log.query({ personId: ines })).entries.map((e) => e.action)).toEqual(['request.approved', 'settings.changed']);
    expect((await log.query({ personId: rowan })).entries.map((e) => e.action)).toEqual(['request.approved']);
    expect((await log.query({ personId: ines, groupId: 'g-1', limit: 1 }))).toMatchObject({ total: 2, entries: [{ action: 'request.approved' }] });
    expect((await log.query({})).entries.map((e) => e.action)).toEqual(['request.approved', 'settings.changed']);
  });

  it('keeps writing what happened when an entry cannot be stored, and reports it instead of failing the action', async () => {
    const { gate } = await start();
    const errors: unknown[] = [];
    const gone = async () => Promise.reject(new Error('store gone'));
    const broken = { ...gate.store, update: gone, write: gone } as typeof gate.store;
    const log = new StoreAuditLog({ store: broken, clock: new ManualClock(), random: Math.random, onError: (error) => errors.push(error) });
    await expect(log.append({ action: 'alert.sent' })).resolves.toBeUndefined();
    expect(errors).toHaveLength(1);
  });
});
