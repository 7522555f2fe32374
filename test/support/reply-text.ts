import { plainText, type CardView } from '../../cards/card-view.js';

/** Everything a reply says, as plain text, so tests can assert what a person reads. */
export function replyText(cards: readonly CardView[]): string {
  return cards
    .map((card) => {
      switch (card.kind) {
        case 'message':
          return [card.title, ...card.lines.map(plainText)].filter(Boolean).join('\n');
        case 'approval':
          return [card.notice ? plainText(card.notice) : '', `${card.heading} · ${card.groupName}`, `${card.requester.name} asks to join ${card.groupName}`, card.reason ?? '', card.facts.join(' · '), card.license?.text ?? '', card.state.status].filter(Boolean).join('\n');
        case 'list':
          return [card.title, ...(card.intro ?? []).map(plainText), ...card.rows.map((r) => [plainText(r.title), r.detail ? plainText(r.detail) : ''].join(' — ')), card.more ?? ''].filter(Boolean).join('\n');
        case 'licenseAlert':
          return [card.title, plainText(card.summary), ...card.groups.map((g) => `${g.name} (${g.waiting} waiting)`), card.affected.join(', ')].filter(Boolean).join('\n');
      }
    })
    .join('\n');
}
