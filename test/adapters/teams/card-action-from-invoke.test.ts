import { describe, expect, it } from 'vitest';
import { cardActionFromInvoke } from '../../../adapters/teams/card-action-from-invoke.js';
import { CardActions } from '../../../cards/card-actions.js';

const execute = (verb: string, data?: Record<string, unknown>, trigger?: string) => ({
  action: { type: 'Action.Execute', id: 'b1', verb, ...(data ? { data } : {}) },
  ...(trigger ? { trigger } : {}),
});

describe('cardActionFromInvoke', () => {
  it.each([
    ['approve', execute(CardActions.approve, { requestId: 'R-7F3A' }, 'manual'), { action: CardActions.approve, requestId: 'R-7F3A' }],
    ['deny with the note Teams merged into data', execute(CardActions.deny, { requestId: 'R-7F3A', note: 'Use Atlas Readers' }), { action: CardActions.deny, requestId: 'R-7F3A', note: 'Use Atlas Readers' }],
    ['approve with the note Teams merged into data (issue 19: the note goes with Approve too)', execute(CardActions.approve, { requestId: 'R-7F3A', note: 'Welcome aboard' }), { action: CardActions.approve, requestId: 'R-7F3A', note: 'Welcome aboard' }],
    ['cancel', execute(CardActions.cancel, { requestId: 'R-7F3A' }), { action: CardActions.cancel, requestId: 'R-7F3A' }],
    ['a command button', execute(CardActions.run, { command: 'pending' }), { action: CardActions.run, command: 'pending' }],
    ['the verb, not a data field, naming the action', execute(CardActions.deny, { requestId: 'R-7F3A', action: CardActions.approve }), { action: CardActions.deny, requestId: 'R-7F3A' }],
  ])('reads %s', (_name, value, expected) => {
    expect(cardActionFromInvoke(value)).toEqual({ kind: 'click', action: expected });
  });

  it('treats an automatic refresh as a refresh, even with an approve verb', () => {
    expect(cardActionFromInvoke(execute(CardActions.approve, { requestId: 'R-7F3A' }, 'automatic'))).toEqual({ kind: 'refresh' });
  });

  it.each([
    ['a verb GroupGate never issued', execute('join-request.approve-all', { requestId: 'R-7F3A' }), /unknown or malformed verb/],
    ['an approve without a request id', execute(CardActions.approve, {}), /unknown or malformed verb/],
    ['an Action.Submit', { action: { type: 'Action.Submit', verb: CardActions.approve, data: { requestId: 'R-7F3A' } } }, /Action\.Execute/],
    ['no action at all', { trigger: 'manual' }, /action/],
    ['not an object', 'approve', /expected object/],
  ])('refuses %s, saying why', (_name, value, problem) => {
    const reading = cardActionFromInvoke(value);
    expect(reading.kind).toBe('refused');
    expect(reading.kind === 'refused' && reading.problem).toMatch(problem);
  });
});
