import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { combineSlackMessages, slackMessagesFor } from '../../../adapters/slack/combine-slack-messages.js';
import { denyNoteModal } from '../../../adapters/slack/deny-note-modal.js';
import { findBlockKitProblems } from '../../../adapters/slack/find-block-kit-problems.js';
import { cardArgs } from '../../../adapters/slack/slack-message.js';
import type { ApprovalState, ApprovalView, CardButton, CardView, Line, ListView, MessageView } from '../../../cards/card-view.js';
import { toBlockKit } from '../../../cards/render-card.js';

/** Text a person could type into a name, reason or rule, aimed at Slack's markup. */
const hostile = '<!channel> <@U0ADMIN> *urgent* _now_ ~gone~ `code` <https://evil.example|click here> &amp; & > <';
const long = (n: number) => 'Research & Development <Atlas> '.repeat(Math.ceil(n / 31)).slice(0, n);

const run = (title: string, command = 'groups'): CardButton => ({ action: 'run', title, command });
const approval = (state: ApprovalState, text = 'Atlas Project'): ApprovalView => ({
  kind: 'approval', requestId: 'R-7F3A', heading: 'Join request', groupName: text,
  requester: { name: `Rowan ${text}`, details: ['Analyst', 'Research', 'NZ'] }, reason: text,
  facts: ['Security group', '14 members', 'asked 2 minutes ago', 'expires in 7 days'],
  license: { text: `approving assigns Microsoft 365 E5 — ${text}`, tone: 'warning' }, state,
  notice: ['Already approved by ', { bold: text }],
});
const list = (rows: number, text = 'Your requests'): ListView => ({
  kind: 'list', title: text, intro: [[text]], more: 'and 12 more', footer: [[{ code: text }]],
  rows: Array.from({ length: rows }, (_, i) => ({
    title: [{ bold: `${text} ${i}` }, ` · R-${i}`], detail: [`waiting ${text}`],
    buttons: [{ action: 'cancel', title: `Cancel ${text}`, requestId: `R-${i}` }, run(text, `join ${text}`)],
  })),
});
const words = (text: string, buttons = 6): MessageView => ({
  kind: 'message', title: text, tone: 'attention', preformatted: `${text}\n        ^^^^^^^`,
  lines: [[text, { bold: text }, { italic: text }, { code: text }], [text]],
  buttons: Array.from({ length: buttons }, (_, i) => run(`${text} ${i}`, `join ${text}`)),
});
const states: ApprovalState[] = [
  { status: 'pending' },
  { status: 'approved', by: 'Ines Duarte', at: '14:02 UTC' },
  { status: 'denied', by: 'Ines Duarte', at: '14:02 UTC', note: hostile },
  { status: 'cancelled', at: '14:02 UTC' },
  { status: 'expired', at: '14:02 UTC' },
];
const everyKind: Array<[string, CardView]> = [
  ...states.map((s): [string, CardView] => [`an approval card, ${s.status}`, approval(s)]),
  ['an approval card with hostile names', approval({ status: 'pending' }, hostile)],
  ['an approval card with very long names and reason', approval({ status: 'denied', by: long(300), at: '14:02', note: long(500) }, long(500))],
  ['a message with title, rule, spans and buttons', words(hostile)],
  ['a very long message', words(long(2_900), 25)],
  ['a message of 60 lines', { kind: 'message', lines: Array.from({ length: 60 }, (_, i) => [`line ${i} `, { bold: hostile }]) }],
  ['a list with no rows', list(0)],
  ['a list of 60 rows with buttons', list(60, hostile)],
  ['a list with rows as long as Entra names get', list(30, long(256))],
];

