import { describe, expect, it } from 'vitest';
import { cardActionSchema } from '../../../bot/handle-card-action.js';
import { adaptiveAction, slackButton } from '../../../cards/card-buttons.js';
import type { CardButton } from '../../../cards/card-view.js';
import { cardActionFromBlockAction } from '../../../adapters/slack/card-action-from-block-action.js';

const buttons: CardButton[] = [
  { action: 'approve', title: 'Approve', requestId: 'R-7F3A', style: 'primary' },
  { action: 'deny', title: 'Deny', requestId: 'R-7F3A', style: 'danger' },
  { action: 'cancel', title: 'Cancel', requestId: 'R-9K2M' },
  { action: 'run', title: 'Join Lunch Club', command: 'join Lunch Club' },
];

describe('cardActionFromBlockAction', () => {
  it.each(buttons.map((b, i) => [b.action, b, i] as const))('reads a %s button exactly as the Teams Action.Execute for it reads', (_name, button, index) => {
    const teams = adaptiveAction(button);
    const fromTeams = cardActionSchema.parse({ ...teams.data, action: teams.verb });
    expect(cardActionFromBlockAction({ ...slackButton(button, index), block_id: 'b', action_ts: '1.2' })).toEqual({ ok: true, value: fromTeams });
  });

  it.each([
    ['an action id GroupGate never issues', { type: 'button', action_id: 'admin.grant:0', value: '{"requestId":"R-7F3A"}' }, /unknown action id/],
    ['an action id without its index', { type: 'button', action_id: 'join-request.approve', value: '{"requestId":"R-7F3A"}' }, /unknown action id/],
    ['a value that is not JSON', { type: 'button', action_id: 'join-request.approve:0', value: 'R-7F3A' }, /not what GroupGate puts/],
    ['a note smuggled into the value', { type: 'button', action_id: 'join-request.deny:1', value: '{"requestId":"R-7F3A","note":"x"}' }, /not what GroupGate puts/],
    ['a request id on a command button', { type: 'button', action_id: 'command.run:0', value: '{"requestId":"R-7F3A"}' }, /does not fit command.run/],
    ['a select menu instead of a button', { type: 'static_select', action_id: 'join-request.approve:0', selected_option: {} }, /not a GroupGate button/],
    ['nothing at all', undefined, /not a GroupGate button/],
  ])('refuses %s', (_name, action, why) => {
    const result = cardActionFromBlockAction(action);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(why);
  });
});
