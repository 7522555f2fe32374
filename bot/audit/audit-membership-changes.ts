import type { AuditLog } from '../../domain/audit/audit-log.js';
import type { MembershipListener } from '../../domain/ports/membership-events.js';
import { currentRequest } from '../request-context.js';

/**
 * Every membership change, from whichever path made it (a decision, an open join, a leave, an
 * owner, a rule, an expiry, the directory's own feed), in the audit trail. Who and where come from
 * the turn that caused it; a change GroupGate made on its own (a sweep, an expiry) has neither.
 */
export function auditMembershipChanges(audit: AuditLog): MembershipListener {
  return async (change) => {
    const context = currentRequest();
    await audit.append({
      action: change.change === 'added' ? 'membership.added' : 'membership.removed',
      groupId: change.groupId,
      subjectId: change.userId,
      details: { cause: change.cause },
      ...(context?.actor ? { actorId: context.actor.id, actorName: context.actor.displayName } : {}),
      ...(context?.platform ? { platform: context.platform } : {}),
    });
  };
}
