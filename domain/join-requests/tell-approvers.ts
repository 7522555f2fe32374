import type { UserId } from '../model/ids.js';
import type { NotifyReport } from '../ports/notifier.js';
import type { JoinRequest } from './join-request.js';
import type { JoinRequestPorts } from './join-request-ports.js';
import { keys } from './join-request-records.js';

/**
 * Sends a new request's approvers their cards, then clears `approversToBeTold`. Sending comes
 * first: a crash in between means a second card (the sweep sends again), never a request nobody
 * was told about. A notifier that throws leaves the mark for the sweep too.
 */
export async function tellApprovers(ports: JoinRequestPorts, request: JoinRequest, approverIds: readonly UserId[]): Promise<NotifyReport> {
  const report = await ports.notifier.notify({ kind: 'approvalRequested', request, approverIds, reminder: false });
  await ports.store.update<JoinRequest, void>(keys.request(request.id), (current) => {
    if (!current?.approversToBeTold) return { result: undefined };
    const { approversToBeTold: _told, ...rest } = current;
    return { next: rest, result: undefined };
  });
  return report;
}
