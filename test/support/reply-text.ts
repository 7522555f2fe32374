import { plainText, type CardView } from '../../cards/card-view.js';
import { clauseLine } from '../../cards/rule-explanation-card.js';
import { previewLines } from '../../cards/rule-preview-card.js';
import { proposalStateLine } from '../../cards/rule-proposal-card.js';

/** Everything a reply says, as plain text, so tests can assert what a person reads. */
export function replyText(cards: readonly CardView[]): string {
  return cards
    .map((card) => {
      switch (card.kind) {
        case 'message':
          return [card.title, card.preformatted, ...card.lines.map(plainText)].filter(Boolean).join('\n');
        case 'approval':
          return [card.notice ? plainText(card.notice) : '', `${card.heading} · ${card.groupName}`, `${card.requester.name} asks to join ${card.groupName}`, card.reason ?? '', card.facts.join(' · '), card.license?.text ?? '', card.state.status].filter(Boolean).join('\n');
        case 'list':
          return [card.title, ...(card.intro ?? []).map(plainText), ...card.rows.map((r) => [plainText(r.title), r.detail ? plainText(r.detail) : ''].join(' — ')), card.more ?? ''].filter(Boolean).join('\n');
        case 'licenseAlert':
          return [card.title, plainText(card.summary), ...card.groups.map((g) => `${g.name} (${g.waiting} waiting)`), card.affected.join(', ')].filter(Boolean).join('\n');
        case 'rulePreview':
          return [card.title, card.rule, ...previewLines(card).map(({ line }) => plainText(line))].join('\n');
        case 'ruleProposal':
          return [card.notice ? plainText(card.notice) : '', card.title, card.preview.rule, ...previewLines(card.preview).map(({ line }) => plainText(line)), plainText(proposalStateLine(card.state) ?? [card.state.status])].filter(Boolean).join('\n');
        case 'ruleExplanation':
          return [card.title, ...card.clauses.map((c) => plainText(clauseLine(c)).trim()), ...card.footer.map(plainText)].join('\n');
        case 'review':
          return [card.notice ? plainText(card.notice) : '', card.title, ...card.intro.map(plainText), card.summary.text, card.pageLine ?? '', ...card.rows.map((r) => [r.name, ...r.facts, ...r.flags, r.state?.text ?? ''].filter(Boolean).join(' — '))].filter(Boolean).join('\n');
      }
    })
    .join('\n');
}
