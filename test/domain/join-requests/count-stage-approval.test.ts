import { describe, expect, it } from 'vitest';
import type { ApprovalStage } from '../../../domain/join-requests/approval-stage.js';
import { decideJoinRequest, type Decider } from '../../../domain/join-requests/decide-join-request.js';
import type { JoinRequest } from '../../../domain/join-requests/join-request.js';
import { userId, type UserId } from '../../../domain/model/ids.js';
import { pendingRequest } from '../../support/domain-fixtures.js';

const now = new Date('2026-11-30T14:02:00Z');
const [ines, tomas, ada, manager] = ['u-ines', 'u-tomas', 'u-ada', 'u-manager'].map(userId) as [UserId, UserId, UserId, UserId];
const stages: ApprovalStage[] = [{ approvers: 'manager' }, { approvers: 'owners', quorum: 2 }];
const staged = (extra: Partial<JoinRequest> = {}) => pendingRequest({ stages, ...extra });
const as = (id: UserId, approverSets: UserId[][], standsInFor?: UserId[]): Decider => ({ id, ownsGroup: false, isAdmin: false, groupHasOwners: true, approverSets, ...(standsInFor ? { standsInFor } : {}) });
const sets = [[manager], [ines, tomas, ada]];
const value = (outcome: ReturnType<typeof decideJoinRequest>) => (outcome.ok ? outcome.value : outcome.error);

describe('decisions at stages, with a quorum', () => {
  it("moves on to the next stage when the manager approves, with the stage's own clock and its approvers still to be told", () => {
    const moved = value(decideJoinRequest(staged({ remindedAt: '2026-11-29T00:00:00Z' }), as(manager, sets), 'approve', now, ' Fine by me '));
    expect(moved).toMatchObject({
      status: 'pending', stage: 1, stageStartedAt: now.toISOString(), approversToBeTold: true,
      approvals: [{ stage: 0, by: manager, note: 'Fine by me', at: now.toISOString() }],
    });
    expect(moved).not.toHaveProperty('remindedAt');
  });

  it('counts one approval of two and stays pending, then approves at the second', () => {
    const first = value(decideJoinRequest(staged({ stage: 1 }), as(ines, sets), 'approve', now)) as JoinRequest;
    expect(first).toMatchObject({ status: 'pending', stage: 1, approvals: [{ stage: 1, by: ines }] });
    expect(value(decideJoinRequest(first, as(tomas, sets), 'approve', now, 'Welcome'))).toMatchObject({ status: 'approved', decidedBy: tomas, note: 'Welcome', approvals: [{ by: ines }, { by: tomas }] });
  });

  it('counts an approver once: a second click is refused as counted already, and changes nothing', () => {
    const first = value(decideJoinRequest(staged({ stage: 1 }), as(ines, sets), 'approve', now)) as JoinRequest;
    expect(value(decideJoinRequest(first, as(ines, sets), 'approve', now))).toEqual({ reason: 'alreadyCounted', request: first });
  });

  it('ends the request at any stage on a denial', () => {
    expect(value(decideJoinRequest(staged(), as(manager, sets), 'deny', now, 'No'))).toMatchObject({ status: 'denied', decidedBy: manager, note: 'No' });
  });

  it('refuses an owner while the request waits for the manager, naming the stage', () => {
    expect(value(decideJoinRequest(staged(), as(ines, sets), 'approve', now))).toEqual({ reason: 'notAnApproverNow', stage: 0 });
  });

  it('skips a stage nobody can approve (no manager), never approving for it', () => {
    const noManager = [[], [ines, tomas]];
    expect(value(decideJoinRequest(staged({ stage: 1 }), as(ines, noManager), 'approve', now))).toMatchObject({ status: 'pending', approvals: [{ by: ines }] });
    const lastStageEmpty = [[manager], []];
    expect(value(decideJoinRequest(staged(), as(manager, lastStageEmpty), 'approve', now))).toMatchObject({ status: 'approved', decidedBy: manager });
  });

  it('asks no more approvals than a stage has approvers', () => {
    expect(value(decideJoinRequest(staged({ stage: 1 }), as(ines, [[manager], [ines]]), 'approve', now))).toMatchObject({ status: 'approved' });
  });

  it("lets a delegate approve for an approver, recorded as by one for the other, and never on the delegate's own request", () => {
    const delegated = value(decideJoinRequest(staged(), as(ada, sets, [manager]), 'approve', now)) as JoinRequest;
    expect(delegated.approvals).toEqual([{ stage: 0, by: ada, for: manager, at: now.toISOString() }]);
    const own = pendingRequest({ stages, requesterId: ada });
    expect(value(decideJoinRequest(own, as(ada, sets, [manager]), 'approve', now))).toMatchObject({ reason: 'selfDecision' });
  });
});
