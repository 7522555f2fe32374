import { describe, expect, it } from 'vitest';
import { cancelJoinRequest } from '../../../domain/join-requests/cancel-join-request.js';
import { decideJoinRequest, type Decider } from '../../../domain/join-requests/decide-join-request.js';
import { dueAction } from '../../../domain/join-requests/join-request-timing.js';
import { newJoinRequestId, parseJoinRequestId } from '../../../domain/join-requests/join-request-id.js';
import { userId } from '../../../domain/model/ids.js';
import { pendingRequest } from '../../support/domain-fixtures.js';

const now = new Date('2026-11-30T14:02:00Z');
const owner: Decider = { id: userId('u-owner'), ownsGroup: true, isAdmin: false, groupHasOwners: true };

describe('decideJoinRequest', () => {
  it('records who approved and when', () => {
    expect(decideJoinRequest(pendingRequest(), owner, 'approve', now)).toEqual({
      ok: true,
      value: { ...pendingRequest(), status: 'approved', decidedBy: 'u-owner', decidedAt: '2026-11-30T14:02:00.000Z' },
    });
  });

  it('keeps the note of a denial, trimmed', () => {
    const outcome = decideJoinRequest(pendingRequest(), owner, 'deny', now, '  Please use Atlas Readers instead. ');
    expect(outcome.ok && outcome.value).toMatchObject({ status: 'denied', note: 'Please use Atlas Readers instead.' });
  });

  it('lets the first decision win: a later one learns who decided', () => {
    const decided = pendingRequest({ status: 'approved', decidedBy: userId('u-first'), decidedAt: '2026-11-30T13:58:00.000Z' });
    expect(decideJoinRequest(decided, owner, 'deny', now)).toEqual({ ok: false, error: { reason: 'alreadyDecided', request: decided } });
  });

  it('refuses someone who does not own the group', () => {
    const outsider: Decider = { ...owner, ownsGroup: false };
    expect(decideJoinRequest(pendingRequest(), outsider, 'approve', now)).toEqual({ ok: false, error: { reason: 'notAnOwner', groupHasOwners: true } });
  });

  it('refuses an admin when the group has owners, and accepts one when it has none', () => {
    const admin: Decider = { id: userId('u-admin'), ownsGroup: false, isAdmin: true, groupHasOwners: true };
    expect(decideJoinRequest(pendingRequest(), admin, 'approve', now).ok).toBe(false);
    expect(decideJoinRequest(pendingRequest(), { ...admin, groupHasOwners: false }, 'approve', now).ok).toBe(true);
  });

  it('refuses an owner deciding their own request', () => {
    const self: Decider = { ...owner, id: userId('u-requester') };
    expect(decideJoinRequest(pendingRequest(), self, 'approve', now)).toEqual({ ok: false, error: { reason: 'selfDecision', groupHasOwners: true } });
  });

  it('reports a request that does not exist', () => {
    expect(decideJoinRequest(undefined, owner, 'approve', now)).toEqual({ ok: false, error: { reason: 'requestNotFound' } });
  });
});

describe('cancelJoinRequest', () => {
  it('lets the requester withdraw while pending', () => {
    expect(cancelJoinRequest(pendingRequest(), userId('u-requester'), now)).toMatchObject({ ok: true, value: { status: 'cancelled' } });
  });

  it('refuses anyone else, and a request already decided', () => {
    expect(cancelJoinRequest(pendingRequest(), userId('u-owner'), now)).toEqual({ ok: false, error: { reason: 'notRequester' } });
    const decided = pendingRequest({ status: 'denied' });
    expect(cancelJoinRequest(decided, userId('u-requester'), now)).toEqual({ ok: false, error: { reason: 'alreadyDecided', request: decided } });
  });
});

describe('dueAction', () => {
  const timing = { remindAfterMs: 2 * 86_400_000, expireAfterMs: 7 * 86_400_000 };
  const at = (days: number) => new Date(Date.parse('2026-11-30T09:00:00Z') + days * 86_400_000);

  it.each([
    [1.9, undefined, 'none'],
    [2, undefined, 'remind'],
    [3, '2026-12-02T09:00:00.000Z', 'none'],
    [7, '2026-12-02T09:00:00.000Z', 'expire'],
  ])('after %s days (reminded at %s) a pending request needs: %s', (days, remindedAt, action) => {
    expect(dueAction(pendingRequest(remindedAt ? { remindedAt } : {}), at(days), timing)).toBe(action);
  });

  it('leaves decided requests alone', () => {
    expect(dueAction(pendingRequest({ status: 'approved' }), at(30), timing)).toBe('none');
  });
});

describe('request ids', () => {
  it('are short and typeable, and read back however people type them', () => {
    const id = newJoinRequestId(() => 0.5);
    expect(id).toMatch(/^R-[0-9A-Z]{4}$/);
    expect(parseJoinRequestId(id.toLowerCase())).toBe(id);
    expect(parseJoinRequestId(id.replace('-', ''))).toBe(id);
    expect(parseJoinRequestId('hello world')).toBeUndefined();
  });

  it('read a typed O as zero and I or L as one, since ids never contain those letters', () => {
    expect(parseJoinRequestId('r-7foi')).toBe('R-7F01');
  });
});
