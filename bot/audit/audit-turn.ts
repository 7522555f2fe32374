import type { AuditRecord } from '../../domain/audit/audit-entry.js';
import type { GroupGate } from '../group-gate.js';
import type { Turn } from '../turn.js';

/** Records an action a person took in chat: who they are and the platform come from the turn. */
export function auditTurn(gate: Pick<GroupGate, 'audit'>, turn: Turn, record: Omit<AuditRecord, 'actorId' | 'actorName' | 'platform'>): Promise<void> {
  return gate.audit.append({ ...record, actorId: turn.actor.id, actorName: turn.actor.displayName, platform: turn.platform });
}
