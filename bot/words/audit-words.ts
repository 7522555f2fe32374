import type { AuditAction, AuditEntry } from '../../domain/audit/audit-entry.js';
import type { Platform } from '../../domain/join-requests/join-request.js';
import { bold, type Line } from '../../cards/card-view.js';

/** What each audited action is, in a few words for a list row. */
export function auditActionWords(action: AuditAction): string {
  switch (action) {
    case 'request.created': return 'asked to join';
    case 'request.refused': return 'was refused joining';
    case 'request.approved': return 'approved a request';
    case 'request.denied': return 'denied a request';
    case 'request.cancelled': return 'cancelled a request';
    case 'request.expired': return 'request expired';
    case 'request.approvalCounted': return 'approved, counted towards a quorum';
    case 'request.stageApproved': return 'approved a stage';
    case 'approvals.delegated': return 'delegated approvals';
    case 'request.escalated': return 'request escalated to alternates';
    case 'request.autoApproved': return 'joined, auto-approved by rule';
    case 'membership.added': return 'member added';
    case 'membership.removed': return 'member removed';
    case 'membership.timeBound': return 'membership end set';
    case 'owner.added': return 'owner added';
    case 'owner.removed': return 'owner removed';
    case 'group.created': return 'created the group';
    case 'settings.changed': return 'changed a setting';
    case 'tenantSettings.changed': return 'changed a tenant setting';
    case 'rule.proposed': return 'proposed a rule';
    case 'rule.applied': return 'applied a rule';
    case 'rule.cancelled': return 'cancelled a rule proposal';
    case 'attribute.changed': return 'changed an attribute';
    case 'seats.changed': return 'changed seats';
    case 'licensing.reprocessed': return 'reprocessed licensing';
    case 'alerts.subscribed': return 'subscribed a channel to alerts';
    case 'alerts.unsubscribed': return 'stopped alerts in a channel';
    case 'alert.sent': return 'license alert sent';
    case 'review.started': return 'started an access review';
    case 'review.decided': return 'decided in an access review';
    case 'review.closed': return 'access review ended';
  }
}

const platformNames: Record<Platform, string> = { teams: 'Teams', slack: 'Slack', web: 'web chat' };

/** "2026-11-30 09:00:12 UTC": admins want the exact time. */
export const auditTime = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;

/** A list row's headline: who did what. */
export function auditHeadline(entry: AuditEntry): Line {
  const who = entry.actorName ?? entry.actorId ?? 'GroupGate';
  return [bold(who), ` ${auditActionWords(entry.action)}`, ...(entry.subjectId && entry.subjectId !== entry.actorId ? [' · ', entry.subjectName ?? entry.subjectId] : [])];
}

/** A list row's detail: when, where, which group and request, and the details. */
export function auditDetail(entry: AuditEntry): Line {
  const details = Object.entries(entry.details ?? {}).map(([key, value]) => `${key} ${String(value)}`);
  const parts = [auditTime(entry.at), entry.platform ? platformNames[entry.platform] : 'GroupGate', entry.groupName ?? entry.groupId, entry.requestId, ...details];
  return [parts.filter((part): part is string => Boolean(part)).join(' · ')];
}
