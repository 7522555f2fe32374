import { describe, expect, it } from 'vitest';
import { parseApprovalStages } from '../../../bot/owner-tools/parse-approval-stages.js';

/** The text with the error's span marked ⟦…⟧, as the grammar tests mark them. */
const marked = (text: string) => {
  const { errors } = parseApprovalStages(text);
  const e = errors[0]!;
  return `${text.slice(0, e.offset)}⟦${text.slice(e.offset, e.offset + e.length)}⟧${text.slice(e.offset + e.length)}: ${e.message}`;
};

describe('parseApprovalStages', () => {
  it.each([
    ['manager, owners', [{ approvers: 'manager' }, { approvers: 'owners' }]],
    ['manager then 2 of owners', [{ approvers: 'manager' }, { approvers: 'owners', quorum: 2 }]],
    ['the admins; Ines Duarte and Tomas Berg', [{ approvers: 'admins' }, { approvers: 'people', names: [{ name: 'Ines Duarte', offset: 12 }, { name: 'Tomas Berg', offset: 28 }] }]],
    ['2 of Ines + Tomas & Ada', [{ approvers: 'people', quorum: 2, names: [{ name: 'Ines', offset: 5 }, { name: 'Tomas', offset: 12 }, { name: 'Ada', offset: 20 }] }]],
  ])('reads %s', (text, stages) => {
    expect(parseApprovalStages(text)).toEqual({ stages, errors: [] });
  });

  it.each([
    ['manager, , owners', 'manager, ⟦,⟧ owners: an empty stage (two separators in a row)'],
    ['owners, manager, admins, owners', 'owners, manager, admins, ⟦owners⟧: at most 3 stages'],
    ['two of owners', '⟦two⟧ of owners: "two" isn\'t a number of approvals (1 to 50)'],
    ['3 of Ines and Tomas', '⟦3 of Ines and Tomas⟧: 3 approvals from 2 people'],
    ['2 of manager', '⟦2⟧ of manager: a requester has one manager, so that stage needs one approval'],
  ])('points at the mistake in %s', (text, expected) => {
    expect(marked(text)).toBe(expected);
    expect(parseApprovalStages(text).stages).toEqual([]);
  });
});
