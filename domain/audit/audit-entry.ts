import type { Platform } from '../join-requests/join-request.js';

/**
 * Everything GroupGate writes to its audit trail, one word per kind of action. Adding one here
 * makes the exhaustive words in bot/ fail to build until it has a description.
 */
export const auditActions = [
  'request.created', 'request.refused', 'request.approved', 'request.denied', 'request.cancelled', 'request.expired',
  'request.approvalCounted', 'request.stageApproved', 'request.escalated', 'approvals.delegated',
  'request.autoApproved',
  'membership.added', 'membership.removed', 'membership.timeBound',
  'owner.added', 'owner.removed', 'group.created',
  'settings.changed', 'tenantSettings.changed',
  'rule.proposed', 'rule.applied', 'rule.cancelled', 'attribute.changed',
  'seats.changed', 'licensing.reprocessed', 'alerts.subscribed', 'alerts.unsubscribed', 'alert.sent',
  'review.started', 'review.decided', 'review.closed',
] as const;

/** One kind of audited action. */
export type AuditAction = (typeof auditActions)[number];

/** Small facts about an action, flat so they export to one CSV column. */
export type AuditDetails = Readonly<Record<string, string | number | boolean>>;

/** What a call site says happened; `at` defaults to the clock, names are filled in from ids where missing. */
export interface AuditRecord {
  readonly action: AuditAction;
  /** Who did it (Entra object id); absent when GroupGate itself did (a sweep, an expiry, an alert). */
  readonly actorId?: string;
  readonly actorName?: string;
  /** Where the action came from; absent for GroupGate's own scheduled work. */
  readonly platform?: Platform;
  readonly groupId?: string;
  readonly groupName?: string;
  /** The person acted on (the requester, the member added, the new owner). */
  readonly subjectId?: string;
  readonly subjectName?: string;
  readonly requestId?: string;
  readonly details?: AuditDetails;
  readonly at?: string;
}

/** One line of the audit trail as stored: written once, never changed. */
export interface AuditEntry extends AuditRecord {
  /** `<ISO time>:<sequence><random>`, which sorts the trail by time (and one instance's entries of one millisecond in order). */
  readonly id: string;
  readonly at: string;
}