describe('Block Kit GroupGate sends', () => {
  it.each(everyKind)('%s stays within Slack limits, with an escaped fallback text', (_name, view) => {
    expect(findBlockKitProblems(cardArgs(view))).toEqual([]);
  });

  it('cuts what would be too long for Slack, and says so', () => {
    const tooLong = list(30, long(256));
    expect(findBlockKitProblems(toBlockKit(tooLong))).toEqual([expect.stringMatching(/characters of text in blocks/)]);
    const sent = cardArgs(tooLong);
    expect(findBlockKitProblems(sent)).toEqual([]);
    expect(JSON.stringify(sent.blocks.at(-1))).toContain('the rest was left out');
    const oneHugeBlock = cardArgs({ kind: 'message', lines: Array.from({ length: 10 }, () => [long(2_000)]) });
    expect(findBlockKitProblems(oneHugeBlock)).toEqual([]);
  });

  it('never lets hostile text become mrkdwn: it rides in rich_text elements, and the fallback escapes <, > and &', () => {
    const { text, blocks } = toBlockKit(approval({ status: 'pending' }, hostile));
    expect(text).not.toMatch(/<|>/);
    expect(text).toContain('&lt;!channel&gt;');
    expect(JSON.stringify(blocks)).not.toContain('"mrkdwn"');
  });

  it('holds for any names, reasons and titles (property)', () => {
    const text = fc.oneof(fc.string({ minLength: 1, maxLength: 600 }), fc.string({ minLength: 200, maxLength: 3_000 }), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 200 }), fc.constant(hostile));
    const view = fc.oneof(
      fc.tuple(fc.constantFrom(...states), text).map(([s, t]) => approval(s, t) as CardView),
      fc.tuple(fc.nat({ max: 40 }), text).map(([n, t]) => list(n, t) as CardView),
      fc.tuple(text, fc.nat({ max: 30 })).map(([t, n]) => words(t, n) as CardView),
    );
    fc.assert(
      fc.property(view, (v) => {
        expect(findBlockKitProblems(cardArgs(v))).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('packs a long reply into at most 5 response_url posts, keeping block ids unique', () => {
    const reply = [words('Here they are', 0), ...states.map((s) => approval(s)), approval({ status: 'pending' })];
    const messages = slackMessagesFor(reply, 5);
    expect(messages).toHaveLength(5);
    for (const message of messages) expect(findBlockKitProblems(message)).toEqual([]);
  });

  it('cuts a combined message at the block limit and says so', () => {
    const combined = combineSlackMessages(Array.from({ length: 20 }, () => toBlockKit(approval({ status: 'pending' }))));
    expect(combined.blocks).toHaveLength(50);
    expect(JSON.stringify(combined.blocks.at(-1))).toContain('the rest was left out');
    expect(findBlockKitProblems(combined)).toEqual([]);
  });

  it('builds a Deny modal Slack accepts: title and buttons of at most 24 characters, the note capped like a reason', () => {
    const modal = denyNoteModal({ requestId: 'R-7F3A', origin: { responseUrl: `https://hooks.slack.com/actions/T0/1/${'x'.repeat(60)}`, channel: 'D0TOMAS', ts: '1700000000.000100', home: false } });
    for (const label of [modal.title, modal.submit, modal.close]) expect(label.text.length).toBeLessThanOrEqual(24);
    expect(modal.private_metadata.length).toBeLessThanOrEqual(3000);
    expect(findBlockKitProblems({ blocks: modal.blocks }, 'view')).toEqual([]);
    expect(JSON.stringify(modal.blocks)).toContain('"max_length":500');
  });

  it('catches what Slack would refuse', () => {
    const button = { type: 'button', action_id: 'a', text: { type: 'plain_text', text: 'x'.repeat(76) }, value: 'v'.repeat(2001) };
    const problems = findBlockKitProblems({
      text: 'Hi <@U0ADMIN> & co',
      blocks: [
        ...Array.from({ length: 50 }, () => ({ type: 'divider', block_id: 'same' })),
        { type: 'header', text: { type: 'plain_text', text: 'h'.repeat(151) } },
        { type: 'actions', elements: [button] },
        { type: 'rich_text', elements: [] },
      ],
    });
    expect(problems).toEqual(expect.arrayContaining([
      '53 blocks; a message takes at most 50',
      expect.stringMatching(/block 1: block_id "same" repeats/),
      expect.stringMatching(/^block 50\.text\.text/),
      expect.stringMatching(/^block 51\.elements\.0\.text\.text/),
      expect.stringMatching(/^block 51\.elements\.0\.value/),
      expect.stringMatching(/^block 52\.elements/),
      'fallback text has an unescaped < or > (mentions and links could get through)',
      'fallback text has an unescaped &',
    ]));
  });
});
