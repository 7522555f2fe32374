import type { DirectoryGroup } from '../../domain/model/directory-group.js';
import { groupId, joinRequestId, userId } from '../../domain/model/ids.js';
import type { JoinRequest } from '../../domain/join-requests/join-request.js';

/** A security group with sensible defaults; override what a test is about. */
export const securityGroup = (overrides: Partial<DirectoryGroup> = {}): DirectoryGroup => ({
  id: groupId('g-1'),
  displayName: 'Atlas Project',
  groupTypes: [],
  mailEnabled: false,
  securityEnabled: true,
  onPremisesSyncEnabled: null,
  isAssignableToRole: false,
  membershipRule: null,
  visibility: null,
  ...overrides,
});

/** A pending request by `u-requester` for `g-1`, made at 09:00. */
export const pendingRequest = (overrides: Partial<JoinRequest> = {}): JoinRequest => ({
  id: joinRequestId('R-7F3A'),
  groupId: groupId('g-1'),
  requesterId: userId('u-requester'),
  createdAt: '2026-11-30T09:00:00.000Z',
  status: 'pending',
  ...overrides,
});
