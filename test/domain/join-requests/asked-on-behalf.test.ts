import { describe, expect, it } from 'vitest';
import { decideJoinRequest, type Decider } from '../../../domain/join-requests/decide-join-request.js';
import { findStageApprovers } from '../../../domain/join-requests/find-stage-approvers.js';
import { askersOf } from '../../../domain/join-requests/join-request.js';
import type { DirectoryUser } from '../../../domain/model/directory-user.js';
import { userId } from '../../../domain/model/ids.js';
import type { Directory } from '../../../domain/ports/directory.js';
import { pendingRequest } from '../../support/domain-fixtures.js';

// Issue 19, on behalf: a request a manager asked for is the person's, and neither may approve it.
const now = new Date('2026-11-30T14:02:00Z');
const manager = userId('u-manager');
const owner = userId('u-owner');
const asked = pendingRequest({ askedBy: manager });

describe('a request asked for someone else', () => {
  it('counts the requester and the manager who asked as its askers; an old request has only its requester', () => {
    expect(askersOf(asked)).toEqual([asked.requesterId, manager]);
    expect(askersOf(pendingRequest())).toEqual([pendingRequest().requesterId]);
  });

  it('refuses the manager who asked, even as an owner or standing in for one, and says why', () => {
    const asOwner: Decider = { id: manager, ownsGroup: true, isAdmin: false, groupHasOwners: true };
    expect(decideJoinRequest(asked, asOwner, 'approve', now)).toEqual({ ok: false, error: { reason: 'selfDecision', groupHasOwners: true, askedForThem: true } });
    const standingIn: Decider = { ...asOwner, ownsGroup: false, approverSets: [[owner]], standsInFor: [owner] };
    expect(decideJoinRequest(asked, standingIn, 'deny', now)).toMatchObject({ ok: false, error: { reason: 'selfDecision' } });
    const byOwner = decideJoinRequest(asked, { ...asOwner, id: owner }, 'approve', now);
    expect(byOwner.ok && byOwner.value).toMatchObject({ status: 'approved', decidedBy: owner, askedBy: manager });
  });

  it('leaves the manager who asked out of every stage: as an owner, as the manager, as a named person', async () => {
    const requester: DirectoryUser = { id: asked.requesterId, displayName: 'Ada Ito', userPrincipalName: 'ada@contoso.example', manager: { id: manager } } as DirectoryUser;
    const directory = {
      listOwners: async () => [owner, manager],
      getUser: async (id: string) => (id === requester.id ? requester : undefined),
      listAdmins: async () => [],
    } as unknown as Directory;
    const approvers = await findStageApprovers(directory, { ...asked, stages: [{ approvers: 'manager' }, { approvers: 'people', people: [manager, owner] }, { approvers: 'owners' }] });
    expect(approvers.sets).toEqual([[], [owner], [owner]]);
    const single = await findStageApprovers(directory, asked);
    expect(single.sets).toEqual([[owner]]);
  });
});
