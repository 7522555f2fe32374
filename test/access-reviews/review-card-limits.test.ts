import { describe, expect, it } from 'vitest';
import { maxReasonLength } from '../../cards/card-buttons.js';
import type { ReviewRowView, ReviewView } from '../../cards/card-view.js';
import { reviewBlocks, reviewCard, reviewPageSize } from '../../cards/review-card.js';

// The longest a row gets: Entra's longest names and titles, a join reason and a Remove reason at their caps, every flag.
const long = (n: number, word = 'Research') => `${word} `.repeat(Math.ceil(n / (word.length + 1))).slice(0, n);
const fullRow = (i: number): ReviewRowView => ({
  name: long(256, `Person${i}`),
  facts: [`${long(128, 'Principal')} · ${long(64, 'Department')} · NZ`, 'member for 3 years', `joined because "${long(120, 'reason')}", approved by ${long(256, 'Approver')}`, 'removing frees a seat (E5, Visio Plan 2, Power BI Pro)'],
  flags: ['Guest account', "Outside the group's suggested rule", 'Waiting for a seat (E5)'],
  ...(i % 2 === 0 ? { state: { text: `❌ To remove by ${long(256, 'Reviewer')} · 09:00 UTC — "${long(maxReasonLength, 'why')}"`, tone: 'attention' as const } } : {}),
  buttons: i % 2 === 0 ? [] : [
    { action: 'reviewKeep', title: 'Keep', reviewId: 'V-7F3A9K', memberId: `00000000-0000-0000-0000-0000000000${String(i).padStart(2, '0')}`, style: 'primary' },
    { action: 'reviewRemove', title: 'Remove', reviewId: 'V-7F3A9K', memberId: `00000000-0000-0000-0000-0000000000${String(i).padStart(2, '0')}`, style: 'danger', asksReason: true },
  ],
});

const bigPage: ReviewView = {
  kind: 'review',
  title: `Access review · ${long(256, 'Group')}`,
  reviewId: 'V-7F3A9K',
  intro: [['Keep or remove each member of ', { bold: long(256, 'Group') }, ' by 21 Dec 09:00 UTC.'], ['Members nobody answers for are kept. Removals happen when the review ends.'],
    ['E5: 0 of 9 seats free, 12 people waiting for one.'], ['Suggested rule: ', { code: '(user.department -eq "Research") -and (user.country -eq "NZ") -and (user.companyName -eq "Contoso")' }, ' (3 of 10000 members fall outside it).']],
  summary: { text: '38 of 10000 reviewed: 30 kept, 8 to remove, 9962 left', tone: 'default' },
  rows: Array.from({ length: reviewPageSize }, (_, i) => fullRow(i)),
  pageLine: 'Members 11–20 of 10000 · page 2 of 1000',
  buttons: [
    { action: 'reviewKeepRest', title: 'Keep all the rest', reviewId: 'V-7F3A9K' },
    { action: 'reviewPage', title: 'Previous', reviewId: 'V-7F3A9K', page: 1 },
    { action: 'reviewPage', title: 'Next', reviewId: 'V-7F3A9K', page: 3 },
  ],
  notice: [`Already kept by ${long(256, 'Reviewer')} at 09:00 UTC.`],
};

/** Every `text` string anywhere in a Block Kit payload. */
const textsOf = (node: unknown): string[] => {
  if (Array.isArray(node)) return node.flatMap(textsOf);
  if (!node || typeof node !== 'object') return [];
  return Object.entries(node).flatMap(([key, value]) => (key === 'text' && typeof value === 'string' ? [value] : textsOf(value)));
};

describe('a page of the review card at its fullest', () => {
  it(`holds at most ${reviewPageSize} members a page`, () => {
    expect(reviewPageSize).toBeLessThanOrEqual(10);
  });

  it("stays inside Teams' 28 KB for a card", () => {
    const size = Buffer.byteLength(JSON.stringify(reviewCard(bigPage)), 'utf8');
    expect(size).toBeLessThan(28_000);
  });

  it("stays inside Slack's 50 blocks and 3000 characters a text", () => {
    const message = reviewBlocks(bigPage);
    expect(message.blocks.length).toBeLessThanOrEqual(50);
    const longest = Math.max(...textsOf(message.blocks).map((t) => t.length));
    expect(longest).toBeLessThanOrEqual(3000);
    expect(message.text.length).toBeLessThanOrEqual(3000);
  });
});
